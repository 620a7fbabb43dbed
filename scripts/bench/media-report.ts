/**
 * Output of `npm run bench:media` (scripts/bench/media.ts): one block per N with the primary figures
 * (send jitter, loss, CPU per call) first and the secondary ones (receiver wake-up included, engine's
 * own lateness, baseline pacer) after them. Jitter is always |interval - ptime| in ms.
 */
import type { ReceiverReport } from './native/rtp-rx.js';

const PTIME_MS = 20;

export type ReceiverKind = 'native' | 'node';

export interface RunResult {
  n: number;
  receiver: ReceiverKind;
  rep: ReceiverReport;
  pacing: { ticks: number; p50Ms: number; p99Ms: number; maxMs: number };
  expectedOut: number;
  inboundRx: number;
  inboundLost: number;
  peerSent: number;
  peerMaxLateMs: number;
  maxTickLateMs: number;
  threadCpuPctPerCall: number;
  procCpuPctPerCall: number;
  niced: boolean;
  fifo: boolean;
  /** 1-minute load average at the end of the run (other work on the box skews every figure). */
  loadAvg1: number;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const f = (x: number): string => x.toFixed(2);

/** "p50 a ms, p99 b ms, max c ms" of |interval - ptime| (the jitter definition used throughout). */
function jitter(intervalsMs: number[] | undefined): string {
  const dev = (intervalsMs ?? []).map((x) => Math.abs(x - PTIME_MS)).sort((a, b) => a - b);
  return `p50 ${f(pct(dev, 50))} ms, p99 ${f(pct(dev, 99))} ms, max ${f(dev[dev.length - 1] ?? NaN)} ms`;
}

function loss(r: RunResult): string {
  const drops = r.rep.kernelDrops !== undefined ? `, receiver socket drops ${r.rep.kernelDrops}` : '';
  return (
    `outbound seq gaps ${r.rep.seqGaps} (${r.rep.received}/${r.expectedOut} pkts recvd${drops}), ` +
    `inbound lost ${r.inboundLost} of ${r.inboundRx}`
  );
}

function cpuPerCall(r: RunResult): string {
  return `media thread ${f(r.threadCpuPctPerCall)} % of a core (whole process incl. hogs ${f(r.procCpuPctPerCall)} %)`;
}

export function report(primary: RunResult, node: RunResult | undefined): void {
  const r = primary;
  const src =
    r.receiver === 'native' ? 'kernel rx timestamps' : 'Node receiver arrival times (NO kernel timestamps)';
  const lines = [
    `N=${String(r.n).padStart(3)} (load average ${r.loadAvg1.toFixed(1)} at the end of the run)`,
    `send jitter |interval-20ms| from ${src}: ${jitter(r.rep.intervalsMs)} over ${r.rep.intervalsMs.length} intervals`,
    `loss: ${loss(r)}`,
    `CPU/call: ${cpuPerCall(r)}`,
    `baseline (plain timer pacer in the sender process), same source: ${jitter(r.rep.baselineMs)}`,
    `engine send lateness vs deadline (media thread's own clock, at sendTick): p50 ${f(r.pacing.p50Ms)} ms, ` +
      `p99 ${f(r.pacing.p99Ms)} ms, max ${f(r.pacing.maxMs)} ms over ${r.pacing.ticks} packets; ` +
      `max over the session ${f(r.maxTickLateMs)} ms (nice -10: ${r.niced}, SCHED_FIFO: ${r.fifo})`,
    `peer sender: ${r.peerSent} pkts incl. baseline, its max lateness ${f(r.peerMaxLateMs)} ms`,
  ];
  if (r.rep.readIntervalsMs) {
    lines.push(
      `secondary, receiver wake-up included: native receiver's read time ${jitter(r.rep.readIntervalsMs)} ` +
        `(baseline ${jitter(r.rep.baselineReadMs)})`,
    );
  }
  if (node) {
    lines.push(
      `secondary, receiver wake-up included: Node receiver (old method, separate run) ${jitter(node.rep.intervalsMs)} ` +
        `(baseline ${jitter(node.rep.baselineMs)}); loss: ${loss(node)}; CPU/call: ${cpuPerCall(node)}`,
    );
  }
  console.log(lines.join('\n       '));
}
