/**
 * Admission follows real load (calls.maxEventLoopUtilization / maxEventLoopDelayMs): while this
 * process's event loop is kept saturated, a SIPp INVITE gets a fast 503 with Retry-After (no
 * timeout, no 200 that would be answered late); once the load is gone, calls are taken again.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { freePort } from '../../test/helpers/postgres.js';
import { sippAckRejected, sippInvite, sippScenario } from '../../test/helpers/sipp-scenario.js';
import { startCallsApi } from './helpers/calls-api.js';
import { sleep } from './helpers/caller.js';

const REJECTED = sippScenario(
  'INVITE answered by 503 with Retry-After',
  sippInvite() +
    `  <recv response="100" optional="true"></recv>
  <recv response="503">
    <action>
      <ereg regexp="[0-9]+" search_in="hdr" header="Retry-After:" check_it="true" assign_to="retry"/>
      <log message="retry-after=[$retry]"/>
    </action>
  </recv>
` +
    sippAckRejected(),
);

async function sipp(
  t: Test,
  args: string[],
  cwd: string,
  sipPort: number,
): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  const child = spawn(
    'sipp',
    [
      ...args,
      '-s',
      '7200',
      '-i',
      '127.0.0.1',
      '-mi',
      '127.0.0.1',
      '-p',
      String(await freePort()),
      '-mp',
      String(40000 + 2 * Math.floor(Math.random() * 4000)),
      '-m',
      '1',
      '-timeout',
      '20s',
      '-nostdin',
      '-trace_logs',
      '-log_file',
      path.join(cwd, 'log.txt'),
      `127.0.0.1:${sipPort}`,
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) t.comment(out.slice(-2000));
  return { code, out, ms: Date.now() - started };
}

t.test('a saturated event loop gets fast 503s with Retry-After, not timeouts', async (t) => {
  const { api, sipPort } = await startCallsApi(t, {
    rtpPortMin: 39000,
    config: {
      calls: {
        maxEventLoopUtilization: 0.85,
        maxEventLoopDelayMs: 250,
        loadWindowMs: 300,
        overloadRetryAfterS: 7,
      },
    },
  });
  const b = await api.register('Busy Box');
  await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
  const agent = await api.call('POST', '/agents', {
    token: b.token,
    body: { name: 'Busy agent', numbers: ['7200'], behaviour: { silenceTimeoutMs: 20_000 } },
  });
  t.equal(agent.status, 201);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'load-admission-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = path.join(dir, 'rejected.xml');
  writeFileSync(scenario, REJECTED);

  await sleep(2000); // start-up work (models, agent compile) is out of the load window
  const idle = await sipp(t, ['-sn', 'uac', '-d', '500'], dir, sipPort);
  t.equal(idle.code, 0, 'idle box: the call is answered and completed');

  // Saturate this process's event loop: 300 ms of every ~320 ms is spent in a busy loop.
  const blocker = setInterval(() => {
    const until = Date.now() + 300;
    while (Date.now() < until);
  }, 20);
  try {
    await sleep(1200);
    const busy = await sipp(t, ['-sf', scenario], dir, sipPort);
    t.equal(busy.code, 0, 'busy box: 503 with a Retry-After header, nothing else');
    t.ok(busy.ms < 5000, `answered fast (${busy.ms} ms incl. SIPp start-up), not timed out`);
    const log = path.join(dir, 'log.txt');
    t.match(existsSync(log) ? readFileSync(log, 'utf8') : '', /retry-after=7/, 'Retry-After: 7 (config)');
  } finally {
    clearInterval(blocker);
  }
  const m = (await api.app.ctx.registry.getMetricsAsJSON()).find((x) => x.name === 'calls_total') as
    { values: Array<{ labels: Record<string, string | number>; value: number }> } | undefined;
  t.ok(
    (m?.values.find((v) => v.labels.outcome === 'rejected_load')?.value ?? 0) >= 1,
    'counted as rejected_load',
  );

  await sleep(1500); // the load window rolls over
  const again = await sipp(t, ['-sn', 'uac', '-d', '500'], dir, sipPort);
  t.equal(again.code, 0, 'load gone: calls are taken again');
});
