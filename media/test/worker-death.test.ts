/**
 * The media thread dies (an uncaught error inside it, or terminated from outside): the engine
 * emits a typed `died`, closes every session with reason `worker-died`, fails what was pending,
 * refuses work while it restarts, and starts a new thread with backoff whose sessions work.
 */
import t from 'tap';
import {
  createMediaEngine,
  MediaEngineError,
  type MediaEngineEvent,
  type MediaEvent,
  type NegotiatedCodec,
} from '../index.js';
import { randomPortRange } from './helpers.js';

const pcmu: NegotiatedCodec = { name: 'PCMU', payloadType: 0, clockRateHz: 8000 };

const waitFor = async (cond: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
};

for (const how of ['throw', 'terminate'] as const) {
  t.test(`the media thread dies (${how}): sessions closed, engine restarted`, async (t) => {
    const engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(8) });
    t.teardown(() => engine.close());
    const events: MediaEngineEvent[] = [];
    engine.onEvent((e) => events.push(e));
    const a = await engine.allocate();
    const b = await engine.allocate();
    const sa = await engine.start(a.sessionId, {
      remoteAddress: '127.0.0.1',
      remotePort: b.localPort,
      codec: pcmu,
    });
    const sb = await engine.start(b.sessionId, {
      remoteAddress: '127.0.0.1',
      remotePort: a.localPort,
      codec: pcmu,
    });
    const seen: MediaEvent[] = [];
    sa.on('event', (e: MediaEvent) => seen.push(e));
    const iterated: MediaEvent[] = [];
    const iterating = (async () => {
      for await (const e of sb.events()) iterated.push(e);
    })();
    sa.play(new Int16Array(8000 * 2), 8000);
    await waitFor(() => seen.some((e) => e.kind === 'audio'), 5000);
    t.equal(engine.state, 'running');

    engine.killWorkerForTest(how);
    t.ok(await waitFor(() => events.some((e) => e.kind === 'died'), 5000), 'a typed died event');
    const died = events.find((e) => e.kind === 'died');
    t.equal(died?.kind === 'died' ? died.sessionsClosed : -1, 2, 'it counts the sessions it closed');
    t.equal(engine.activeSessions, 0);
    t.same(
      seen.filter((e) => e.kind === 'closed'),
      [{ kind: 'closed', reason: 'worker-died' }],
      'each session gets one closed event with the reason',
    );
    t.equal(sa.closedReason, 'worker-died');
    await iterating;
    t.same(iterated.at(-1), { kind: 'closed', reason: 'worker-died' }, 'iterators end with it');
    await t.rejects(sa.stop(), MediaEngineError, 'stop() of a dead session rejects at once');
    await t.rejects(sa.getStats(), { code: /ENGINE_RESTARTING|WORKER_DIED/ }, 'no request hangs');

    t.ok(await waitFor(() => engine.state === 'running', 10_000), 'restarted with backoff');
    t.ok(
      events.some((e) => e.kind === 'restarted'),
      'a restarted event',
    );
    const c = await engine.allocate();
    const d = await engine.allocate();
    const sc = await engine.start(c.sessionId, {
      remoteAddress: '127.0.0.1',
      remotePort: d.localPort,
      codec: pcmu,
    });
    const sd = await engine.start(d.sessionId, {
      remoteAddress: '127.0.0.1',
      remotePort: c.localPort,
      codec: pcmu,
    });
    const heard: MediaEvent[] = [];
    sd.on('event', (e: MediaEvent) => heard.push(e));
    sc.play(new Int16Array(8000).fill(3000), 8000);
    t.ok(await waitFor(() => heard.some((e) => e.kind === 'audio'), 5000), 'new sessions carry audio again');
    await sc.stop();
    await sd.stop();
    t.same(
      heard.filter((e) => e.kind === 'closed'),
      [{ kind: 'closed', reason: 'stopped' }],
      'a normal stop closes with reason stopped',
    );
  });
}
