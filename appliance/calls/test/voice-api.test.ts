/**
 * Voice API over both dialects: settings (defaults, validation, roles), recordings (encrypted at
 * rest, listed with filters, decrypted download, retention sweep), call-status webhook, a call's
 * events (digits withheld from viewers), live calls.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { startTestApi } from '../../test/helpers/app.js';
import { dialects } from '../../test/helpers/dialects.js';
import { encryptRecording } from '../index.js';
import { insertCall, insertCallEvent, insertRecording } from '../store.js';

function wav(seconds: number): Buffer {
  const n = 8000 * seconds * 2;
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(2, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(32000, 28);
  b.writeUInt16LE(4, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(3000 * Math.sin(i / 5)), 44 + i * 2);
  return b;
}

for (const dialect of dialects) {
  t.test(`voice API [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const { app } = api;
    const a = await api.register('Alpha Voice');
    const b = await api.register('Bravo Voice');
    const agent = await api.call<{ id: string }>('POST', '/agents', {
      token: a.token,
      body: { name: 'A', numbers: ['5001'] },
    });

    // Settings: defaults, update, validation.
    const s0 = await api.call('GET', '/voice/settings', { token: a.token });
    t.same(s0.body, { recordingEnabled: true, retentionDays: 90 });
    const bad = await api.call('PUT', '/voice/settings', {
      token: a.token,
      body: { recordingEnabled: true, retentionDays: 0 },
    });
    t.equal(bad.status, 400);
    const extra = await api.call('PUT', '/voice/settings', {
      token: a.token,
      body: { recordingEnabled: true, retentionDays: 5, extra: 1 },
    });
    t.equal(extra.status, 400, 'unknown fields are refused');
    const put = await api.call('PUT', '/voice/settings', {
      token: a.token,
      body: { recordingEnabled: false, retentionDays: 7 },
    });
    t.equal(put.status, 200);
    t.same((await api.call('GET', '/voice/settings', { token: a.token })).body, {
      recordingEnabled: false,
      retentionDays: 7,
    });
    t.same((await api.call('GET', '/voice/settings', { token: b.token })).body, {
      recordingEnabled: true,
      retentionDays: 90,
    });

    // A finished call with an encrypted recording.
    const callId = randomUUID();
    await insertCall(app.ctx.db.kysely, {
      id: callId,
      businessId: a.businessId,
      agentId: agent.body.id,
      direction: 'inbound',
      caller: '+15551234567',
      dialed: '5001',
      state: 'ended',
      billing: 'included',
      startedAt: new Date().toISOString(),
    });
    const plain = path.join(app.ctx.config.dataDir, 'plain.wav');
    const original = wav(2);
    writeFileSync(plain, original);
    const recId = randomUUID();
    const enc = await encryptRecording(
      app.ctx.masterKey.derive('recordings'),
      app.ctx.config.dataDir,
      a.businessId,
      recId,
      plain,
    );
    t.notOk(existsSync(plain), 'plaintext deleted after encryption');
    const stored = readFileSync(path.join(app.ctx.config.dataDir, enc.file));
    t.equal(stored.subarray(0, 4).toString(), 'VREC', 'encrypted at rest');
    t.notOk(stored.includes(original.subarray(44, 1044)), 'no plaintext audio in the file');
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await insertRecording(app.ctx.db.kysely, {
      id: recId,
      businessId: a.businessId,
      callId,
      conversationId: null,
      agentId: agent.body.id,
      file: enc.file,
      bytes: enc.bytes,
      durationMs: 2000,
      sampleRateHz: 8000,
      createdAt: old,
    });

    const list = await api.call<{ items: Array<{ id: string }>; total: number }>('GET', '/voice/recordings', {
      token: a.token,
    });
    t.equal(list.body.total, 1);
    t.equal(list.body.items[0]?.id, recId);
    const filtered = await api.call<{ total: number }>('GET', `/voice/recordings?agentId=${randomUUID()}`, {
      token: a.token,
    });
    t.equal(filtered.body.total, 0, 'agent filter');
    const ranged = await api.call<{ total: number }>(
      'GET',
      `/voice/recordings?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`,
      { token: a.token },
    );
    t.equal(ranged.body.total, 0, 'date filter');
    t.equal((await api.call('GET', '/voice/recordings?from=yesterday', { token: a.token })).status, 400);
    t.equal(
      (await api.call<{ total: number }>('GET', '/voice/recordings', { token: b.token })).body.total,
      0,
      'B sees none',
    );
    t.equal((await api.call('GET', `/voice/recordings/${recId}`, { token: b.token })).status, 404);
    t.equal((await api.call('GET', `/voice/recordings/${recId}/audio`, { token: b.token })).status, 404);
    const meta = await api.call<{ durationMs: number; file?: string }>('GET', `/voice/recordings/${recId}`, {
      token: a.token,
    });
    t.equal(meta.body.durationMs, 2000);
    t.equal(meta.body.file, undefined, 'no file path in the API');
    const dl = await fetch(`${api.baseUrl}/api/v1/voice/recordings/${recId}/audio`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    t.equal(dl.status, 200);
    t.equal(dl.headers.get('content-type'), 'audio/wav');
    t.ok(Buffer.from(await dl.arrayBuffer()).equals(original), 'download decrypts to the original WAV');
    const downloads = await api.call<{ items: Array<{ targetId: string; ip: string; actorId: string }> }>(
      'GET',
      '/audit-log?action=recording.download',
      { token: a.token },
    );
    t.match(
      downloads.body.items,
      [{ targetId: recId, ip: '127.0.0.1', actorId: a.userId }],
      'download audited',
    );

    // Call-status webhook.
    const hook = {
      callId,
      event: 'completed',
      timestamp: new Date().toISOString(),
      durationS: 42,
      provider: 'ext',
    };
    const w = await api.call<{ id: string }>('POST', '/voice/webhook', { token: a.token, body: hook });
    t.equal(w.status, 202);
    const ev = await app.ctx.db.kysely
      .selectFrom('call_events')
      .selectAll()
      .where('id', '=', w.body.id)
      .executeTakeFirst();
    t.equal(ev?.event, 'completed');
    const call = await app.ctx.db.kysely
      .selectFrom('calls')
      .select('external_status')
      .where('id', '=', callId)
      .executeTakeFirst();
    t.equal(call?.external_status, 'completed');
    t.equal(
      (await api.call('POST', '/voice/webhook', { token: b.token, body: hook })).status,
      404,
      "B cannot post to A's call",
    );
    t.equal(
      (
        await api.call('POST', '/voice/webhook', {
          token: a.token,
          body: { event: 'completed', timestamp: hook.timestamp },
        })
      ).status,
      400,
    );
    t.equal(
      (await api.call('POST', '/voice/webhook', { token: a.token, body: { ...hook, event: 'exploded' } }))
        .status,
      400,
    );

    // The call's events: keypad digits (stored by the call manager) and the status callback, oldest first.
    const t0 = Date.parse(hook.timestamp);
    for (const [i, digit] of ['4', '#'].entries()) {
      const at = new Date(t0 - 2000 + i * 500).toISOString();
      await insertCallEvent(app.ctx.db.kysely, {
        businessId: a.businessId,
        callId,
        conversationId: null,
        event: 'dtmf',
        occurredAt: at,
        receivedAt: at,
        payload: { digit, source: 'rfc4733', durationMs: 160 },
      });
    }
    await api.call('POST', '/voice/webhook', {
      token: a.token,
      body: {
        ...hook,
        event: 'answered',
        timestamp: new Date(t0 - 3000).toISOString(),
        from: '+15551234567',
      },
    });
    type Events = { items: Array<{ event: string; data: Record<string, unknown> }>; total: number };
    const evs = await api.call<Events>('GET', `/voice/calls/${callId}/events`, { token: a.token });
    t.equal(evs.status, 200);
    t.same(
      evs.body.items.map((e) => [e.event, e.data['digit'] ?? e.data['from'] ?? null]),
      [
        ['answered', '+15551234567'],
        ['dtmf', '4'],
        ['dtmf', '#'],
        ['completed', null],
      ],
      'events in time order, digits and numbers visible to the owner',
    );
    t.same(evs.body.items[1]?.data, { digit: '4', source: 'rfc4733', durationMs: 160 });
    t.equal(evs.body.total, 4);
    const page2 = await api.call<Events>('GET', `/voice/calls/${callId}/events?limit=2&offset=2`, {
      token: a.token,
    });
    t.same(
      page2.body.items.map((e) => e.event),
      ['dtmf', 'completed'],
      'paged',
    );
    t.equal(page2.body.total, 4);
    const viewerKey = await api.call<{ key: string }>('POST', '/api-keys', {
      token: a.token,
      body: { name: 'viewer', role: 'viewer' },
    });
    const masked = await api.call<Events>('GET', `/voice/calls/${callId}/events`, {
      token: viewerKey.body.key,
    });
    t.equal(masked.status, 200);
    t.same(
      masked.body.items.map((e) => [e.event, e.data['digit'], e.data['from']]),
      [
        ['answered', undefined, '********67'],
        ['dtmf', null, undefined],
        ['dtmf', null, undefined],
        ['completed', undefined, undefined],
      ],
      'viewers get no digits and masked numbers',
    );
    t.notOk(JSON.stringify(masked.body).includes('1234567'), 'no number for viewers');
    t.equal(
      (await api.call('GET', `/voice/calls/${callId}/events`, { token: b.token })).status,
      404,
      "B cannot read A's call events",
    );
    t.equal((await api.call('GET', `/voice/calls/${randomUUID()}/events`, { token: a.token })).status, 404);
    t.equal((await api.call('GET', `/voice/calls/${callId}/events?limit=0`, { token: a.token })).status, 400);

    // Live calls (none), test call without telephony -> 503, bad target -> 400.
    t.same((await api.call('GET', '/voice/calls', { token: a.token })).body, { items: [] });
    const tc = await api.call('POST', '/voice/test-call', {
      token: a.token,
      body: { agentId: agent.body.id, target: '+15550001' },
    });
    t.equal(tc.status, 503);
    const tcBad = await api.call('POST', '/voice/test-call', {
      token: a.token,
      body: { agentId: agent.body.id, target: 'rm -rf /' },
    });
    t.equal(tcBad.status, 400);
    const tcOther = await api.call('POST', '/voice/test-call', {
      token: b.token,
      body: { agentId: agent.body.id, target: '+15550001' },
    });
    t.equal(tcOther.status, 404, "B cannot dial with A's agent");

    // Retention: A keeps 7 days, the recording is 10 days old.
    const m = app.modules.calls;
    t.equal(await m.sweep(), 1, 'expired recording swept');
    t.notOk(existsSync(path.join(app.ctx.config.dataDir, enc.file)), 'file deleted');
    t.equal((await api.call('GET', `/voice/recordings/${recId}`, { token: a.token })).status, 404);
  });
}
