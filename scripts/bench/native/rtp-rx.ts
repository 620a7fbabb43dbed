/**
 * Node side of the native RTP receiver (rtp_rx.c) used by `npm run bench:media`: builds it with the
 * system C compiler into a temp dir (keyed by a hash of the source, so an edited source is rebuilt),
 * starts it, and turns its per-packet records into per-stream send intervals.
 *
 * Why native: kernel receive timestamps (SO_TIMESTAMPNS) are taken when the packet enters the
 * loopback receive path, i.e. at the sender's sendto, so intervals between them are the sender's
 * jitter as a PBX on the wire would see it, free of the receiver's own scheduling latency.
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./rtp_rx.c', import.meta.url));

export type BuildResult = { ok: true; binary: string } | { ok: false; reason: string };

/** Compile rtp_rx.c unless a binary built from the same source already exists. */
export function buildNativeReceiver(): BuildResult {
  if (process.platform !== 'linux') return { ok: false, reason: `needs Linux (this is ${process.platform})` };
  const src = readFileSync(SOURCE);
  const hash = createHash('sha256').update(src).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'appliance-bench-native');
  const binary = join(dir, `rtp_rx-${hash}`);
  if (existsSync(binary)) return { ok: true, binary };
  mkdirSync(dir, { recursive: true });
  const cc = process.env.CC ?? 'cc';
  // Build under a private name and rename: two benches starting at once never run a half-written file.
  const tmp = `${binary}.${process.pid}.tmp`;
  const r = spawnSync(cc, ['-O2', '-Wall', '-o', tmp, SOURCE], { encoding: 'utf8' });
  if (r.error) return { ok: false, reason: `no C compiler (${cc}: ${r.error.message})` };
  if (r.status !== 0) return { ok: false, reason: `${cc} failed: ${r.stderr.trim().slice(0, 500)}` };
  renameSync(tmp, binary);
  return { ok: true, binary };
}

/** What one receiver saw during the measuring window (engine streams and the baseline stream). */
export interface ReceiverReport {
  /** Intervals between consecutive packets of the engine's streams, ms (kernel timestamps if native). */
  intervalsMs: number[];
  /** Same for the baseline stream (plain timer pacer in the sender process). */
  baselineMs: number[];
  /** Native only: the same intervals from the receiver's read time (its wake-up latency included). */
  readIntervalsMs?: number[];
  baselineReadMs?: number[];
  /** RTP packets of the engine's streams received while measuring. */
  received: number;
  /** Missing sequence numbers between consecutive received packets of a stream. */
  seqGaps: number;
  /** Native only: packets the kernel dropped because a receive buffer was full (receiver's fault). */
  kernelDrops?: number;
}

interface PerStream {
  lastKernelNs: number;
  lastReadNs: number;
  lastSeq: number;
}

/** Turn "<stream> <seq> <kernelNs> <userNs>" records into intervals and sequence gaps. */
export function summarize(lines: string[], engineStreams: number, kernelDrops: number): ReceiverReport {
  const rep: Required<ReceiverReport> = {
    intervalsMs: [],
    baselineMs: [],
    readIntervalsMs: [],
    baselineReadMs: [],
    received: 0,
    seqGaps: 0,
    kernelDrops,
  };
  const state = new Map<number, PerStream>();
  for (const line of lines) {
    const [stream, seq, kernelNs, readNs] = line.split(' ').map(Number);
    if (stream === undefined || seq === undefined || kernelNs === undefined || readNs === undefined) continue;
    if (kernelNs < 0) throw new Error('native receiver: packet without a kernel receive timestamp');
    const isBaseline = stream === engineStreams;
    if (!isBaseline) rep.received++;
    const prev = state.get(stream);
    if (prev) {
      (isBaseline ? rep.baselineMs : rep.intervalsMs).push((kernelNs - prev.lastKernelNs) / 1e6);
      (isBaseline ? rep.baselineReadMs : rep.readIntervalsMs).push((readNs - prev.lastReadNs) / 1e6);
      if (!isBaseline) rep.seqGaps += Math.max(0, ((seq - prev.lastSeq + 65536) % 65536) - 1);
    }
    state.set(stream, { lastKernelNs: kernelNs, lastReadNs: readNs, lastSeq: seq });
  }
  return rep;
}

export class NativeReceiver {
  private readonly lines: Interface;
  private readonly queue: string[] = [];
  private waiter: (() => void) | undefined;
  private exited = false;

  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    private readonly engineStreams: number,
  ) {
    this.lines = createInterface({ input: child.stdout });
    this.lines.on('line', (l) => {
      this.queue.push(l);
      this.waiter?.();
    });
    // End of stdout (not the exit event, which may come before the last lines were read).
    this.lines.on('close', () => {
      this.exited = true;
      this.waiter?.();
    });
  }

  /** Start the receiver with `engineStreams` + 1 sockets (the last one is the baseline stream). */
  static async start(
    binary: string,
    engineStreams: number,
  ): Promise<{ rx: NativeReceiver; ports: number[] }> {
    const child = spawn(binary, [String(engineStreams + 1)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const rx = new NativeReceiver(child, engineStreams);
    const first = await rx.nextLine();
    const [tag, ...ports] = first.split(' ');
    if (tag !== 'ports' || ports.length !== engineStreams + 1) throw new Error(`native receiver: ${first}`);
    return { rx, ports: ports.map(Number) };
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  measure(): void {
    this.child.stdin.write('measure\n');
  }

  async stop(): Promise<ReceiverReport> {
    this.child.stdin.write('stop\n');
    const head = await this.nextLine();
    const [tag, count, drops] = head.split(' ');
    if (tag !== 'report') throw new Error(`native receiver: ${head}`);
    const records: string[] = [];
    for (let i = 0; i < Number(count); i++) records.push(await this.nextLine());
    if ((await this.nextLine()) !== 'end') throw new Error('native receiver: truncated report');
    this.child.stdin.end();
    return summarize(records, this.engineStreams, Number(drops));
  }

  private async nextLine(): Promise<string> {
    for (;;) {
      const l = this.queue.shift();
      if (l !== undefined) return l;
      if (this.exited) throw new Error('native receiver exited early');
      await new Promise<void>((r) => (this.waiter = r));
      this.waiter = undefined;
    }
  }
}
