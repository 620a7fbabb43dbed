import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { ConfigError, envBindings, loadConfig } from '../config/index.js';

t.test('embedded defaults need no configuration', async (t) => {
  const c = loadConfig({});
  t.equal(c.dataDir, './data');
  t.equal(c.http.port, 8080);
  t.equal(c.sip.port, 5060);
  t.equal(c.databaseUrl, '');
  t.ok(c.rtp.portMin < c.rtp.portMax);
});

t.test('environment variables map onto the typed config', async (t) => {
  const c = loadConfig({
    APPLIANCE_DATA_DIR: '/var/lib/x',
    APPLIANCE_HTTP_PORT: '9090',
    APPLIANCE_SIP_PORT: '5070',
    APPLIANCE_BIND_ADDRESS: '127.0.0.1',
    APPLIANCE_RTP_PORT_MIN: '30000',
    APPLIANCE_RTP_PORT_MAX: '30100',
    APPLIANCE_MODELS_DIR: '/models',
    APPLIANCE_DATABASE_URL: 'postgres://u@127.0.0.1/db',
    APPLIANCE_SIP_ALLOW_FROM: '10.0.0.1, 192.0.2.0/24',
  });
  t.equal(c.dataDir, '/var/lib/x');
  t.equal(c.http.port, 9090);
  t.equal(c.sip.port, 5070);
  t.equal(c.http.bindAddress, '127.0.0.1');
  t.equal(c.sip.bindAddress, '127.0.0.1');
  t.same([c.rtp.portMin, c.rtp.portMax], [30000, 30100]);
  t.equal(c.modelsDir, '/models');
  t.equal(c.databaseUrl, 'postgres://u@127.0.0.1/db');
  t.same(c.sip.allowFrom, ['10.0.0.1', '192.0.2.0/24']);
});

t.test('an invalid value stops start-up with a message naming the key', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ APPLIANCE_HTTP_PORT: 'eighty' }, /APPLIANCE_HTTP_PORT \(http\.port\)/],
    [{ APPLIANCE_HTTP_PORT: '70000' }, /APPLIANCE_HTTP_PORT/],
    [{ APPLIANCE_DATABASE_URL: 'mysql://x' }, /APPLIANCE_DATABASE_URL \(databaseUrl\)/],
    [{ APPLIANCE_RTP_PORT_MIN: '5000', APPLIANCE_RTP_PORT_MAX: '4000' }, /portMin/],
    [{ APPLIANCE_SIP_ALLOW_FROM: 'not an ip' }, /APPLIANCE_SIP_ALLOW_FROM/],
  ];
  for (const [env, re] of cases) {
    const err = t.throws(() => loadConfig(env)) as unknown;
    t.ok(err instanceof ConfigError, 'a ConfigError');
    t.match((err as Error).message, re);
  }
});

t.test('a JSON config file is read, and unknown keys are refused', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const good = path.join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ http: { port: 8181 }, sip: { maxConcurrentCalls: 5 } }));
  const c = loadConfig({ APPLIANCE_CONFIG: good });
  t.equal(c.http.port, 8181);
  t.equal(c.sip.maxConcurrentCalls, 5);
  t.equal(c.http.bindAddress, '0.0.0.0', 'defaults fill the rest of a partial section');
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ htpp: { port: 1 } }));
  t.throws(() => loadConfig({ APPLIANCE_CONFIG: bad }), /htpp|Unrecognized/);
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, '{ nope');
  t.throws(() => loadConfig({ APPLIANCE_CONFIG: broken }), /APPLIANCE_CONFIG/);
});

t.test('the outbound trunk: environment variables, and a URI that is not sip: is refused', async (t) => {
  t.equal(loadConfig({}).sip.outboundTrunk, undefined, 'no trunk by default');
  const c = loadConfig({
    APPLIANCE_SIP_TRUNK_URI: 'sip:pbx.example.com:5060',
    APPLIANCE_SIP_TRUNK_USERNAME: 'box',
    APPLIANCE_SIP_TRUNK_PASSWORD: 'secret-secret',
  });
  t.same(c.sip.outboundTrunk, {
    uri: 'sip:pbx.example.com:5060',
    username: 'box',
    password: 'secret-secret',
    register: false,
  });
  t.throws(
    () => loadConfig({ APPLIANCE_SIP_TRUNK_URI: 'http://pbx.example.com' }),
    /APPLIANCE_SIP_TRUNK_URI|outboundTrunk/,
  );
});

t.test('module timings are config keys with defaults', async (t) => {
  const c = loadConfig({});
  t.same(c.calls, {
    recordingSweepMs: 3_600_000,
    crmLookupTimeoutMs: 800,
    staleRingingS: 300,
    staleCallSweepMs: 60_000,
    maxEventLoopUtilization: 0.9,
    maxEventLoopDelayMs: 1000,
    loadWindowMs: 1000,
    overloadRetryAfterS: 5,
    silenceWindowMs: 500,
  });
  t.same(c.billing, { tickMs: 60_000, usageFlushMs: 5000 });
  t.same(c.outbox, {
    pollMs: 1000,
    timeoutMs: 10_000,
    maxAttempts: 8,
    backoffBaseMs: 10_000,
    backoffMaxMs: 3_600_000,
  });
  t.equal(c.logPii, true);
});

t.test('module timings keep their environment variables', async (t) => {
  const c = loadConfig({
    APPLIANCE_RECORDING_SWEEP_MS: '60000',
    APPLIANCE_CRM_LOOKUP_TIMEOUT_MS: '0',
    APPLIANCE_MAX_EVENT_LOOP_UTILIZATION: '0.75',
    APPLIANCE_MAX_EVENT_LOOP_DELAY_MS: '250',
    APPLIANCE_BILLING_TICK_MS: '250',
    APPLIANCE_USAGE_FLUSH_MS: '100',
    APPLIANCE_OUTBOX_POLL_MS: '50',
    APPLIANCE_OUTBOX_TIMEOUT_MS: '500',
    APPLIANCE_OUTBOX_MAX_ATTEMPTS: '1000',
    APPLIANCE_OUTBOX_BACKOFF_BASE_MS: '20',
    APPLIANCE_OUTBOX_BACKOFF_MAX_MS: '100',
    APPLIANCE_LOG_PII: '0',
    APPLIANCE_CALLS_SILENCE_WINDOW_MS: '900',
  });
  t.same(c.calls, {
    recordingSweepMs: 60_000,
    crmLookupTimeoutMs: 0,
    staleRingingS: 300,
    staleCallSweepMs: 60_000,
    maxEventLoopUtilization: 0.75,
    maxEventLoopDelayMs: 250,
    loadWindowMs: 1000,
    overloadRetryAfterS: 5,
    silenceWindowMs: 900,
  });
  t.same(c.billing, { tickMs: 250, usageFlushMs: 100 });
  t.same(c.outbox, { pollMs: 50, timeoutMs: 500, maxAttempts: 1000, backoffBaseMs: 20, backoffMaxMs: 100 });
  t.equal(c.logPii, false);
  t.equal(loadConfig({ APPLIANCE_LOG_PII: 'true' }).logPii, true);
  // A file sets them too, and the environment wins over the file.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const file = path.join(dir, 'timings.json');
  writeFileSync(file, JSON.stringify({ billing: { tickMs: 1000 }, outbox: { pollMs: 200, maxAttempts: 3 } }));
  const f = loadConfig({ APPLIANCE_CONFIG: file, APPLIANCE_OUTBOX_POLL_MS: '75' });
  t.equal(f.billing.tickMs, 1000);
  t.equal(f.billing.usageFlushMs, 5000, 'defaults fill the rest of the section');
  t.equal(f.outbox.pollMs, 75);
  t.equal(f.outbox.maxAttempts, 3);
});

t.test('an invalid module timing names its environment variable', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ APPLIANCE_RECORDING_SWEEP_MS: 'hourly' }, /APPLIANCE_RECORDING_SWEEP_MS \(calls\.recordingSweepMs\)/],
    [{ APPLIANCE_RECORDING_SWEEP_MS: '10' }, /APPLIANCE_RECORDING_SWEEP_MS/],
    [
      { APPLIANCE_CRM_LOOKUP_TIMEOUT_MS: '10001' },
      /APPLIANCE_CRM_LOOKUP_TIMEOUT_MS \(calls\.crmLookupTimeoutMs\)/,
    ],
    [{ APPLIANCE_CRM_LOOKUP_TIMEOUT_MS: '-1' }, /APPLIANCE_CRM_LOOKUP_TIMEOUT_MS/],
    [{ APPLIANCE_BILLING_TICK_MS: '5' }, /APPLIANCE_BILLING_TICK_MS \(billing\.tickMs\)/],
    [{ APPLIANCE_USAGE_FLUSH_MS: '1.5' }, /APPLIANCE_USAGE_FLUSH_MS \(billing\.usageFlushMs\)/],
    [{ APPLIANCE_OUTBOX_POLL_MS: '3000000000' }, /APPLIANCE_OUTBOX_POLL_MS \(outbox\.pollMs\)/],
    [{ APPLIANCE_OUTBOX_TIMEOUT_MS: '10' }, /APPLIANCE_OUTBOX_TIMEOUT_MS \(outbox\.timeoutMs\)/],
    [{ APPLIANCE_OUTBOX_MAX_ATTEMPTS: '0' }, /APPLIANCE_OUTBOX_MAX_ATTEMPTS \(outbox\.maxAttempts\)/],
    [{ APPLIANCE_OUTBOX_BACKOFF_MAX_MS: 'x' }, /APPLIANCE_OUTBOX_BACKOFF_MAX_MS \(outbox\.backoffMaxMs\)/],
    [
      { APPLIANCE_OUTBOX_BACKOFF_BASE_MS: '5000', APPLIANCE_OUTBOX_BACKOFF_MAX_MS: '100' },
      /APPLIANCE_OUTBOX_BACKOFF_BASE_MS \(outbox\.backoffBaseMs\): backoffBaseMs must not exceed backoffMaxMs/,
    ],
    [{ APPLIANCE_LOG_PII: 'maybe' }, /APPLIANCE_LOG_PII \(logPii\)/],
  ];
  for (const [env, re] of cases) {
    const err = t.throws(() => loadConfig(env), `${JSON.stringify(env)} is refused`) as unknown;
    t.ok(err instanceof ConfigError, 'a ConfigError');
    t.match((err as Error).message, re);
  }
});

t.test('every environment variable is documented once in the README configuration table', async (t) => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  for (const env of new Set(envBindings.map((b) => b.env))) {
    const documented = rows.filter((r) => r.split('|')[1]?.includes(`\`${env}\``));
    t.equal(documented.length, 1, `${env} has one row in the README configuration table`);
  }
});
