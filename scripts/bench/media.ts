/**
 * Media engine benchmark: N simultaneous RTP sessions on loopback (N = 10, 50, 100 by default), each
 * receiving 50 packets/s from a sender process and sending 50 packets/s of queued audio to a receiver
 * process, while a CPU-bound worker thread spins and the main thread is kept busy.
 *
 * Send jitter is measured in the receiver child process from packet arrival times (|interval - 20 ms|
 * between consecutive packets of a stream), so the measurement includes the kernel/loopback path and
 * the receiver's own wake-up latency (an upper bound of the engine's send jitter). Loss = sequence
 * gaps seen by the receiver + inbound loss reported by the sessions. CPU per call = CPU time of the
 * media worker thread / N (from /proc), plus the whole process for reference (includes the hogs).
 *
 * Usage: npm run bench:media [-- --sessions 10,50,100 --seconds 10 --no-hogs --no-priority --no-realtime --spin 1]
 */
import { fork, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createMediaEngine, serializeRtp, encodePcmu } from '../../media/index.js';

const PTIME_MS = 20;
const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const flag = (name: string): boolean => argv.includes(`--${name}`);

type ChildMsg =
  | { type: 'ports'; ports: number[] }
  | {
      type: 'report';
      intervalsMs: number[];
      baselineMs: number[];
      received: number;
      seqGaps: number;
      streams: number;
    }
  | { type: 'sent'; sent: number; maxLateMs: number };

// ---------------------------------------------------------------------------------------------- children

async function receiverChild(n: number): Promise<void> {
  // n sockets for the engine's sessions + 1 for the baseline pacer (index n).
  const socks: dgram.Socket[] = [];
  const last = new Array<number>(n + 1).fill(-1);
  const lastSeq = new Array<number>(n + 1).fill(-1);
  const intervals: number[] = [];
  const baseline: number[] = [];
  let received = 0;
  let seqGaps = 0;
  let measuring = false;
  for (let i = 0; i <= n; i++) {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const idx = i;
    s.on('message', (m) => {
      const now = performance.now();
      // RTCP of a session goes to remotePort+1, which may be another stream's socket: ignore it.
      const pt = m[1] ?? 0;
      if (m.length < 12 || (pt >= 200 && pt <= 204)) return;
      const seq = m.readUInt16BE(2);
      if (measuring && idx === n) {
        const prev = last[idx] ?? -1;
        if (prev >= 0) baseline.push(now - prev);
      } else if (measuring) {
        received++;
        const prev = last[idx] ?? -1;
        if (prev >= 0) intervals.push(now - prev);
        const ps = lastSeq[idx] ?? -1;
        if (ps >= 0) seqGaps += Math.max(0, ((seq - ps + 65536) % 65536) - 1);
      }
      last[idx] = now;
      lastSeq[idx] = seq;
    });
    socks.push(s);
  }
  process.send?.({ type: 'ports', ports: socks.map((s) => s.address().port) } satisfies ChildMsg);
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'measure') measuring = true;
    if (m.cmd === 'report') {
      const msg: ChildMsg = {
        type: 'report',
        intervalsMs: intervals,
        baselineMs: baseline,
        received,
        seqGaps,
        streams: n,
      };
      process.send?.(msg, () => {
        for (const s of socks) s.close();
        process.exit(0);
      });
    }
  });
}

async function senderChild(targets: number[]): Promise<void> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const payload = encodePcmu(new Int16Array(160).map((_, i) => Math.round(3000 * Math.sin(i / 3))));
  const start = performance.now() + 5;
  let k = 0;
  let sent = 0;
  let maxLateMs = 0;
  let stop = false;
  const tick = (): void => {
    if (stop) return;
    const now = performance.now();
    const due = start + k * PTIME_MS;
    if (now >= due) {
      maxLateMs = Math.max(maxLateMs, now - due);
      targets.forEach((port, i) => {
        const buf = serializeRtp({
          payloadType: 0,
          marker: k === 0,
          sequenceNumber: k & 0xffff,
          timestamp: (k * 160) >>> 0,
          ssrc: 1000 + i,
          csrcs: [],
          paddingBytes: 0,
          payload,
        });
        sock.send(buf, port, '127.0.0.1');
        sent++;
      });
      k++;
    }
    const next = start + k * PTIME_MS - performance.now();
    setTimeout(tick, Math.max(0, Math.floor(next)));
  };
  tick();
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'stop') {
      stop = true;
      process.send?.({ type: 'sent', sent, maxLateMs } satisfies ChildMsg, () => {
        sock.close();
        process.exit(0);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------- parent

function spawnChild(args: string[]): ChildProcess {
  return fork(fileURLToPath(import.meta.url), args, {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMsg<T extends ChildMsg['type']>(
  c: ChildProcess,
  type: T,
): Promise<Extract<ChildMsg, { type: T }>> {
  return new Promise((resolve) => {
    const on = (m: ChildMsg): void => {
      if (m.type === type) {
        c.off('message', on);
        resolve(m as Extract<ChildMsg, { type: T }>);
      }
    };
    c.on('message', on);
  });
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface RunOpts {
  seconds: number;
  hogs: boolean;
  raisePriority: boolean;
  realtime: boolean;
  spinMs: number;
}

async function runOne(n: number, o: RunOpts): Promise<void> {
  const { seconds, hogs } = o;
  const engine = await createMediaEngine({
    bindAddress: '127.0.0.1',
    rtpPortMin: 30000,
    rtpPortMax: 30000 + 4 * n + 40,
    raisePriority: o.raisePriority,
    realtimePriority: o.realtime,
    pacingSpinMs: o.spinMs,
  });
  const receiver = spawnChild(['--receiver', String(n)]);
  // The measuring processes get a high priority too (when allowed), so their own wake-up latency
  // under the CPU hogs does not pollute the measurement.
  const boost = (c: ChildProcess): void => {
    try {
      if (c.pid !== undefined) setPriority(c.pid, -15);
    } catch {
      // not permitted: measurement then includes more receiver-side scheduling noise
    }
  };
  boost(receiver);
  const { ports: rxPorts } = await nextMsg(receiver, 'ports');
  const allocs = await Promise.all(Array.from({ length: n }, () => engine.allocate()));
  const sessions = [];
  for (let i = 0; i < n; i++) {
    const a = allocs[i];
    const rp = rxPorts[i];
    if (!a || rp === undefined) throw new Error('setup failed');
    const s = await engine.start(a.sessionId, {
      remoteAddress: '127.0.0.1',
      remotePort: rp,
      codec: { name: 'PCMU', payloadType: 0, clockRateHz: 8000 },
      symmetricRtp: false, // the sender child uses one socket for all streams
      statsIntervalMs: 0,
    });
    // Queued agent audio for the whole run (TTS-like 22.05 kHz, resampled in the worker).
    const samples = 22050 * (seconds + 3);
    const pcm = new Int16Array(samples);
    for (let j = 0; j < samples; j++) pcm[j] = Math.round(6000 * Math.sin((2 * Math.PI * 300 * j) / 22050));
    s.play(pcm, 22050);
    let frames = 0;
    s.on('audio', () => frames++);
    sessions.push(s);
  }
  // The sender also feeds the baseline socket: one stream paced by a minimal absolute-deadline timer
  // loop in a separate process, i.e. what this machine allows at this moment without any engine.
  const sender = spawnChild(['--sender', [...allocs.map((a) => a.localPort), rxPorts[n]].join(',')]);
  boost(sender);

  // Load: a spinning worker thread and a main thread that is busy ~80% of the time.
  const hog = hogs ? new Worker('for(;;){}', { eval: true }) : undefined;
  let mainBusy = hogs;
  const busyMain = (): void => {
    if (!mainBusy) return;
    const until = performance.now() + 16;
    while (performance.now() < until) {
      /* busy */
    }
    setTimeout(busyMain, 4);
  };
  busyMain();

  await new Promise((r) => setTimeout(r, 1000)); // warm-up, playout and latching settle
  receiver.send({ cmd: 'measure' });
  const cpu0 = process.cpuUsage();
  const thr0 = await engine.workerCpuUsage();
  await engine.pacingStats(); // reset the window
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const wallMs = performance.now() - t0;
  const thr1 = await engine.workerCpuUsage();
  const pacing = await engine.pacingStats();
  const cpu = process.cpuUsage(cpu0);
  mainBusy = false;
  await hog?.terminate();

  receiver.send({ cmd: 'report' });
  sender.send({ cmd: 'stop' });
  const [rep, sent] = await Promise.all([nextMsg(receiver, 'report'), nextMsg(sender, 'sent')]);
  const stats = await Promise.all(sessions.map((s) => s.getStats()));
  await Promise.all(sessions.map((s) => s.stop()));
  await engine.close();

  const dev = rep.intervalsMs.map((x) => Math.abs(x - PTIME_MS)).sort((a, b) => a - b);
  const base = rep.baselineMs.map((x) => Math.abs(x - PTIME_MS)).sort((a, b) => a - b);
  const inboundLost = stats.reduce((s, x) => s + x.packetsLost, 0);
  const inboundRx = stats.reduce((s, x) => s + x.packetsReceived, 0);
  const maxLate = Math.max(...stats.map((x) => x.maxSendLatenessMs));
  const expectedOut = Math.round((wallMs / PTIME_MS) * n);
  const threadCpuMs = thr0 && thr1 ? thr1.userMs + thr1.systemMs - thr0.userMs - thr0.systemMs : NaN;
  const procCpuMs = (cpu.user + cpu.system) / 1000;
  const f = (x: number): string => x.toFixed(2);
  console.log(
    [
      `N=${String(n).padStart(3)}`,
      `send jitter |interval-20ms| p50 ${f(pct(dev, 50))} ms, p99 ${f(pct(dev, 99))} ms, max ${f(dev[dev.length - 1] ?? NaN)} ms`,
      `engine send lateness vs deadline (media thread's own clock): p50 ${f(pacing.p50Ms)} ms, p99 ${f(pacing.p99Ms)} ms, max ${f(pacing.maxMs)} ms over ${pacing.ticks} packets`,
      `baseline (plain timer pacer in the sender process, same receiver): p50 ${f(pct(base, 50))} ms, p99 ${f(pct(base, 99))} ms, max ${f(base[base.length - 1] ?? NaN)} ms`,
      `outbound: ${rep.received}/${expectedOut} pkts recvd, seq gaps ${rep.seqGaps}`,
      `inbound: ${inboundRx} pkts, lost ${inboundLost} (sender sent ${sent.sent - rep.baselineMs.length - 1}+baseline, its max lateness ${f(sent.maxLateMs)} ms)`,
      `engine max tick lateness over the whole session ${f(maxLate)} ms (nice -10: ${engine.threadPriorityRaised}, SCHED_FIFO: ${engine.realtimeScheduling})`,
      `CPU/call: media thread ${f(((threadCpuMs / wallMs) * 100) / n)} % of a core` +
        ` (whole process incl. hogs ${f(((procCpuMs / wallMs) * 100) / n)} %)`,
    ].join('\n       '),
  );
}

async function main(): Promise<void> {
  if (argv[0] === '--receiver') return receiverChild(Number(argv[1]));
  if (argv[0] === '--sender') return senderChild((argv[1] ?? '').split(',').map(Number));
  const counts = (arg('sessions') ?? '10,50,100').split(',').map(Number);
  const seconds = Number(arg('seconds') ?? 10);
  const hogs = !flag('no-hogs');
  const raisePriority = !flag('no-priority');
  const realtime = !flag('no-realtime');
  const spinMs = Number(arg('spin') ?? 1);
  console.log(
    `media bench: ${seconds} s per run, ptime ${PTIME_MS} ms, PCMU, load: ${hogs ? 'busy worker thread + busy main thread' : 'none'}, ` +
      `media thread priority: ${realtime ? 'SCHED_FIFO requested' : raisePriority ? 'nice -10 requested' : 'default'}, ` +
      `pacer spin ${spinMs} ms, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
  );
  console.log(
    'jitter measured in a separate receiver process from arrival times (includes its wake-up latency)',
  );
  for (const n of counts) await runOne(n, { seconds, hogs, raisePriority, realtime, spinMs });
  process.exit(0);
}

await main();
