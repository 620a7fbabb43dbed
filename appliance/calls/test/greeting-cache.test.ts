/**
 * The greeting's audio is synthesized once per agent and voice, not per call: two calls to the
 * same agent run the real TTS engine (flite) for the greeting once; after the agent's greeting is
 * edited (a new agent version) the next call synthesizes the new one once. Counted on the engine
 * itself and on `calls_tts_requests_total`.
 */
import t from 'tap';
import { startCallsApi } from './helpers/calls-api.js';
import { TestPeer, waitFor, type PeerCall } from './helpers/caller.js';

t.test('second call does not synthesize the greeting again', async (t) => {
  const peer = await TestPeer.start();
  t.teardown(() => peer.stop());
  const { api, sipPort } = await startCallsApi(t, { rtpPortMin: 38000 });
  const b = await api.register('Cache Bakery');
  t.equal(
    (await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } }))
      .status,
    201,
  );
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: b.token,
    body: {
      name: 'Cache agent',
      greeting: 'Hello, thank you for calling Cache Bakery.',
      numbers: ['7100'],
      behaviour: { silenceTimeoutMs: 20_000 },
    },
  });
  t.equal(agent.status, 201);

  // The real engine the calls speak with; every request it gets is counted (it still runs).
  const rt = await api.app.ctx.models.runtime();
  const engine = rt.tts;
  const synthesize = engine.synthesize.bind(engine);
  const asked: string[] = [];
  engine.synthesize = (text, opts) => {
    asked.push(text);
    return synthesize(text, opts);
  };
  t.teardown(() => {
    engine.synthesize = synthesize;
  });
  t.equal(engine.name, 'flite', 'real TTS engine');

  const greeted = async (): Promise<void> => {
    const pc: PeerCall = await peer.dial('7100', sipPort);
    const heard = await waitFor(() => {
      const last = pc.heard.loudAt.at(-1);
      return last !== undefined && performance.now() - last > 700;
    }, 20_000);
    await pc.call.hangup();
    t.ok(heard, 'greeting heard');
  };
  const counter = async (source: string): Promise<number> => {
    const m = (await api.app.ctx.registry.getMetricsAsJSON()).find(
      (x) => x.name === 'calls_tts_requests_total',
    ) as { values: Array<{ labels: Record<string, string | number>; value: number }> } | undefined;
    return m?.values.find((v) => v.labels.source === source)?.value ?? 0;
  };

  await greeted();
  const first = asked.filter((x) => /Cache Bakery/.test(x)).length;
  t.ok(first >= 1, `first call synthesized the greeting (${first} sentence(s))`);
  await greeted();
  t.equal(asked.filter((x) => /Cache Bakery/.test(x)).length, first, 'second call: not synthesized again');
  t.equal(await counter('cache'), first, 'served from the cache');

  const edited = await api.call('PUT', `/agents/${agent.body.id}`, {
    token: b.token,
    body: { greeting: 'Good day, you have reached Cache Bakery.' },
  });
  t.equal(edited.status, 200);
  await greeted();
  await greeted();
  t.equal(
    asked.filter((x) => /Good day/.test(x)).length,
    1,
    'new agent version: its greeting synthesized once',
  );
});
