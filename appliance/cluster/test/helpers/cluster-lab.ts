/**
 * A cluster on one machine, for the front-door test and `npm run bench:cluster`. Runs INSIDE a
 * network namespace the caller made (`unshare -rn`: all of 127/8 is local and nothing leaves):
 * Kamailio with the generated configuration on 127.0.0.1:5060, appliance nodes as real processes
 * (`appliance/main.ts`, so kill -9 is real) on 127.0.0.2, .3, ... :5060 (HTTP :8080), each on its
 * own SQLite database, and SIPp as the PBX on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBenchAgent } from '../../../../scripts/bench/bench-tenant.js';
import { weekdays } from '../../../agents/schema.js';
import { configSchema } from '../../../config/schema.js';
import { sippInDialog, sippInvite, sippPlay, sippScenario } from '../../../test/helpers/sipp-scenario.js';
import { repoRoot, sharedDir, sharedModelsDir } from '../../../test/helpers/shared.js';
import { writeKamailioConfig } from '../../kamailio-cli.js';
import { readNodeState } from '../../node-control.js';

export const FRONT = '127.0.0.1';
/** Recorded speech (11 s, G.711 u-law RTP): "... ask not what your country can do for you ...". */
export const SPEECH_PCAP = path.join(sharedDir(), 'speech', 'pcap', 'jfk_pcmu.pcap');
export const FRONT_PORT = 5060;
export const SERVICE = '7200';
const HTTP_PORT = 8080;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await cond()) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export interface LabNode {
  readonly index: number;
  readonly address: string;
  readonly uri: string;
  readonly dataDir: string;
  readonly proc: ChildProcess;
}

const children = new Set<ChildProcess>();
/**
 * Kills everything the lab started. Kamailio and the nodes run in their own process groups and the
 * whole group goes: Kamailio's worker processes (and a node's STT helpers) would otherwise outlive
 * a killed parent, since the namespace has no PID namespace of its own.
 */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) killGroup(c, 'SIGKILL');
}

function killGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (c.pid !== undefined) process.kill(-c.pid, signal);
  } catch {
    c.kill(signal);
  }
}

/** kill -9 of a node (with its helper processes, as when the box dies). */
export function killNode(node: LabNode): void {
  killGroup(node.proc, 'SIGKILL');
}

/** Stops Kamailio (SIGTERM: the main process ends its workers) and waits for the port to be free. */
export async function stopFront(front: Front): Promise<void> {
  const exited = new Promise((r) => front.proc.once('exit', r));
  killGroup(front.proc, 'SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  killGroup(front.proc, 'SIGKILL');
  await sleep(300);
}

function track(c: ChildProcess): ChildProcess {
  children.add(c);
  c.once('exit', () => children.delete(c));
  return c;
}

/**
 * Nodes on one PostgreSQL (README "Cluster: shared state"): one database (by its Unix socket, which
 * a network namespace does not hide), one shared directory, and the first node's key on every
 * node; the first node to start creates the tenant, the others serve it from the database.
 */
export interface SharedState {
  readonly databaseUrl: string;
  readonly sharedDir: string;
  /** Heartbeat period and lost-node timeout (defaults 5 s / 15 s) to see `node_lost` within the test. */
  readonly heartbeatMs: number;
  readonly nodeTimeoutS: number;
}

/** Starts node `index` (1-based: 127.0.0.{index+1}) and waits until SIP listens and its agent exists. */
export async function startNode(root: string, index: number, shared?: SharedState): Promise<LabNode> {
  const address = `127.0.0.${index + 1}`;
  const dataDir = path.join(root, `node${index}`);
  mkdirSync(dataDir, { recursive: true });
  const first = path.join(root, 'node1', 'keys', 'appliance.key');
  if (shared && index > 1) {
    mkdirSync(path.join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    copyFileSync(first, path.join(dataDir, 'keys', 'appliance.key'));
  }
  const cfgFile = path.join(dataDir, 'config.json');
  writeFileSync(
    cfgFile,
    JSON.stringify({
      dataDir,
      logLevel: 'warn',
      modelsDir: sharedModelsDir(),
      models: {
        warmOnStart: false,
        cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
        prefer: { stt: 'pocketsphinx', tts: 'flite' },
      },
      http: { bindAddress: address, port: HTTP_PORT, unsubscribedRatePerS: 1000, publicRatePerS: 1000 },
      tls: { mode: 'off' },
      // Only the front door (and the test's direct PBX on the same address) may call in.
      sip: {
        bindAddress: address,
        port: 5060,
        publicAddress: address,
        allowFrom: [FRONT],
        maxConcurrentCalls: 20,
      },
      rtp: { portMin: 20000 + index * 1000, portMax: 20999 + index * 1000 },
      // Every node shares the same 2 cores with Kamailio and SIPp: admission by load would
      // measure the neighbours, not this node.
      calls: { maxEventLoopUtilization: 1, maxEventLoopDelayMs: 0 },
      ...(shared
        ? {
            databaseUrl: shared.databaseUrl,
            cluster: {
              sharedDir: shared.sharedDir,
              heartbeatMs: shared.heartbeatMs,
              nodeTimeoutS: shared.nodeTimeoutS,
            },
          }
        : {}),
    }),
  );
  const log = createWriteStream(path.join(dataDir, 'node.log'));
  const proc = track(
    spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'appliance', 'main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, APPLIANCE_CONFIG: cfgFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    }),
  );
  proc.stdout?.pipe(log);
  proc.stderr?.pipe(log);
  const node: LabNode = { index, address, uri: `sip:${address}:5060`, dataDir, proc };
  const alive = (): void => {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`node ${index} exited: ${tail(path.join(dataDir, 'node.log'))}`);
  };
  // node-state.json appears once the service is up (HTTP listening).
  await waitFor(() => (alive(), readNodeState(dataDir) !== undefined), 120_000, `node ${index} start`);
  if (!shared || index === 1)
    await createBenchAgent(
      HTTP_PORT,
      {
        name: `Node ${index}`,
        numbers: [SERVICE],
        // What the front-door test's softphone asks about.
        facts: { hours: [{ days: [...weekdays], open: '09:00', close: '17:00' }] },
      },
      address,
    );
  // Telephony starts once the speech engines have loaded; the SIP stack's metrics appear with it.
  await waitFor(
    async () => (alive(), (await metrics(node).catch(() => '')).includes('sip_messages_received_total')),
    120_000,
    `node ${index} SIP`,
  );
  return node;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-1500);
  } catch {
    return '(no log)';
  }
}

/** The node's Prometheus text (`/metrics` is open to loopback by default). */
export async function metrics(node: LabNode): Promise<string> {
  const res = await fetch(`http://${node.address}:${HTTP_PORT}/metrics`);
  return res.text();
}

/** calls_total{outcome="answered"} of a node (0 when it cannot be read, e.g. killed). */
export async function answered(node: LabNode): Promise<number> {
  try {
    const m = /^calls_total\{outcome="answered"\} (\d+)/m.exec(await metrics(node));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export interface Front {
  readonly proc: ChildProcess;
  /** Kamailio's log lines with the time (ms since epoch) this process read them. */
  readonly lines: Array<{ at: number; line: string }>;
}

/** Generates the configuration from the appliance's own schema (`cluster.front`) and starts Kamailio. */
export async function startFront(
  root: string,
  nodes: readonly LabNode[],
  probeIntervalS = 2,
): Promise<Front> {
  const cfg = configSchema.parse({
    cluster: {
      front: {
        address: FRONT,
        port: FRONT_PORT,
        nodes: nodes.map((n) => ({ uri: n.uri })),
        probeIntervalS,
      },
    },
  });
  const dir = path.join(root, 'kamailio');
  const { cfgFile } = writeKamailioConfig(cfg.cluster.front, dir);
  const run = path.join(dir, 'run');
  mkdirSync(run, { recursive: true });
  const proc = track(
    spawn('kamailio', ['-f', cfgFile, '-DD', '-E', '-Y', run, '-m', '64', '-M', '8'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    }),
  );
  const lines: Front['lines'] = [];
  let buf = '';
  const onData = (d: Buffer): void => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push({ at: Date.now(), line: buf.slice(0, i) });
      buf = buf.slice(i + 1);
    }
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  await waitFor(
    () => {
      if (proc.exitCode !== null)
        throw new Error(
          `kamailio exited: ${lines
            .map((l) => l.line)
            .join('\n')
            .slice(-2000)}`,
        );
      return (
        lines.some((l) => /INFO: .*(init_tcp|main process|dispatcher)/i.test(l.line)) || lines.length > 5
      );
    },
    15_000,
    'kamailio',
  );
  return { proc, lines };
}

/**
 * A talking call through the front door: the caller's audio (`pcap`, G.711 RTP) goes straight to
 * the node's media address from its SDP answer, never through Kamailio; then `holdMs` for the
 * agent's answer, then BYE along the route set.
 */
export function talkingCallScenario(pcap: string, holdMs: number): string {
  return sippScenario(
    'talking call through the front door',
    sippInvite() +
      `  <recv response="100" optional="true"></recv>
  <recv response="180" optional="true"></recv>
  <recv response="183" optional="true"></recv>
  <recv response="200" rrs="true"></recv>
` +
      sippInDialog('ACK', 1, { routed: true }) +
      `  <pause milliseconds="1500"/>\n` +
      sippPlay(pcap, holdMs) +
      sippInDialog('BYE', 2, { routed: true }) +
      `  <recv response="200" crlf="true"></recv>\n`,
  );
}

/** A call through the front door: INVITE, 200 (Record-Route kept), ACK and BYE along the route set. */
export function routedCallScenario(holdMs: number): string {
  return sippScenario(
    'call through the front door, in-dialog requests along Record-Route',
    sippInvite({ startRtd: '1' }) +
      `  <recv response="100" optional="true"></recv>
  <recv response="180" optional="true"></recv>
  <recv response="183" optional="true"></recv>
  <recv response="200" rrs="true" rtd="1"></recv>
` +
      sippInDialog('ACK', 1, { routed: true }) +
      `  <pause milliseconds="${holdMs}"/>\n` +
      sippInDialog('BYE', 2, { routed: true }) +
      `  <recv response="200" crlf="true"></recv>\n`,
  );
}

export interface SippResult {
  readonly code: number | null;
  readonly successful: number;
  readonly failed: number;
  /** Median INVITE -> 200 time of the answered calls, ms (SIPp -trace_rtt). */
  readonly responseMs: number | null;
  readonly ms: number;
  readonly output: string;
}

let sippN = 0;
/** SIPp as the PBX on 127.0.0.1: `calls` calls at `rate` per second (at most `limit` at once) to `target`. */
export async function sipp(
  root: string,
  o: { scenario: string; calls: number; rate: number; limit?: number; target?: string },
): Promise<SippResult> {
  const dir = path.join(root, `sipp${++sippN}`);
  mkdirSync(dir, { recursive: true });
  const sf = path.join(dir, 'scenario.xml');
  writeFileSync(sf, o.scenario);
  const started = Date.now();
  const args = [
    '-sf',
    sf,
    '-s',
    SERVICE,
    '-i',
    FRONT,
    '-p',
    String(6000 + sippN * 2),
    '-mi',
    FRONT,
    '-mp',
    String(40000 + sippN * 200),
    '-m',
    String(o.calls),
    '-r',
    String(o.rate),
    '-l',
    String(o.limit ?? 50),
    '-timeout',
    '60s',
    '-recv_timeout',
    '10s',
    '-nostdin',
    // Every message for small runs (debugging a failed test); INVITE -> 200 times always.
    ...(o.calls <= 50 ? ['-trace_msg', '-message_file', path.join(dir, 'messages.txt')] : []),
    '-trace_rtt',
    '-rtt_freq',
    '1',
    '-trace_screen',
    '-screen_file',
    path.join(dir, 'screen.txt'),
    '-trace_err',
    '-error_file',
    path.join(dir, 'errors.txt'),
    o.target ?? `${FRONT}:${FRONT_PORT}`,
  ];
  const child = track(spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  let screen = '';
  try {
    screen = readFileSync(path.join(dir, 'screen.txt'), 'utf8');
  } catch {
    screen = out;
  }
  const count = (label: string): number => {
    const m = new RegExp(`${label}\\s+\\|\\s+\\d+\\s+\\|\\s+(\\d+)`).exec(screen);
    return m ? Number(m[1]) : 0;
  };
  let errors = '';
  try {
    errors = readFileSync(path.join(dir, 'errors.txt'), 'utf8').slice(-1500);
  } catch {
    // none
  }
  // SIPp's -trace_rtt file: `date_ms;response_time_ms;rtd_no` per answered call.
  const rtts = readdirSync(dir)
    .filter((f) => f.endsWith('_rtt.csv'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').slice(1))
    .map((l) => Number(l.split(';')[1]))
    .filter((v) => Number.isFinite(v) && v > 0)
    .sort((a, b) => a - b);
  return {
    code,
    responseMs: rtts.length ? (rtts[Math.floor(rtts.length / 2)] ?? null) : null,
    successful: count('Successful call'),
    failed: count('Failed call'),
    ms: Date.now() - started,
    output: `${screen.slice(-2500)}\n${errors}`,
  };
}

/** Runs `appliance node ...` (the real CLI) against a node's data directory. */
export function nodeCli(
  node: LabNode,
  args: string[],
): { exited: Promise<number | null>; output: () => string; lines: Array<{ at: number; line: string }> } {
  const child = track(
    spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'appliance', 'cli.ts'), 'node', ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, APPLIANCE_CONFIG: path.join(node.dataDir, 'config.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  let out = '';
  const lines: Array<{ at: number; line: string }> = [];
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const l of d.toString().split('\n')) if (l.trim()) lines.push({ at: Date.now(), line: l });
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return { exited: new Promise((r) => child.once('exit', r)), output: () => out, lines };
}

/** Time (ms since epoch) of the first Kamailio line after `since` matching `re`, or undefined. */
/** One OPTIONS to the front door itself (a PBX's trunk keepalive): the status code, or null (no answer in 2 s). */
export async function optionsToFront(): Promise<number | null> {
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, FRONT, () => r()));
  const port = sock.address().port;
  const branch = `z9hG4bK-opt-${Date.now()}`;
  const msg = [
    `OPTIONS sip:${FRONT}:${FRONT_PORT} SIP/2.0`,
    `Via: SIP/2.0/UDP ${FRONT}:${port};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:pbx@${FRONT}:${port}>;tag=opt${port}`,
    `To: <sip:${FRONT}:${FRONT_PORT}>`,
    `Call-ID: opt-${branch}@${FRONT}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  try {
    return await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 2000);
      sock.on('message', (m) => {
        const code = /^SIP\/2\.0 (\d{3})/.exec(m.toString())?.[1];
        if (code === undefined || code.startsWith('1')) return;
        clearTimeout(timer);
        resolve(Number(code));
      });
      sock.send(msg, FRONT_PORT, FRONT);
    });
  } finally {
    sock.close();
  }
}

export function frontEvent(front: Front, re: RegExp, since: number): number | undefined {
  return front.lines.find((l) => l.at >= since && re.test(l.line))?.at;
}
