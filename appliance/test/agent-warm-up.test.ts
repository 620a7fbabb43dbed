import type { Counter } from 'prom-client';
import t from 'tap';
import { startAppliance } from '../app.js';
import { createLogger } from '../log.js';
import { dialects } from './helpers/dialects.js';
import { startTestApi } from './helpers/app.js';

const agentBody = (name: string, numbers: string[]): Record<string, unknown> => ({
  name,
  greeting: 'Hello, Elm Clinic here. How can I help?',
  numbers,
  facts: { hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' }] },
});

async function builds(counter: Counter<string>): Promise<number> {
  return (await counter.get()).values.reduce((n, v) => n + v.value, 0);
}

for (const dialect of dialects) {
  t.test(
    `agents that calls reach are compiled at start-up, not on the first call [${dialect}]`,
    async (t) => {
      const api = await startTestApi(t, dialect);
      const owner = await api.register('Elm Clinic');
      const routed = await api.call<{ id: string }>('POST', '/agents', {
        token: owner.token,
        body: agentBody('Front desk', ['+15550100']),
      });
      t.equal(routed.status, 201);
      // No number: no call can reach it, so it is left to compile when used.
      const unrouted = await api.call<{ id: string }>('POST', '/agents', {
        token: owner.token,
        body: agentBody('Drafts', []),
      });
      t.equal(unrouted.status, 201);
      await api.app.stop();

      // The same database, a restarted appliance.
      const app = await startAppliance(api.app.ctx.config, { log: createLogger('silent') });
      t.teardown(() => app.stop());
      const warm = await app.modules.agent.warmed();
      t.match(warm, { state: 'done', compiled: 1, failed: 0, skipped: 0 }, 'the numbered agent was compiled');
      t.match(
        app.modules.agent.status?.(),
        { warmUp: { state: 'done', compiled: 1 } },
        'shown in the status',
      );
      const counter = app.ctx.registry.getSingleMetric('agent_builds_total') as Counter<string>;
      t.equal(await builds(counter), 1, 'one agent compiled');
      // As an operator sees them over HTTP: the status endpoint and the Prometheus metric.
      const base = `http://127.0.0.1:${app.httpPort}`;
      const status = (await (
        await fetch(`${base}/api/v1/system/status`, { headers: { authorization: `Bearer ${owner.token}` } })
      ).json()) as { modules?: { agent?: { warmUp?: { state: string; compiled: number } } } };
      t.match(status.modules?.agent?.warmUp, { state: 'done', compiled: 1 }, 'GET /system/status shows it');
      t.match(
        await (await fetch(`${base}/metrics`)).text(),
        /^agent_builds_total 1$/m,
        'GET /metrics counts it',
      );

      // The first call's conversation uses the compiled agent: nothing is compiled again.
      const call = await app.modules.agent.engine.start({
        businessId: owner.businessId,
        agentId: routed.body.id,
        channel: 'voice',
      });
      t.match(call.greeting().text, /Elm Clinic/);
      t.equal(await builds(counter), 1, 'the first call did not compile');

      // The agent without a number compiles when first used.
      await app.modules.agent.engine.compiled(owner.businessId, unrouted.body.id);
      t.equal(await builds(counter), 2);
    },
  );
}

t.test('stopping during the warm-up ends it without failures', async (t) => {
  const api = await startTestApi(t, 'sqlite');
  const owner = await api.register('Busy Clinic');
  for (let i = 0; i < 3; i++) {
    const r = await api.call('POST', '/agents', {
      token: owner.token,
      body: agentBody(`Line ${i}`, [`+1555020${i}`]),
    });
    t.equal(r.status, 201);
  }
  await api.app.stop();
  const app = await startAppliance(api.app.ctx.config, { log: createLogger('silent') });
  await app.stop();
  const warm = await app.modules.agent.warmed();
  t.ok(warm.state === 'stopped' || warm.state === 'done', `ended (${warm.state})`);
  t.equal(warm.failed, 0, 'a build cut short by the stop is no failure');
});
