/**
 * A node killed mid-call (issue 17): a real appliance process on the shared PostgreSQL answers a
 * SIPp call, is killed with SIGKILL while the agent talks, and another node ends the call as
 * `node_lost` within the node timeout: the call row, its conversation and its usage are all
 * closed, nothing stays live.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { runSippUac } from '../../calls/test/helpers/calls-api.js';
import { freshDatabaseUrl } from '../../test/helpers/dialects.js';
import { startTestApi } from '../../test/helpers/app.js';
import { freePort } from '../../test/helpers/postgres.js';
import { repoRoot, sharedModelsDir } from '../../test/helpers/shared.js';
import { sippInDialog, sippInvite, sippScenario } from '../../test/helpers/sipp-scenario.js';

const LONG_CALL = sippScenario(
  'a call that outlives its node',
  sippInvite({ user: '+15557770001' }) +
    `  <recv response="100" optional="true"></recv>
  <recv response="180" optional="true"></recv>
  <recv response="200"></recv>
` +
    sippInDialog('ACK', 1) +
    `  <pause milliseconds="60000"/>
` +
    sippInDialog('BYE', 2) +
    `  <recv response="200"></recv>
`,
);

const poll = async <T>(what: string, f: () => Promise<T | undefined>, maxMs: number): Promise<T> => {
  const end = Date.now() + maxMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

t.test('the calls of a node killed mid-call are ended by another node within the timeout', async (t) => {
  const cluster = { heartbeatMs: 500, nodeTimeoutS: 3 };
  const { databaseUrl, dataDir: dirB } = await freshDatabaseUrl(t, 'postgres');
  const b = await startTestApi(t, 'postgres', {
    databaseUrl,
    dataDir: dirB,
    cluster: { ...cluster, nodeId: 'node-b' },
  });
  const owner = await b.register('Killed Node');
  t.equal(
    (await b.call('POST', '/business/subscribe', { token: owner.token, body: { planId: 'starter' } })).status,
    201,
  );
  const agent = await b.call('POST', '/agents', {
    token: owner.token,
    body: {
      name: 'Front desk',
      greeting: 'Hello, thanks for calling. How can I help you today?',
      numbers: ['5550100'],
    },
  });
  t.equal(agent.status, 201);

  // Node A: the real service in its own process, same database and master key.
  const dirA = mkdtempSync(path.join(os.tmpdir(), 'appliance-node-a-'));
  t.teardown(() => rmSync(dirA, { recursive: true, force: true }));
  mkdirSync(path.join(dirA, 'keys'), { recursive: true, mode: 0o700 });
  copyFileSync(path.join(dirB, 'keys', 'appliance.key'), path.join(dirA, 'keys', 'appliance.key'));
  const sipPort = await freePort();
  const configFile = path.join(dirA, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      databaseUrl,
      dataDir: dirA,
      modelsDir: sharedModelsDir(),
      logLevel: 'info',
      http: { port: await freePort(), bindAddress: '127.0.0.1' },
      tls: { mode: 'off' },
      sip: {
        enabled: true,
        port: sipPort,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: ['127.0.0.1'],
      },
      rtp: { portMin: 45000, portMax: 45999 },
      models: {
        warmOnStart: false,
        cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
        prefer: { stt: 'pocketsphinx', tts: 'flite' },
      },
      calls: { maxEventLoopUtilization: 1, maxEventLoopDelayMs: 0 },
      cluster: { ...cluster, nodeId: 'node-a' },
    }),
  );
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('APPLIANCE_')) env[k] = v;
  const a = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'appliance', 'main.ts')], {
    cwd: repoRoot,
    env: { ...env, APPLIANCE_CONFIG: configFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => {
    if (a.exitCode === null) a.kill('SIGKILL');
  });
  let out = '';
  a.stdout.on('data', (d: Buffer) => (out += d.toString()));
  a.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await poll(
    'node A to take calls',
    async () =>
      out.includes('"calls ready"')
        ? true
        : a.exitCode !== null
          ? (() => {
              throw new Error(out.slice(-3000));
            })()
          : undefined,
    120_000,
  );

  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sipp-kill-'));
  t.teardown(() => rmSync(cwd, { recursive: true, force: true }));
  writeFileSync(path.join(cwd, 'long.xml'), LONG_CALL);
  await runSippUac(t, { scenario: 'long.xml', cwd, service: '5550100', sipPort });
  const db = b.app.ctx.db.kysely;
  const live = await poll(
    'the call to be answered on node A',
    () =>
      db
        .selectFrom('calls')
        .selectAll()
        .where('business_id', '=', owner.businessId)
        .where('state', '=', 'active')
        .executeTakeFirst(),
    60_000,
  );
  t.equal(live.node_id, 'node-a', 'node A holds the call');
  await new Promise((r) => setTimeout(r, 1500)); // the agent greets for a moment

  const killedAt = Date.now();
  a.kill('SIGKILL');
  const ended = await poll(
    'the call to be ended by node B',
    async () => {
      const c = await db.selectFrom('calls').selectAll().where('id', '=', live.id).executeTakeFirstOrThrow();
      return c.state === 'ended' ? c : undefined;
    },
    30_000,
  );
  const afterS = (Date.now() - killedAt) / 1000;
  t.comment(`call ended ${afterS.toFixed(1)} s after the kill (heartbeat 0.5 s, timeout 3 s)`);
  t.equal(ended.end_reason, 'node_lost');
  // A generous bound (a loaded CI box): the figure itself is printed above, not asserted tightly.
  t.ok(afterS <= cluster.nodeTimeoutS + 17, 'ended after the node timeout, not left live');
  const conv = await db
    .selectFrom('conversations')
    .select(['status', 'summary'])
    .where('id', '=', live.conversation_id!)
    .executeTakeFirstOrThrow();
  t.same(conv, { status: 'ended', summary: 'node_lost' }, 'its conversation is ended');
  const u = await db
    .selectFrom('usage_periods')
    .select(['calls', 'call_seconds'])
    .where('business_id', '=', owner.businessId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  t.equal(Number(u.calls), 1, 'the call counted once');
  t.ok(Number(u.call_seconds) >= 1, `its seconds up to node A's last heartbeat (${u.call_seconds} s)`);
  const liveLeft = await db.selectFrom('calls').select('id').where('state', '!=', 'ended').execute();
  t.equal(liveLeft.length, 0, 'nothing stays live');
});
