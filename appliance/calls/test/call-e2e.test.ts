/**
 * End to end over real SIP and RTP on 127.0.0.1: a PBX-side peer (the sip/ and media/ layers)
 * calls the appliance, asks a question spoken by festival (the appliance speaks flite), records
 * the answer and transcribes it with pocketsphinx constrained to candidate answers. Also: DTMF 0
 * -> REFER (the peer refuses it) -> bridged transfer to the "human" extension, plan limit
 * notice + BYE, caller hanging up mid-answer, RTP stopping mid-call.
 */
import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { createModelRuntime, type ModelRuntime } from '../../../models/index.js';
import type { TestApi } from '../../test/helpers/app.js';
import { sharedDir, sharedModelsDir } from '../../test/helpers/shared.js';
import { startCallsApi } from './helpers/calls-api.js';
import {
  concat,
  festivalSpeech,
  haveFestival,
  sleep,
  TestPeer,
  waitFor,
  type PeerCall,
} from './helpers/caller.js';

if (!haveFestival()) {
  t.plan(0, 'festival (text2wave) is not installed: no caller voice');
  process.exit(0);
}

const QUESTION = 'What are your opening hours?';

let api: TestApi;
let peer: TestPeer;
let sipPort = 0;
let stt: ModelRuntime | undefined;

interface Biz {
  token: string;
  businessId: string;
  agentId: string;
}

async function business(name: string, number: string, plan: string, greeting?: string): Promise<Biz> {
  const b = await api.register(name);
  const s = await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: plan } });
  if (s.status !== 201) throw new Error(`subscribe: ${s.status}`);
  const a = await api.call<{ id: string }>('POST', '/agents', {
    token: b.token,
    body: {
      name: `${name} agent`,
      greeting: greeting ?? `Hello, thank you for calling ${name}.`,
      numbers: [number],
      facts: {
        hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '09:00', close: '17:00' }],
        address: '12 Main Street',
        transferExtension: `sip:200@127.0.0.1:${peer.port}`,
      },
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
    },
  });
  if (a.status !== 201) throw new Error(`agent: ${a.status} ${JSON.stringify(a.body)}`);
  return { token: b.token, businessId: b.businessId, agentId: a.body.id };
}

/** Waits until the agent has spoken and then been quiet for quietMs. */
async function waitAgentDone(
  pc: PeerCall,
  fromIdx: number,
  quietMs: number,
  timeoutMs: number,
): Promise<boolean> {
  return waitFor(() => {
    const last = pc.heard.loudAt.at(-1);
    return pc.heard.loudAt.length > fromIdx && last !== undefined && performance.now() - last > quietMs;
  }, timeoutMs);
}

t.before(async () => {
  peer = await TestPeer.start();
  ({ api, sipPort } = await startCallsApi(t, { rtpPortMin: 31000, inactivityTimeoutMs: 2000 }));
});

t.teardown(async () => {
  await peer?.stop();
  await stt?.close();
});

t.test('asks a question and hears the answer from the business data', async (t) => {
  const biz = await business('Bella Pizza', '1000', 'enterprise');
  const question = festivalSpeech(QUESTION);
  const pc = await peer.dial('1000', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  t.ok(await waitAgentDone(pc, 0, 700, 15_000), 'greeting heard');
  const live = await api.call<{ items: Array<{ agentId: string; caller: string | null }> }>(
    'GET',
    '/voice/calls',
    {
      token: biz.token,
    },
  );
  t.equal(live.body.items.length, 1, 'the call is live');
  t.equal(live.body.items[0]?.agentId, biz.agentId);
  const before = pc.heard.pcm.length;
  const loudBefore = pc.heard.loudAt.length;
  pc.media.play(question, 16000);
  t.ok(await waitAgentDone(pc, loudBefore + 5, 1200, 20_000), 'answer heard');
  const answer = concat(pc.heard.pcm.slice(before));
  await pc.call.hangup();
  await waitFor(
    () => (api.app.modules.calls as { manager?: { activeCount: number } }).manager?.activeCount === 0,
    5000,
  );

  const list = await api.call<{ items: Array<{ id: string; status: string }> }>('GET', '/conversations', {
    token: biz.token,
  });
  const conv = list.body.items[0];
  t.ok(conv, 'conversation stored');
  const detail = await api.call<{
    turns: Array<{ speaker: string; text: string; latency: Record<string, number> | null }>;
  }>('GET', `/conversations/${conv?.id}`, { token: biz.token });
  const turns = detail.body.turns;
  const callerTurn = turns.find((x) => x.speaker === 'caller');
  const agentTurn = turns.filter((x) => x.speaker === 'agent')[1];
  t.ok(callerTurn, 'caller turn stored');
  t.match(agentTurn?.text ?? '', /9|nine/i, `agent answered with the hours: ${agentTurn?.text}`);
  t.ok(agentTurn?.latency?.voiceToVoiceMs !== undefined, 'voice-to-voice latency stored');
  t.ok(agentTurn?.latency?.sttMs !== undefined, 'stt latency stored');
  const lat = agentTurn?.latency ?? {};
  t.ok(
    lat.processingMs !== undefined &&
      lat.voiceToVoiceMs !== undefined &&
      lat.processingMs <= lat.voiceToVoiceMs,
    `processing after the endpointing decision stored (${lat.processingMs} of ${lat.voiceToVoiceMs} ms)`,
  );

  // The audio the caller heard holds that answer (pocketsphinx constrained to candidate answers).
  stt ??= await createModelRuntime({
    modelsDir: sharedModelsDir(),
    prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
  });
  const candidates = [
    (agentTurn?.text ?? '').toLowerCase(),
    'we are at twelve main street',
    'sorry i did not catch that could you say it again',
    'hello thank you for calling bella pizza',
  ];
  const r = await stt.stt.transcribe(
    { pcm: answer, sampleRateHz: 16000 },
    { bias: { phrases: candidates, mode: 'grammar' } },
  );
  t.match(r.text, /nine|9|hours|open/i, `transcribed answer: ${r.text}`);

  // Recording: encrypted, listed, downloadable as WAV.
  t.ok(
    await waitFor(() => false, 0).then(async () => {
      for (let i = 0; i < 50; i++) {
        const rl = await api.call<{ items: unknown[] }>('GET', '/voice/recordings', { token: biz.token });
        if (rl.body.items.length > 0) return true;
        await sleep(100);
      }
      return false;
    }),
    'recording listed',
  );
  const rl = await api.call<{ items: Array<{ id: string; durationMs: number }> }>(
    'GET',
    '/voice/recordings',
    { token: biz.token },
  );
  const rec = rl.body.items[0];
  t.ok((rec?.durationMs ?? 0) > 1000, 'recording has the call audio');
  const audio = await fetch(`${api.baseUrl}/api/v1/voice/recordings/${rec?.id}/audio`, {
    headers: { authorization: `Bearer ${biz.token}` },
  });
  t.equal(audio.status, 200);
  t.equal(audio.headers.get('content-type'), 'audio/wav');
  const wav = Buffer.from(await audio.arrayBuffer());
  t.equal(wav.subarray(0, 4).toString(), 'RIFF', 'decrypted WAV');
  t.equal(wav.readUInt16LE(22), 2, 'stereo');
});

t.test('unknown number is refused with 404', async (t) => {
  const err = await peer.dial('9999', sipPort).then(
    () => undefined,
    (e: unknown) => e,
  );
  t.equal((err as { status?: number } | undefined)?.status, 404);
});

t.test('plan limit reached: a spoken notice, then BYE', async (t) => {
  const biz = await business('Limited Co', '2000', 'starter');
  await api.app.ctx.db.kysely
    .updateTable('usage_periods')
    .set({ calls: 100 }) // the Starter plan's included calls
    .where('business_id', '=', biz.businessId)
    .execute();
  const pc = await peer.dial('2000', sipPort);
  t.ok(await waitFor(() => pc.hangups.length > 0, 15_000), 'the appliance hung up');
  t.equal(pc.hangups[0]?.by, 'remote');
  t.ok(pc.heard.loudAt.length > 20, 'the notice was heard');
  const convs = await api.call<{ total: number }>('GET', '/conversations', { token: biz.token });
  t.equal(convs.body.total, 0, 'no conversation for a refused call');
});

t.test('DTMF 0 transfers: REFER refused by the peer -> bridged call to the human extension', async (t) => {
  await business('Transfer Inc', '3000', 'enterprise');
  const pc = await peer.dial('3000', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  t.ok(await waitAgentDone(pc, 0, 600, 15_000), 'greeting heard');
  const answeredBefore = peer.answered.length;
  await pc.call.sendDtmfInfo('0');
  t.ok(await waitFor(() => peer.answered.length > answeredBefore, 20_000), 'the human extension was called');
  const human = peer.answered.at(-1);
  if (!human) return;
  const loud = pc.heard.loudAt.length;
  await sleep(300);
  human.media.play(festivalSpeech('Hello, this is Sam.'), 16000);
  t.ok(
    await waitFor(() => pc.heard.loudAt.length > loud + 10, 10_000),
    "the caller hears the human's audio through the bridge",
  );
  await pc.call.hangup();
  t.ok(await waitFor(() => human.hangups.length > 0, 10_000), 'the human leg ends with the caller');
});

t.test('caller hangs up mid-answer: the call is finished cleanly', async (t) => {
  const biz = await business('Hangup Ltd', '4000', 'enterprise');
  const pc = await peer.dial('4000', sipPort);
  t.ok(await waitAgentDone(pc, 0, 600, 15_000), 'greeting heard');
  const loud = pc.heard.loudAt.length;
  pc.media.play(festivalSpeech(QUESTION), 16000);
  t.ok(await waitFor(() => pc.heard.loudAt.length > loud + 3, 20_000), 'answer started');
  await pc.call.hangup();
  const m = api.app.modules.calls;
  t.ok(await waitFor(() => m.manager?.activeCount === 0, 10_000), 'no call left');
  t.ok(
    await waitFor(() => false, 0).then(async () => {
      for (let i = 0; i < 50; i++) {
        const c = await api.call<{ items: Array<{ status: string }> }>('GET', '/conversations', {
          token: biz.token,
        });
        if (c.body.items[0]?.status === 'ended') return true;
        await sleep(100);
      }
      return false;
    }),
    'conversation ended',
  );
});

t.test('RTP stops mid-call: the appliance ends the call', async (t) => {
  await business('Silent Line', '5000', 'enterprise');
  const pc = await peer.dial('5000', sipPort);
  t.ok(await waitAgentDone(pc, 0, 600, 15_000), 'greeting heard');
  await pc.media.stop();
  t.ok(await waitFor(() => pc.hangups.length > 0, 15_000), 'BYE after the RTP timeout');
  t.equal(pc.hangups[0]?.by, 'remote');
});

const LONG_GREETING =
  'Hello and welcome to the long line. We are glad you called today. Our team handles orders, deliveries, ' +
  'opening hours, directions and general questions about the business. Please tell me what you need and I will do my best to help.';

async function turnsOf(
  biz: Biz,
): Promise<
  Array<{ speaker: string; text: string; interrupted: boolean; meta: Record<string, unknown> | null }>
> {
  for (let i = 0; i < 50; i++) {
    const list = await api.call<{ items: Array<{ id: string; status: string }> }>('GET', '/conversations', {
      token: biz.token,
    });
    const c = list.body.items[0];
    if (c?.status === 'ended') {
      const d = await api.call<{
        turns: Array<{
          speaker: string;
          text: string;
          interrupted: boolean;
          meta: Record<string, unknown> | null;
        }>;
      }>('GET', `/conversations/${c.id}`, { token: biz.token });
      return d.body.turns;
    }
    await sleep(100);
  }
  return [];
}

t.test('barge-in: caller speech stops the agent, the cut turn is marked interrupted', async (t) => {
  const biz = await business('Barge Co', '6000', 'enterprise', LONG_GREETING);
  const pc = await peer.dial('6000', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  t.ok(await waitFor(() => pc.heard.loudAt.length > 50, 10_000), 'greeting playing');
  const question = festivalSpeech(QUESTION);
  // play() transfers the samples to the media worker: measure first.
  const questionMs = (question.length / 16000) * 1000;
  const t0 = performance.now();
  pc.media.play(question, 16000);
  await sleep(questionMs + 200);
  // While the caller is still speaking (from 700 ms in), the agent must be silent.
  const during = pc.heard.loudAt.filter((x) => x > t0 + 700 && x < t0 + questionMs - 100);
  t.equal(during.length, 0, `agent silent while the caller talks (${during.length} loud frames)`);
  t.ok(await waitAgentDone(pc, pc.heard.loudAt.length, 800, 15_000), 'the agent answers after the barge-in');
  await pc.call.hangup();
  const turns = await turnsOf(biz);
  t.comment(
    JSON.stringify({
      hangups: pc.hangups,
      turns: turns.map((x) => [x.speaker, x.text.slice(0, 30), x.interrupted]),
    }),
  );
  const greeting = turns.find((x) => x.speaker === 'agent');
  t.equal(greeting?.interrupted, true, 'greeting marked interrupted');
  const spoken = String(greeting?.meta?.spokenText ?? '');
  t.ok(spoken.length > 0 && spoken.length < LONG_GREETING.length, `spoken part recorded: "${spoken}"`);
  t.match(turns.filter((x) => x.speaker === 'agent')[1]?.text ?? '', /9|nine/i, 'the question was answered');
});

t.test('backchannel: a short "okay" does not take the turn', async (t) => {
  const biz = await business('Backchannel Co', '6100', 'enterprise', LONG_GREETING);
  const pc = await peer.dial('6100', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  t.ok(await waitFor(() => pc.heard.loudAt.length > 50, 10_000), 'greeting playing');
  const ok = festivalSpeech('okay');
  const okMs = (ok.length / 16000) * 1000;
  pc.media.play(ok, 16000);
  const t0 = performance.now();
  await sleep(okMs + 2000);
  const after = pc.heard.loudAt.filter((x) => x > t0 + 1500);
  t.ok(after.length > 20, 'the agent resumed speaking after the backchannel');
  await pc.call.hangup();
  const turns = await turnsOf(biz);
  t.equal(turns.filter((x) => x.speaker === 'caller').length, 0, 'no caller turn for a backchannel');
  t.equal(turns.find((x) => x.speaker === 'agent')?.interrupted, false, 'greeting not marked interrupted');
});

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  const port = await new Promise<number>((r) => s.bind(0, '127.0.0.1', () => r(s.address().port)));
  s.close();
  return port;
}

const pcap = path.join(sharedDir(), 'speech', 'pcap', 'jfk_pcmu.pcap');
const haveSipp = spawnSync('sipp', ['-v'], { timeout: 5000 }).error === undefined;

t.test(
  'DTMF 0 -> REFER accepted by a SIPp PBX -> the appliance leaves the call',
  { skip: !haveSipp ? 'sipp not installed' : !existsSync(pcap) ? `${pcap} missing` : false },
  async (t) => {
    const biz = await business('Refer Works', '8000', 'enterprise');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'calls-sipp-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const scenario = path.join(dir, 'uac.xml');
    writeFileSync(
      scenario,
      readFileSync(new URL('./fixtures/uac_dtmf_refer.xml', import.meta.url), 'utf8').replaceAll(
        'PCAP_PATH',
        pcap,
      ),
    );
    const [sipPortLocal, mediaPort] = [await freeUdpPort(), (await freeUdpPort()) & ~1];
    const child = spawn(
      'sipp',
      [
        '-i',
        '127.0.0.1',
        '-mi',
        '127.0.0.1',
        '-nostdin',
        '-m',
        '1',
        '-p',
        String(sipPortLocal),
        '-mp',
        String(mediaPort),
        '-s',
        '8000',
        '-sf',
        scenario,
        '-timeout',
        '40s',
        '-trace_err',
        '-error_file',
        path.join(dir, 'err.log'),
        '-trace_msg',
        '-message_file',
        path.join(dir, 'msg.log'),
        '-timeout_error',
        `127.0.0.1:${sipPort}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    t.teardown(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    const errLog = existsSync(path.join(dir, 'err.log'))
      ? readFileSync(path.join(dir, 'err.log'), 'utf8')
      : '';
    t.equal(
      code,
      0,
      `SIPp scenario passed${code === 0 ? '' : `: ${errLog.slice(-1500) || out.slice(-800)}`}`,
    );
    if (code !== 0 && process.env.CALLS_TEST_DEBUG)
      writeFileSync('/tmp/sipp-msg.log', readFileSync(path.join(dir, 'msg.log')));
    let reason: string | null | undefined;
    for (let i = 0; i < 50 && reason !== 'transferred'; i++) {
      const row = await api.app.ctx.db.kysely
        .selectFrom('calls')
        .select(['end_reason'])
        .where('business_id', '=', biz.businessId)
        .executeTakeFirst();
      reason = row?.end_reason;
      if (reason !== 'transferred') await sleep(100);
    }
    t.equal(reason, 'transferred', 'call ended as transferred');
  },
);
