/**
 * Festival with the HTS voice cmu_us_slt_arctic_hts, kept warm as one `festival --pipe` process
 * (loading the voice per sentence would add ~0.3 s). Requests are serialized through Scheme
 * commands on stdin; each ends with a unique printed marker. Cancellation discards the result
 * (killing would cost the warm voice). A crashed process is restarted on the next request.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { parseWav } from '../audio/pcm.js';
import { ModelError, type EngineStatus, type PcmAudio } from '../types.js';
import { commandExists, sanitizeTtsText } from './cli-engines.js';
import type { TtsEngine, TtsSynthOptions } from './types.js';

interface Waiter {
  marker: string;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class FestivalTts implements TtsEngine {
  readonly name = 'festival';
  readonly sampleRateHz = 16000;
  private child: ChildProcessWithoutNullStreams | undefined;
  private waiters: Waiter[] = [];
  private out = '';
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private tmpDir: string | undefined;

  constructor(
    private readonly voice = 'voice_cmu_us_slt_arctic_hts',
    private readonly logger?: Logger,
    private readonly timeoutMs = 15000,
  ) {}

  status(): EngineStatus {
    return commandExists('festival')
      ? { engine: this.name, state: 'ready' }
      : { engine: this.name, state: 'unavailable', reason: 'festival not installed' };
  }

  /** Starts the process and loads the voice (call once at startup to be warm). */
  async warm(): Promise<void> {
    this.tmpDir ??= await mkdtemp(path.join(os.tmpdir(), 'festival-'));
    if (this.child && this.child.exitCode === null) return;
    // stdbuf -o0: festival's stdout is block-buffered on a pipe, so completion markers would
    // sit in its buffer forever.
    const child = spawn('stdbuf', ['-o0', 'festival', '--pipe'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => this.onOutput(c));
    child.stderr.on('data', (c: Buffer) =>
      this.logger?.debug({ stderr: c.toString().slice(0, 200) }, 'festival'),
    );
    child.stdin.on('error', () => undefined);
    const fail = (why: string): void => {
      if (this.child === child) this.child = undefined;
      for (const w of this.waiters.splice(0)) w.reject(new ModelError(`festival ${why}`, 'engine-failed'));
    };
    child.on('error', (e) => fail(e.message));
    child.on('exit', (code) => fail(`exited (${code})`));
    await this.eval(`(${this.voice})`);
  }

  synthesize(text: string, opts: TtsSynthOptions = {}): Promise<PcmAudio> {
    let clean: string;
    try {
      clean = sanitizeTtsText(text);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const run = this.queue.then(async () => {
      if (opts.signal?.aborted) throw new ModelError('aborted', 'aborted');
      if (clean.trim().length === 0) return { pcm: new Int16Array(0), sampleRateHz: this.sampleRateHz };
      const file = path.join(this.tmpDir ?? os.tmpdir(), `u${this.seq}.wav`);
      const scheme = clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      const expr = `(let ((u (utt.synth (Utterance Text "${scheme}")))) (utt.wave.resample u ${this.sampleRateHz}) (utt.save.wave u "${file}" 'riff))`;
      try {
        await this.warm();
        await this.eval(expr);
      } catch (err) {
        // A process that died before its exit event was seen looks alive to warm(): the request
        // then fails with 'exited'. Restart once and retry; timeouts are not retried.
        if (!(err instanceof ModelError) || !/exited|not running/.test(err.message)) throw err;
        await this.warm();
        await this.eval(expr);
      }
      if (opts.signal?.aborted) throw new ModelError('aborted', 'aborted');
      const wav = await readFile(file);
      await rm(file, { force: true });
      return parseWav(wav);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    if (this.tmpDir) await rm(this.tmpDir, { recursive: true, force: true });
  }

  private eval(expr: string): Promise<void> {
    const child = this.child;
    if (!child) return Promise.reject(new ModelError('festival not running', 'engine-failed'));
    const marker = `@@done${++this.seq}@@`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL'); // wedged: restart on next request
        reject(new ModelError('festival timed out', 'timeout'));
      }, this.timeoutMs);
      this.waiters.push({
        marker,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.stdin.write(`${expr}\n(print "${marker}")\n`);
    });
  }

  private onOutput(chunk: string): void {
    this.out += chunk;
    for (;;) {
      const w = this.waiters[0];
      if (!w) break;
      const at = this.out.indexOf(w.marker);
      if (at < 0) break;
      this.out = this.out.slice(at + w.marker.length);
      this.waiters.shift();
      w.resolve();
    }
    if (this.out.length > 100000) this.out = this.out.slice(-1000);
  }
}
