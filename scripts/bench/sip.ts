/**
 * SIP signalling benchmark (loopback only): the stack in this process answers every call at
 * once (no media), SIPp's built-in `uac` scenario drives call setups at increasing rates.
 * Prints completed/failed calls and retransmissions per rate, the highest rate with zero
 * failures, and heap bytes per established idle dialog.
 *
 *   npm run bench:sip            (env SIP_BENCH_RATES="50,100,200", SIP_BENCH_SECONDS=6, SIP_BENCH_DIALOGS=2000)
 *   npm run bench:sip -- --agent (full agent sessions: greeting, media, VAD, STT; see sip-agent.ts)
 */
import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSipStack } from '../../sip/index.js';

const rates = (process.env.SIP_BENCH_RATES ?? '50,100,200,300,400,600,800,1000').split(',').map(Number);
const secondsPerRate = Number(process.env.SIP_BENCH_SECONDS ?? 6);
const holdDialogs = Number(process.env.SIP_BENCH_DIALOGS ?? 2000);

if (spawnSync('sipp', ['-v']).error) {
  console.error('sipp is not installed (apt-get install sip-tester)');
  process.exit(1);
}

if (process.argv.includes('--agent') || process.env.SIP_BENCH_AGENT === '1') {
  const { runAgentBench } = await import('./sip-agent.js');
  await runAgentBench({
    sharedDir:
      process.env.APPLIANCE_SHARED_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared'),
    freePort,
    readStat,
  });
  process.exit(0);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function freePort(): Promise<number> {
  for (;;) {
    const s = dgram.createSocket('udp4');
    const port = await new Promise<number>((r) => s.bind(0, '127.0.0.1', () => r(s.address().port)));
    const ok = await new Promise<boolean>((r) => {
      const srv = net.createServer();
      srv.once('error', () => r(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => r(true)));
    });
    s.close();
    if (ok) return port;
  }
}

const stack = await createSipStack({ bindAddress: '127.0.0.1', port: 0, userAgent: 'bench' });
stack.onIncomingCall(async (call) => {
  await call.answer({ rtpAddress: '127.0.0.1', rtpPort: 40000 });
});

interface RateResult {
  rate: number;
  calls: number;
  ok: number;
  failed: number;
  retrans: number;
  seconds: number;
}

function sipp(args: string[], timeoutMs: number): { done: Promise<number | null>; kill: () => void } {
  const child = spawn('sipp', ['-i', '127.0.0.1', '-mi', '127.0.0.1', '-nostdin', ...args], {
    stdio: 'ignore',
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return {
    done: new Promise((r) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        r(code);
      }),
    ),
    kill: () => child.kill('SIGKILL'),
  };
}

/** Last line of SIPp's -trace_stat CSV: cumulative counters. */
function readStat(dir: string): { ok: number; failed: number; retrans: number } {
  const file = readdirSync(dir).find((f) => f.endsWith('.csv'));
  if (!file) return { ok: 0, failed: 0, retrans: 0 };
  const lines = readFileSync(path.join(dir, file), 'utf8').trim().split('\n');
  const head = (lines[0] ?? '').split(';');
  const last = (lines.at(-1) ?? '').split(';');
  const col = (name: string): number => Number(last[head.indexOf(name)] ?? 0);
  return { ok: col('SuccessfulCall(C)'), failed: col('FailedCall(C)'), retrans: col('Retransmissions(C)') };
}

async function runRate(rate: number): Promise<RateResult> {
  const calls = Math.min(rate * secondsPerRate, 4000);
  const dir = mkdtempSync(path.join(tmpdir(), 'sipbench-'));
  const started = Date.now();
  const run = sipp(
    [
      '-sn',
      'uac',
      '-r',
      String(rate),
      '-m',
      String(calls),
      '-l',
      '3000',
      '-d',
      '200',
      '-p',
      String(await freePort()),
      '-mp',
      String(await freePort()),
      '-recv_timeout',
      '8000',
      '-timeout',
      String(secondsPerRate * 4 + 30),
      '-trace_stat',
      '-stf',
      path.join(dir, 'stat.csv'),
      '-fd',
      '1',
      '-max_recv_loops',
      '10000',
      '-max_sched_loops',
      '10000',
      `127.0.0.1:${stack.port}`,
    ],
    (secondsPerRate * 4 + 40) * 1000,
  );
  await run.done;
  const s = readStat(dir);
  rmSync(dir, { recursive: true, force: true });
  return { rate, calls, ...s, seconds: (Date.now() - started) / 1000 };
}

console.log(
  `SIP benchmark: stack on 127.0.0.1:${stack.port} (UDP), SIPp uac, 200 ms call hold, ${secondsPerRate} s per rate`,
);
console.log('rate(cps)  calls  completed  failed  retrans  wall(s)');
const results: RateResult[] = [];
for (const rate of rates) {
  const r = await runRate(rate);
  results.push(r);
  console.log(
    `${String(r.rate).padStart(9)}  ${String(r.calls).padStart(5)}  ${String(r.ok).padStart(9)}  ${String(r.failed).padStart(6)}  ${String(r.retrans).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}`,
  );
  await new Promise((res) => setTimeout(res, 1000));
}
const clean = results.filter((r) => r.failed === 0 && r.ok === r.calls);
console.log(
  `highest rate with 0 failures: ${clean.length ? Math.max(...clean.map((r) => r.rate)) : 'none'} cps`,
);

// Memory per established idle dialog: hold calls open (long pause), compare heap after GC.
async function settle(pred: () => boolean, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
}
await settle(() => stack.stats().transactions === 0 && stack.stats().activeDialogs === 0, 40_000);
gc();
const before = process.memoryUsage().heapUsed;
// Calls abandoned by an overloaded SIPp (no BYE) stay up until the media layer's RTP timeout.
const baseDialogs = stack.stats().activeDialogs;
const hold = sipp(
  [
    '-sn',
    'uac',
    '-r',
    '200',
    '-m',
    String(holdDialogs),
    '-l',
    String(holdDialogs + 10),
    '-d',
    '120000',
    '-p',
    String(await freePort()),
    '-mp',
    String(await freePort()),
    '-timeout',
    '200',
    `127.0.0.1:${stack.port}`,
  ],
  200_000,
);
await settle(() => stack.stats().activeDialogs >= baseDialogs + holdDialogs, 60_000);
const established = stack.stats().activeDialogs - baseDialogs;
// Let INVITE transactions finish (RFC 6026 timer L = 64*T1 = 32 s) so only dialog state remains.
await settle(() => stack.stats().transactions === 0, 40_000);
gc();
const after = process.memoryUsage().heapUsed;
console.log(
  `idle dialogs held: ${established}, live transactions: ${stack.stats().transactions}, heap delta ${((after - before) / 1048576).toFixed(1)} MiB = ${Math.round((after - before) / Math.max(1, established))} bytes/dialog`,
);
hold.kill();
await hold.done;
await stack.stop();
process.exit(0);
