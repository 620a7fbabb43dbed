/**
 * The generated Kamailio configuration (Kamailio itself checks it when installed) and the node
 * drain control between `appliance node ...` and the service (signal + data-directory files,
 * exercised on this process: the CLI signals the pid the service side wrote).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { configSchema } from '../../config/schema.js';
import { FrontConfigError, kamailioConfig } from '../kamailio.js';
import { runKamailioConfigCli } from '../kamailio-cli.js';
import { runNodeCli } from '../node-cli.js';
import { nodeControlPaths, readNodeState, startNodeControl } from '../node-control.js';

const front = (f: Record<string, unknown>) => configSchema.parse({ cluster: { front: f } }).cluster.front;
const hasKamailio = spawnSync('sh', ['-c', 'command -v kamailio']).status === 0;

t.test('config: defaults, dispatcher list, probing and failover settings', async (t) => {
  const d = front({});
  t.equal(d.probeIntervalS, 2, 'probe every 2 s by default');
  t.equal(d.algorithm, 'round-robin');
  t.throws(() => kamailioConfig(d, '/x/dispatcher.list'), FrontConfigError, 'no nodes: a clear error');
  t.throws(
    () => configSchema.parse({ cluster: { front: { nodes: [{ uri: 'http://x' }] } } }),
    /sip:host/,
    'a node must be a sip: URI',
  );
  const f = front({
    address: '192.0.2.10',
    nodes: [{ uri: 'sip:10.0.0.2:5060', weight: 3 }, { uri: 'sip:10.0.0.3' }],
    algorithm: 'weight',
    probeIntervalS: 3,
    failureThreshold: 2,
  });
  const { cfg, dispatcherList } = kamailioConfig(f, '/etc/kamailio/dispatcher.list');
  t.match(dispatcherList, /^1 sip:10\.0\.0\.2:5060 0 0 weight=3$/m);
  t.match(dispatcherList, /^1 sip:10\.0\.0\.3 0 0 weight=1$/m);
  t.match(cfg, /^listen=udp:192\.0\.2\.10:5060$/m);
  t.match(cfg, /"ds_ping_interval", 3\)/);
  t.match(cfg, /"ds_probing_mode", 1\)/);
  t.match(cfg, /"ds_probing_threshold", 2\)/);
  t.match(cfg, /"ds_ping_reply_codes", "code=200"\)/);
  t.match(cfg, /ds_select_dst\("1", "9"\)/, 'weight-based algorithm');
  t.match(cfg, /record_route\(\)/);
  t.match(cfg, /t_check_status\("500\|503"\)/);
  t.throws(
    () => kamailioConfig(front({ nodes: [{ uri: 'sip:a' }, { uri: 'sip:a' }] }), '/x'),
    /twice/,
    'a node listed twice',
  );
});

t.test('`appliance cluster kamailio-config DIR` writes files Kamailio accepts', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kamcfg-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const config = configSchema.parse({
    cluster: { front: { address: '127.0.0.1', port: 5099, nodes: [{ uri: 'sip:127.0.0.2:5060' }] } },
  });
  const out: string[] = [];
  const code = runKamailioConfigCli([dir], config, { out: (l) => out.push(l), err: (l) => out.push(l) });
  t.equal(code, 0, out.join('\n'));
  t.ok(existsSync(path.join(dir, 'kamailio.cfg')) && existsSync(path.join(dir, 'dispatcher.list')));
  t.match(readFileSync(path.join(dir, 'kamailio.cfg'), 'utf8'), path.join(dir, 'dispatcher.list'));
  const empty = configSchema.parse({});
  t.equal(
    runKamailioConfigCli([dir], empty, { out: () => undefined, err: () => undefined }),
    2,
    'no nodes: exit 2',
  );
  if (!hasKamailio) {
    t.comment('kamailio is not installed: syntax check skipped');
    return;
  }
  const check = spawnSync('kamailio', ['-c', '-f', path.join(dir, 'kamailio.cfg')], { encoding: 'utf8' });
  t.equal(check.status, 0, `kamailio -c accepts it: ${check.stderr.slice(-1500)}`);
});

t.test('node drain: CLI <-> service through the pid file, drain file and SIGUSR2', async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'node-drain-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const p = nodeControlPaths(dataDir);
  const out: string[] = [];
  const io = { dataDir, out: (l: string) => out.push(l), err: (l: string) => out.push(`E ${l}`), pollMs: 50 };

  // Not running: the drain file is kept, the node will start drained.
  t.equal(await runNodeCli(['drain'], io), 0);
  t.match(out.join('\n'), /will start drained/);
  const target = {
    draining: false,
    liveCalls: 2,
    drain: () => (target.draining = true),
    undrain: () => (target.draining = false),
  };
  const log = { info: () => undefined, error: () => undefined };
  const control = startNodeControl(dataDir, target, log, 50);
  t.teardown(() => control.close());
  t.ok(target.draining, 'a drain file at start: the node starts drained');
  t.equal(readFileSync(p.pid, 'utf8').trim(), String(process.pid), 'pid file');

  t.equal(await runNodeCli(['undrain'], io), 0);
  t.notOk(target.draining, 'undrain applied by the running service');
  t.notOk(existsSync(p.drain));

  // Drain waits for the live calls to end and prints their count.
  out.length = 0;
  setTimeout(() => (target.liveCalls = 1), 300);
  setTimeout(() => (target.liveCalls = 0), 600);
  t.equal(await runNodeCli(['drain'], io), 0);
  t.ok(target.draining);
  t.match(out.join('\n'), /draining \(pid \d+\)[\s\S]*2 live calls\n1 live call\n0 live calls\ndrained/);
  t.same(readNodeState(dataDir)?.draining, true);

  // --timeout: exit 1 with the calls still live, the node stays draining.
  target.liveCalls = 3;
  out.length = 0;
  t.equal(await runNodeCli(['drain', '--timeout', '0.3'], io), 1);
  t.match(out.join('\n'), /timed out with 3 live calls/);
  t.equal(await runNodeCli(['drain', '--timeout', 'x'], io), 2, 'bad --timeout');
  t.equal(await runNodeCli(['bogus'], io), 2, 'unknown subcommand: usage');

  out.length = 0;
  t.equal(await runNodeCli(['status'], io), 0);
  t.match(out.join('\n'), /draining, 3 live calls/);
  control.close();
  t.notOk(existsSync(p.pid), 'pid file removed at a clean stop');
  // A stale pid file (process gone) is not a running node.
  writeFileSync(p.pid, '999999999\n');
  out.length = 0;
  t.equal(await runNodeCli(['status'], io), 0);
  t.match(out.join('\n'), /not running; will start drained/);
  // A pid file naming a live process that is not the service (no fresh node-state.json for it):
  // never signalled (SIGUSR2 would kill this very test process, which no longer handles it).
  writeFileSync(p.pid, `${process.pid}\n`);
  writeFileSync(
    p.state,
    JSON.stringify({ pid: process.pid, draining: false, liveCalls: 0, at: '2000-01-01T00:00:00Z', seq: 0 }),
  );
  out.length = 0;
  t.equal(await runNodeCli(['drain'], io), 0);
  t.match(out.join('\n'), /not running here: it will start drained/, 'stale state: not signalled');
});
