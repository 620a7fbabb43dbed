/**
 * `npm run bench:sip -- --agent` (or SIP_BENCH_AGENT=1): SIP load with full agent sessions. The
 * whole appliance runs in this process (SIP, RTP worker, Silero/energy VAD, pocketsphinx STT,
 * flite TTS, SQLite); SIPp places calls at increasing rates, each plays recorded speech (G.711
 * pcap) for SIP_BENCH_HOLD_MS (default 500) and hangs up, so every call gets the greeting, media,
 * VAD and an STT stream that the BYE aborts. Per rate: calls completed, fast 503s (load or
 * capacity, with Retry-After), failed calls (timeouts, unexpected messages) and SIPp's
 * retransmissions (an INVITE retransmitted = no final answer within 500 ms); then the highest rate
 * with every call completed and whether everything above it failed only with fast 503s.
 *
 *   env SIP_BENCH_RATES="10,20,30,40,50,60,80"  SIP_BENCH_SECONDS=8  SIP_BENCH_HOLD_MS=500
 *       SIP_BENCH_MAX_CALLS=60 (sip.maxConcurrentCalls)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startAppliance } from '../../appliance/app.js';
import { loadConfig } from '../../appliance/config/index.js';
import { createLogger } from '../../appliance/log.js';
import { createBenchAgent } from './bench-tenant.js';
import {
  sippAckRejected,
  sippInDialog,
  sippInvite,
  sippPlay,
  sippScenario,
} from '../../appliance/test/helpers/sipp-scenario.js';

interface Row {
  rate: number;
  calls: number;
  completed: number;
  rejectedLoad: number;
  rejectedCapacity: number;
  failed: number;
  retrans: number;
  /** Slowest setup (INVITE -> final response) SIPp saw, ms. */
  answerMaxMs: number;
  seconds: number;
  /** Event-loop utilization of this process (the appliance) over the run (0..1). */
  elu: number;
  /** p99 event-loop delay over the run, ms. */
  delayP99: number;
}

const SCENARIO = (pcap: string, holdMs: number): string =>
  sippScenario(
    'bench: agent call with speech, or a fast 503',
    sippInvite({ payloads: [0, 101], startRtd: 'setup' }) +
      `  <recv response="100" optional="true"></recv>
  <recv response="180" optional="true"></recv>
  <recv response="503" optional="true" next="rejected" rtd="setup"></recv>
  <recv response="200" rtd="setup"></recv>
` +
      sippInDialog('ACK', 1) +
      sippPlay(pcap, holdMs) +
      sippInDialog('BYE', 2) +
      `  <recv response="200" crlf="true" next="done"></recv>
  <label id="rejected"/>
` +
      sippAckRejected() +
      `  <label id="done"/>
`,
  );

export async function runAgentBench(o: {
  sharedDir: string;
  freePort: () => Promise<number>;
  readStat: (dir: string) => { ok: number; failed: number; retrans: number };
}): Promise<void> {
  const rates = (process.env.SIP_BENCH_RATES ?? '10,20,30,40,50,60,80').split(',').map(Number);
  const seconds = Number(process.env.SIP_BENCH_SECONDS ?? 8);
  const holdMs = Number(process.env.SIP_BENCH_HOLD_MS ?? 500);
  const maxCalls = Number(process.env.SIP_BENCH_MAX_CALLS ?? 60);
  const pcap = path.join(o.sharedDir, 'speech', 'pcap', 'jfk_pcmu.pcap');
  if (!existsSync(pcap)) throw new Error(`speech pcap missing: ${pcap} (set APPLIANCE_SHARED_DIR)`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-sip-agent-'));
  const scenario = path.join(dataDir, 'agent-call.xml');
  writeFileSync(scenario, SCENARIO(pcap, holdMs));
  const config = loadConfig(
    {},
    {
      tls: { mode: 'off' }, // plain HTTP on loopback
      dataDir,
      logLevel: 'silent',
      modelsDir: path.join(o.sharedDir, 'models'),
      models: { warmOnStart: true, prefer: { stt: 'pocketsphinx', tts: 'flite' }, llm: {} },
      sip: {
        enabled: true,
        port: 0,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: [],
        maxConcurrentCalls: maxCalls,
      },
      http: { port: 0, bindAddress: '127.0.0.1', unsubscribedRatePerS: 1000 },
      rtp: { portMin: 52000, portMax: 53999, inactivityTimeoutMs: 10_000 },
    },
  );
  const app = await startAppliance(config, { log: createLogger('silent') });
  try {
    const calls = app.modules.calls;
    for (let i = 0; i < 600 && !calls.sipPort; i++) await new Promise((r) => setTimeout(r, 100));
    if (!calls.sipPort) throw new Error('calls module did not start');
    await createBenchAgent(app.httpPort, { numbers: ['7000'], behaviour: { silenceTimeoutMs: 60_000 } });
    const engines = (calls.status?.() as { engines: unknown }).engines;
    const counter = async (name: string, label: string, value: string): Promise<number> => {
      const m = (await app.ctx.registry.getMetricsAsJSON()).find((x) => x.name === name) as
        { values: Array<{ labels: Record<string, string | number>; value: number }> } | undefined;
      return m?.values.find((v) => v.labels[label] === value)?.value ?? 0;
    };
    const waitIdle = async (maxMs: number): Promise<void> => {
      const until = Date.now() + maxMs;
      while (Date.now() < until && (calls.manager?.activeCount ?? 0) > 0)
        await new Promise((r) => setTimeout(r, 100));
    };

    console.log(
      `SIP benchmark with agent sessions: appliance on 127.0.0.1:${calls.sipPort} (UDP), engines ${JSON.stringify(engines)}, ` +
        `SIPp calls playing speech for ${holdMs} ms then BYE, ${seconds} s per rate, sip.maxConcurrentCalls ${maxCalls}, ` +
        `load admission: event loop > ${config.calls.maxEventLoopUtilization * 100} % busy or p99 delay > ${config.calls.maxEventLoopDelayMs} ms -> 503`,
    );
    console.log(
      'rate(cps)  calls  completed  503-load  503-capacity  failed  retrans  slowest-setup(ms)  wall(s)  loop-busy  loop-p99(ms)',
    );
    // Warm-up, not measured: the first calls load the VAD session and fill the STT helper pool.
    const warmDir = mkdtempSync(path.join(os.tmpdir(), 'sipbench-warm-'));
    await runSipp(scenario, calls.sipPort, 1, 3, warmDir, warmDir, o.freePort, 20);
    rmSync(warmDir, { recursive: true, force: true });
    await waitIdle(30_000);
    await new Promise((r) => setTimeout(r, 3000));
    const rows: Row[] = [];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (const rate of rates) {
      const n = rate * seconds;
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sipbench-agent-'));
      const rttDir = mkdtempSync(path.join(os.tmpdir(), 'sipbench-rtt-'));
      const load0 = await counter('calls_total', 'outcome', 'rejected_load');
      const cap0 = await counter('calls_total', 'outcome', 'rejected_capacity');
      const started = Date.now();
      const elu0 = performance.eventLoopUtilization();
      loop.reset();
      await runSipp(scenario, calls.sipPort, rate, n, dir, rttDir, o.freePort, seconds);
      const s = o.readStat(dir);
      const answerMaxMs = slowestSetup([rttDir, dataDir]);
      const elu = performance.eventLoopUtilization(performance.eventLoopUtilization(), elu0).utilization;
      const delayP99 = loop.percentile(99) / 1e6;
      rmSync(dir, { recursive: true, force: true });
      rmSync(rttDir, { recursive: true, force: true });
      const rejectedLoad = (await counter('calls_total', 'outcome', 'rejected_load')) - load0;
      const rejectedCapacity = (await counter('calls_total', 'outcome', 'rejected_capacity')) - cap0;
      const row: Row = {
        rate,
        calls: n,
        completed: s.ok - rejectedLoad - rejectedCapacity,
        rejectedLoad,
        rejectedCapacity,
        failed: s.failed,
        retrans: s.retrans,
        answerMaxMs,
        seconds: (Date.now() - started) / 1000,
        elu,
        delayP99,
      };
      rows.push(row);
      console.log(
        `${String(rate).padStart(9)}  ${String(n).padStart(5)}  ${String(row.completed).padStart(9)}  ${String(rejectedLoad).padStart(8)}  ${String(rejectedCapacity).padStart(12)}  ${String(row.failed).padStart(6)}  ${String(row.retrans).padStart(7)}  ${String(Math.round(answerMaxMs)).padStart(17)}  ${row.seconds.toFixed(1).padStart(7)}  ${(row.elu * 100).toFixed(0).padStart(8)}%  ${row.delayP99.toFixed(0).padStart(12)}`,
      );
      await waitIdle(30_000);
      await new Promise((r) => setTimeout(r, 2000));
    }
    console.log(
      `TTS sentences: ${await counter('calls_tts_requests_total', 'source', 'engine')} synthesized, ${await counter('calls_tts_requests_total', 'source', 'cache')} greeting sentences from the cache`,
    );
    const hist = (await app.ctx.registry.getMetricsAsJSON()).find(
      (x) => x.name === 'calls_teardown_seconds',
    ) as
      | { values: Array<{ labels: Record<string, string | number>; value: number; metricName?: string }> }
      | undefined;
    const stat = (stage: string, k: string): number =>
      hist?.values.find((v) => v.labels.stage === stage && v.metricName === `calls_teardown_seconds_${k}`)
        ?.value ?? 0;
    for (const stage of ['session', 'records'])
      console.log(
        `teardown ${stage.padEnd(8)} mean ${stat(stage, 'count') ? ((stat(stage, 'sum') / stat(stage, 'count')) * 1000).toFixed(0) : '-'} ms over ${stat(stage, 'count')} calls` +
          (stage === 'session' ? ' (holds the call slot)' : ' (written after the slot is free)'),
      );
    const clean = rows.filter((r) => r.completed === r.calls && r.failed === 0);
    const best = clean.length ? Math.max(...clean.map((r) => r.rate)) : undefined;
    console.log(`highest rate with every call completed (0 failed, 0 refused): ${best ?? 'none'} cps`);
    const above = rows.filter((r) => best === undefined || r.rate > best);
    if (above.length)
      console.log(
        `above it: ${above
          .map(
            (r) =>
              `${r.rate} cps ${r.completed}/${r.calls} completed, ${r.rejectedLoad + r.rejectedCapacity} fast 503, ${r.failed} failed, ${r.retrans} retrans`,
          )
          .join(
            '; ',
          )} -> ${above.every((r) => r.failed === 0 && r.retrans === 0) ? 'only fast 503s (no timeouts, no retransmissions)' : 'NOT only fast 503s'}`,
      );
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runSipp(
  scenario: string,
  sipPort: number,
  rate: number,
  n: number,
  statDir: string,
  rttDir: string,
  freePort: () => Promise<number>,
  seconds: number,
): Promise<void> {
  const child = spawn(
    'sipp',
    [
      '-sf',
      scenario,
      '-s',
      '7000',
      '-i',
      '127.0.0.1',
      '-mi',
      '127.0.0.1',
      '-nostdin',
      '-r',
      String(rate),
      '-m',
      String(n),
      '-l',
      String(Math.max(100, rate * 4)),
      '-p',
      String(await freePort()),
      '-mp',
      String(40000 + 2 * Math.floor(Math.random() * 4000)),
      '-recv_timeout',
      '8000',
      '-timeout',
      String(seconds * 3 + 30),
      '-trace_stat',
      '-stf',
      path.join(statDir, `stat-${process.pid}-${rate}.csv`),
      '-fd',
      '1',
      '-trace_rtt',
      '-rtt_freq',
      '1',
      '-max_recv_loops',
      '10000',
      '-max_sched_loops',
      '10000',
      `127.0.0.1:${sipPort}`,
    ],
    { cwd: rttDir, stdio: 'ignore' },
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds * 3 + 40) * 1000);
  await new Promise((r) => child.on('close', r));
  clearTimeout(killer);
}

/** Longest INVITE -> final response of the run from SIPp's -trace_rtt file (rtd "setup"), ms. */
function slowestSetup(dirs: string[]): number {
  const dir = dirs.find((d) => readdirSync(d).some((f) => f.endsWith('_rtt.csv')));
  const file = dir && readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  if (!dir || !file) return NaN;
  const lines = readFileSync(path.join(dir, file), 'utf8').trim().split('\n');
  rmSync(path.join(dir, file));
  const head = (lines[0] ?? '').split(';');
  const col = head.findIndex((x) => /response_time/i.test(x));
  let max = 0;
  for (const l of lines.slice(1)) max = Math.max(max, Number(l.split(';')[col] ?? 0));
  return max;
}
