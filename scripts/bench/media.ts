/**
 * Media engine benchmark: N simultaneous RTP sessions on loopback (N = 10, 50, 100 by default), each
 * receiving 50 packets/s from a sender process and sending 50 packets/s of queued audio to a receiver
 * process, while a CPU-bound worker thread spins and the main thread is kept busy.
 *
 * What is measured, per N:
 * - Send jitter = |interval - 20 ms| between consecutive packets of a stream, where the packet times
 *   are KERNEL receive timestamps (SO_TIMESTAMPNS) read by a small native receiver (native/rtp_rx.c,
 *   built with `cc -O2` on first use). On loopback the kernel stamps a packet when it enters the
 *   receive path inside the sender's sendto, so this is the engine's send timing as a PBX on the wire
 *   would see it, without the receiver's scheduling latency. p50/p99/max over all streams.
 * - Secondary, receiver wake-up included: the same intervals from the native receiver's own read
 *   times, and (separate run with the same load) the old method: a Node receiver process timing
 *   'message' events with performance.now(). Without a C compiler only the Node figures are printed.
 * - Baseline: one extra stream paced by a plain absolute-deadline timer in the sender process,
 *   measured the same way (what the machine allows without the engine).
 * - Loss = RTP sequence gaps seen by the receiver (plus received/expected and, native only, packets
 *   the kernel dropped at a full receiver socket) + inbound loss reported by the sessions.
 * - CPU per call = CPU time of the media worker thread / N (from /proc), plus the whole process for
 *   reference (includes the hogs).
 * - The engine's own send lateness at sendTick vs its deadline (media thread's clock).
 *
 * The header line says how V8 collects garbage in this process: with parallel GC (node's default) a GC
 * pause of the SCHED_FIFO media thread waits for V8 helper threads at normal priority, which matters
 * once other processes saturate the cores (try --external-load 3, then the same under
 * `node --single-threaded-gc --import tsx scripts/bench/media.ts`).
 *
 * Usage: npm run bench:media [-- --sessions 10,50,100 --seconds 10 --receivers native,node --no-hogs
 *   --external-load 0 --no-priority --no-realtime --spin 1]
 *   --receivers native: skip the Node receiver runs; --external-load K: K extra busy processes.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createMediaEngine, serializeRtp, encodePcmu } from '../../media/index.js';
import { NativeReceiver, buildNativeReceiver, type ReceiverReport } from './native/rtp-rx.js';
import { type ReceiverKind, type RunResult, report } from './media-report.js';

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

interface RunOpts {
  seconds: number;
  hogs: boolean;
  raisePriority: boolean;
  realtime: boolean;
  spinMs: number;
  receiver: ReceiverKind;
  nativeBinary?: string;
}

/** One measuring receiver: N engine streams + the baseline stream (last port). */
interface Receiver {
  ports: number[];
  pid: number | undefined;
  measure(): void;
  stop(): Promise<ReceiverReport>;
}

async function startReceiver(n: number, o: RunOpts): Promise<Receiver> {
  if (o.receiver === 'native' && o.nativeBinary) {
    const { rx, ports } = await NativeReceiver.start(o.nativeBinary, n);
    return { ports, pid: rx.pid, measure: () => rx.measure(), stop: () => rx.stop() };
  }
  const child = spawnChild(['--receiver', String(n)]);
  const { ports } = await nextMsg(child, 'ports');
  return {
    ports,
    pid: child.pid,
    measure: () => child.send({ cmd: 'measure' }),
    stop: async () => {
      child.send({ cmd: 'report' });
      const r = await nextMsg(child, 'report');
      return {
        intervalsMs: r.intervalsMs,
        baselineMs: r.baselineMs,
        received: r.received,
        seqGaps: r.seqGaps,
      };
    },
  };
}

async function runOne(n: number, o: RunOpts): Promise<RunResult> {
  const { seconds, hogs } = o;
  const engine = await createMediaEngine({
    bindAddress: '127.0.0.1',
    rtpPortMin: 30000,
    rtpPortMax: 30000 + 4 * n + 40,
    raisePriority: o.raisePriority,
    realtimePriority: o.realtime,
    pacingSpinMs: o.spinMs,
  });
  // The measuring processes get a high priority too (when allowed), so their own wake-up latency
  // under the CPU hogs does not pollute the measurement (kernel timestamps do not depend on it).
  const boost = (pid: number | undefined): void => {
    try {
      if (pid !== undefined) setPriority(pid, -15);
    } catch {
      // not permitted: the Node figures then include more receiver-side scheduling noise
    }
  };
  const receiver = await startReceiver(n, o);
  boost(receiver.pid);
  const rxPorts = receiver.ports;
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
  boost(sender.pid);

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
  receiver.measure();
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

  sender.send({ cmd: 'stop' });
  const [rep, sent] = await Promise.all([receiver.stop(), nextMsg(sender, 'sent')]);
  const stats = await Promise.all(sessions.map((s) => s.getStats()));
  await Promise.all(sessions.map((s) => s.stop()));
  await engine.close();

  const threadCpuMs = thr0 && thr1 ? thr1.userMs + thr1.systemMs - thr0.userMs - thr0.systemMs : NaN;
  const procCpuMs = (cpu.user + cpu.system) / 1000;
  return {
    n,
    receiver: o.receiver,
    rep,
    pacing,
    expectedOut: Math.round((wallMs / PTIME_MS) * n),
    inboundRx: stats.reduce((s, x) => s + x.packetsReceived, 0),
    inboundLost: stats.reduce((s, x) => s + x.packetsLost, 0),
    peerSent: sent.sent,
    peerMaxLateMs: sent.maxLateMs,
    maxTickLateMs: Math.max(...stats.map((x) => x.maxSendLatenessMs)),
    threadCpuPctPerCall: ((threadCpuMs / wallMs) * 100) / n,
    procCpuPctPerCall: ((procCpuMs / wallMs) * 100) / n,
    niced: engine.threadPriorityRaised,
    fifo: engine.realtimeScheduling,
    loadAvg1: loadavg()[0] ?? NaN,
  };
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
  const externalLoad = Number(arg('external-load') ?? 0);
  const wanted = (arg('receivers') ?? 'native,node').split(',');
  const built = wanted.includes('native') ? buildNativeReceiver() : undefined;
  const nativeBinary = built?.ok ? built.binary : undefined;
  const useNode = wanted.includes('node') || !nativeBinary;
  console.log(
    `media bench: ${seconds} s per run, ptime ${PTIME_MS} ms, PCMU, load: ${hogs ? 'busy worker thread + busy main thread' : 'none'}` +
      `${externalLoad > 0 ? ` + ${externalLoad} busy processes` : ''}, ` +
      `media thread priority: ${realtime ? 'SCHED_FIFO requested' : raisePriority ? 'nice -10 requested' : 'default'}, ` +
      `pacer spin ${spinMs} ms, V8 GC: ${process.execArgv.includes('--single-threaded-gc') ? 'single-threaded (--single-threaded-gc)' : 'parallel helper threads (node default)'}, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
  );
  if (nativeBinary) {
    console.log(
      "send jitter from kernel receive timestamps (SO_TIMESTAMPNS, native receiver: taken at the sender's sendto on loopback, " +
        'no receiver wake-up latency)' +
        (useNode
          ? '; the Node receiver (old method, wake-up latency included) runs as a second, separate run per N'
          : ''),
    );
  } else {
    console.log(
      `NOTE: native receiver unavailable${built && !built.ok ? ` (${built.reason})` : ' (not requested)'}: ` +
        "send jitter from the Node receiver's arrival times, which INCLUDE its own wake-up latency (an upper bound)",
    );
  }
  // Other processes saturating the cores (like inference threads). Each exits if this process dies.
  const busyLoop = 'const p=process.ppid;for(let i=1;;i++)if(i%1e7===0&&process.ppid!==p)process.exit(0)';
  const external = Array.from({ length: externalLoad }, () =>
    spawn(process.execPath, ['-e', busyLoop], { stdio: 'ignore' }),
  );
  const base = { seconds, hogs, raisePriority, realtime, spinMs };
  for (const n of counts) {
    const primary = await runOne(
      n,
      nativeBinary ? { ...base, receiver: 'native', nativeBinary } : { ...base, receiver: 'node' },
    );
    const node = nativeBinary && useNode ? await runOne(n, { ...base, receiver: 'node' }) : undefined;
    report(primary, node);
  }
  for (const c of external) c.kill();
  process.exit(0);
}

await main();
