/**
 * Process-per-sentence TTS engines (flite, espeak-ng). Both start in ~10-30 ms, so a warm
 * process buys little; a fresh process per sentence makes cancellation a simple kill.
 * Text goes in as one argv element (never through a shell) and is length-limited.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseWav } from '../audio/pcm.js';
import { ModelError, type EngineStatus, type PcmAudio } from '../types.js';
import type { TtsEngine, TtsSynthOptions } from './types.js';

const MAX_TEXT_CHARS = 2000;

export function sanitizeTtsText(text: unknown): string {
  if (typeof text !== 'string') throw new ModelError('tts text must be a string', 'bad-input');
  // Control characters confuse the engines' tokenizers; a leading '-' could look like an option.
  const clean = text
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length > MAX_TEXT_CHARS)
    throw new ModelError(`tts text longer than ${MAX_TEXT_CHARS} chars`, 'bad-input');
  return clean.startsWith('-') ? ` ${clean}` : clean;
}

/** Runs a command, collects stdout, kills it on abort or timeout. */
export function runForStdout(
  cmd: string,
  args: readonly string[],
  signal?: AbortSignal,
  timeoutMs = 15000,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ModelError('aborted', 'aborted'));
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    let settled = false;
    const done = (e: Error | undefined, v?: Buffer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (e) reject(e);
      else resolve(v ?? Buffer.alloc(0));
    };
    const onAbort = (): void => {
      child.kill('SIGKILL');
      done(new ModelError('aborted', 'aborted'));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(new ModelError(`${cmd} timed out`, 'timeout'));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 2000) err += c.toString();
    });
    child.on('error', (e) => done(new ModelError(`${cmd}: ${e.message}`, 'unavailable')));
    child.on('close', (code) => {
      if (code === 0) done(undefined, Buffer.concat(chunks));
      else done(new ModelError(`${cmd} exited ${code}: ${err.trim().slice(0, 200)}`, 'engine-failed'));
    });
  });
}

export function commandExists(cmd: string): boolean {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' });
  return r.status === 0;
}

abstract class CliTts implements TtsEngine {
  abstract readonly name: string;
  abstract readonly sampleRateHz: number;
  protected abstract readonly command: string;
  protected abstract args(text: string, outFile: string): string[];

  status(): EngineStatus {
    return commandExists(this.command)
      ? { engine: this.name, state: 'ready' }
      : { engine: this.name, state: 'unavailable', reason: `${this.command} not installed` };
  }

  async synthesize(text: string, opts: TtsSynthOptions = {}): Promise<PcmAudio> {
    const clean = sanitizeTtsText(text);
    if (clean.trim().length === 0) return { pcm: new Int16Array(0), sampleRateHz: this.sampleRateHz };
    if (!this.writesFile)
      return parseWav(await runForStdout(this.command, this.args(clean, '/dev/stdout'), opts.signal));
    const file = path.join(os.tmpdir(), `tts-${process.pid}-${randomBytes(6).toString('hex')}.wav`);
    try {
      await runForStdout(this.command, this.args(clean, file), opts.signal);
      return parseWav(await readFile(file));
    } finally {
      await rm(file, { force: true });
    }
  }

  /** flite seeks back to patch the WAV header, which fails on a pipe: it writes a temp file. */
  protected readonly writesFile: boolean = false;

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** flite (CMU), voice `slt` at 16 kHz: fastest engine, robotic but intelligible. */
export class FliteTts extends CliTts {
  readonly name = 'flite';
  readonly sampleRateHz = 16000;
  protected readonly command = 'flite';
  protected override readonly writesFile = true;
  constructor(private readonly voice = 'slt') {
    super();
  }
  protected args(text: string, outFile: string): string[] {
    return ['-voice', this.voice, '-t', text, '-o', outFile];
  }
}

/** espeak-ng, 22.05 kHz: formant synthesis, very fast, many languages. */
export class EspeakTts extends CliTts {
  readonly name = 'espeak-ng';
  readonly sampleRateHz = 22050;
  protected readonly command = 'espeak-ng';
  constructor(private readonly voice = 'en-us') {
    super();
  }
  protected args(text: string): string[] {
    return ['-v', this.voice, '--stdout', '--', text];
  }
}
