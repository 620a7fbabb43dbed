/**
 * `/healthz` and `GET /system/status` say `degraded`, with the reason, when the box serves the API
 * but cannot take calls: here the pocketsphinx helper is missing (as after `npm ci && npm run
 * build` without its build dependencies), so there is no STT engine and telephony stays off.
 */
import path from 'node:path';
import os from 'node:os';
import t from 'tap';
import { startTestApi } from './helpers/app.js';
import { dialects } from './helpers/dialects.js';

interface Health {
  status: string;
  reasons?: { module: string; code: string; message: string }[];
}

for (const dialect of dialects) {
  t.test(`no STT engine: healthz and system status say degraded, with the reason [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect, {
      sip: {
        enabled: true,
        port: 0,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: [],
        maxConcurrentCalls: 4,
      },
      rtp: {
        portMin: 39000 + (dialect === 'sqlite' ? 0 : 500),
        portMax: 39499 + (dialect === 'sqlite' ? 0 : 500),
      },
      models: {
        warmOnStart: true,
        cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
        prefer: { stt: 'pocketsphinx', tts: 'flite' },
        llm: {},
        pocketsphinxHelper: '/nonexistent/ps_helper',
      },
    });
    let h = await api.call<Health>('GET', '/healthz');
    t.equal(h.status, 200, 'the API is up');
    // Telephony gives up on this attempt once the engines have loaded (seconds).
    for (let i = 0; i < 600 && !h.body.reasons?.some((r) => r.code !== 'telephony-starting'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      h = await api.call<Health>('GET', '/healthz');
    }
    t.equal(h.status, 200, 'degraded is not down: still 200');
    t.equal(h.body.status, 'degraded');
    const noStt = h.body.reasons?.find((r) => r.code === 'no-stt');
    t.ok(noStt, `the reason is given: ${JSON.stringify(h.body.reasons)}`);
    t.equal(noStt?.module, 'calls');
    t.match(noStt?.message ?? '', /pocketsphinx.*\/nonexistent\/ps_helper/, 'naming the missing helper');

    const a = await api.register('Health');
    const sys = await api.call<Health & { database: { ok: boolean } }>('GET', '/system/status', {
      token: a.token,
    });
    t.equal(sys.status, 200);
    t.equal(sys.body.database.ok, true);
    t.equal(sys.body.status, 'degraded', 'the admin Health page shows degraded');
    t.ok(
      sys.body.reasons?.some((r) => r.code === 'no-stt'),
      'with the same reason',
    );
  });
}

t.test('SIP disabled on purpose: the API-only box is ok', async (t) => {
  const api = await startTestApi(t, 'sqlite');
  const h = await api.call<Health>('GET', '/healthz');
  t.equal(h.status, 200);
  t.same(h.body, { status: 'ok' });
});
