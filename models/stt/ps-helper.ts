/**
 * One warm pocketsphinx helper process (models/native/ps_helper): FIFO command/reply over
 * stdin/stdout. A crash or timeout rejects what is in flight; the pool then starts a new one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Logger } from 'pino';
import { ModelError } from '../types.js';

export interface HelperReply {
  ok: boolean;
  error?: string;
  hyp?: string;
  score?: number;
  prob?: number;
  ready?: boolean;
  nbest?: { hyp: string; score: number }[];
  /** CMN: the live cepstral mean. */
  cmn?: number[];
}

interface Pending {
  resolve: (r: HelperReply) => void;
  reject: (e: Error) => void;
}

export class PsHelper {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private buf = '';
  private dead = false;
  /** Searches already registered in this process (bias name -> true). */
  readonly searches = new Set<string>();
  /** The subset of `searches` that are interpolated n-gram searches (heavy; capped). */
  readonly lmSearches = new Set<string>();
  /** The call (SttChannel) whose audio this decoder heard last; undefined: engine-wide use. */
  channel: object | undefined;
  readonly ready: Promise<void>;

  constructor(
    binary: string,
    args: readonly string[],
    private readonly logger?: Logger,
  ) {
    this.child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.ready = new Promise<void>((resolve, reject) => {
      this.pending.push({
        resolve: (r) =>
          r.ok ? resolve() : reject(new ModelError(r.error ?? 'helper failed to start', 'engine-failed')),
        reject,
      });
    });
    this.ready.catch(() => undefined);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr.on('data', () => undefined); // decoder log noise; -logfn sends it to /dev/null anyway
    this.child.stdin.on('error', () => undefined); // EPIPE after a crash: handled by 'exit'
    this.child.on('error', (err) =>
      this.fail(new ModelError(`pocketsphinx helper: ${err.message}`, 'engine-failed')),
    );
    this.child.on('exit', (code, signal) =>
      this.fail(new ModelError(`pocketsphinx helper exited (${signal ?? code})`, 'engine-failed')),
    );
  }

  get alive(): boolean {
    return !this.dead;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends one command (optionally followed by raw bytes) and resolves with its reply. */
  command(line: string, payload?: Buffer): Promise<HelperReply> {
    if (this.dead)
      return Promise.reject(new ModelError('pocketsphinx helper is not running', 'engine-failed'));
    if (line.includes('\n')) return Promise.reject(new ModelError('newline in helper command', 'bad-input'));
    return new Promise<HelperReply>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(line + '\n');
      if (payload && payload.length > 0) this.child.stdin.write(payload);
    });
  }

  async check(line: string, payload?: Buffer): Promise<HelperReply> {
    const r = await this.command(line, payload);
    if (!r.ok)
      throw new ModelError(
        `pocketsphinx: ${r.error ?? 'failed'} (${line.split(' ')[0] ?? ''})`,
        'engine-failed',
      );
    return r;
  }

  kill(): void {
    if (!this.dead) this.child.kill('SIGKILL');
    this.fail(new ModelError('pocketsphinx helper killed', 'engine-failed'));
  }

  private onData(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      const p = this.pending.shift();
      if (!p) {
        this.logger?.warn('unexpected pocketsphinx helper output');
        continue;
      }
      try {
        p.resolve(JSON.parse(line) as HelperReply);
      } catch {
        p.reject(new ModelError('malformed helper reply', 'engine-failed'));
      }
    }
  }

  private fail(err: Error): void {
    this.dead = true;
    for (const p of this.pending.splice(0)) p.reject(err);
  }
}
