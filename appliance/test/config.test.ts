import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../config/index.js';

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
