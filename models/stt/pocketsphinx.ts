/**
 * Pocketsphinx STT over a small pool of warm helper processes (default 2 = one per core).
 * Audio is streamed into the decoder while the caller speaks, so at end-of-speech only the
 * tail is left to decode. Per-agent bias = a JSGF grammar or bigram LM registered once per helper.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { concatPcm, pcmToBuffer, resample } from '../audio/pcm.js';
import { modelMetrics, type ModelMetrics } from '../metrics.js';
import { assertPcm, ModelError, type EngineStatus, type PcmAudio } from '../types.js';
import { biasSpec, restrictToVocabulary, toFsg, toJsgf, type BiasSpec } from './bias.js';
import { PronunciationDictionary } from './pronounce.js';
import { PsHelper } from './ps-helper.js';
import type { SttBias, SttEngine, SttRequestOptions, SttResult, SttStream } from './types.js';

export const DEFAULT_PS_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
/**
 * The helper compiled by models/native/build.sh lives in the source tree (models/native/build);
 * the built service runs from dist/models/, so look in both places.
 */
export const DEFAULT_PS_HELPER = ((): string => {
  const here = fileURLToPath(new URL('./native/build/ps_helper', new URL('..', import.meta.url)));
  const source = here.replace(`${path.sep}dist${path.sep}models${path.sep}`, `${path.sep}models${path.sep}`);
  return existsSync(here) || !existsSync(source) ? here : source;
})();

export interface PocketsphinxOptions {
  /** Directory with `en-us/` (acoustic model), `en-us.lm.bin`, `cmudict-en-us.dict`. */
  modelDir?: string;
  /** Compiled helper (models/native/build.sh). */
  helperPath?: string;
  /** Warm decoders; concurrent utterances beyond this wait. Default 2. */
  poolSize?: number;
  /** Per utterance: result must come within this + the audio length. Default 10000 ms. */
  utteranceTimeoutMs?: number;
  logger?: Logger;
  registry?: Registry;
}

interface PreparedBias {
  spec: BiasSpec;
  file: string;
  extraWords: Map<string, string>;
  dropped: string[];
}

const FEED_SAMPLES = 3200; // 200 ms at 16 kHz per DATA command: incremental but few round trips
const MAX_SEARCHES_PER_HELPER = 64;

export class PocketsphinxEngine implements SttEngine {
  readonly name = 'pocketsphinx';
  private readonly helpers: (PsHelper | undefined)[];
  private readonly busy: boolean[];
  private readonly waiters: Array<(i: number) => void> = [];
  private readonly biasCache = new Map<string, Promise<PreparedBias>>();
  private readonly metrics: ModelMetrics | undefined;
  private closed = false;

  private constructor(
    private readonly binary: string,
    private readonly args: readonly string[],
    private readonly dict: PronunciationDictionary,
    private readonly tmpDir: string,
    private readonly opts: PocketsphinxOptions,
  ) {
    const n = Math.max(1, opts.poolSize ?? 2);
    this.helpers = new Array<PsHelper | undefined>(n).fill(undefined);
    this.busy = new Array<boolean>(n).fill(false);
    this.metrics = modelMetrics(opts.registry);
  }

  static async load(opts: PocketsphinxOptions = {}): Promise<PocketsphinxEngine> {
    const dir = opts.modelDir ?? DEFAULT_PS_MODEL_DIR;
    const binary = opts.helperPath ?? DEFAULT_PS_HELPER;
    const files = [
      path.join(dir, 'en-us'),
      path.join(dir, 'en-us.lm.bin'),
      path.join(dir, 'cmudict-en-us.dict'),
    ];
    for (const f of files) {
      if (!existsSync(f))
        throw new ModelError(
          `pocketsphinx model file missing: ${f} (apt pocketsphinx-en-us)`,
          'missing-weights',
        );
    }
    if (!existsSync(binary)) {
      throw new ModelError(
        `pocketsphinx helper not built: ${binary} (npm run build, with gcc, pkg-config, libpocketsphinx-dev, libsphinxbase-dev installed)`,
        'unavailable',
      );
    }
    const args = [
      '-hmm',
      files[0] ?? '',
      '-lm',
      files[1] ?? '',
      '-dict',
      files[2] ?? '',
      '-logfn',
      '/dev/null',
    ];
    const dict = await PronunciationDictionary.load(files[2] ?? '');
    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'ps-bias-'));
    const engine = new PocketsphinxEngine(binary, args, dict, tmpDir, opts);
    // Warm every decoder now so the first call does not pay the model load.
    await Promise.all(engine.helpers.map((_, i) => engine.helperAt(i)));
    return engine;
  }

  status(): EngineStatus {
    return this.closed
      ? { engine: this.name, state: 'unavailable', reason: 'closed' }
      : { engine: this.name, state: 'ready' };
  }

  async transcribe(audio: PcmAudio, opts: SttRequestOptions = {}): Promise<SttResult> {
    assertPcm(audio.pcm, audio.sampleRateHz);
    const stream = this.startStream(opts);
    stream.write(audio.pcm, audio.sampleRateHz);
    return stream.end();
  }

  startStream(opts: SttRequestOptions = {}): SttStream {
    return new PsStream(this, opts);
  }

  /** Prepares (once per phrase set) the grammar/LM file and OOV pronunciations. */
  prepareBias(bias: SttBias): Promise<PreparedBias> {
    if (!Array.isArray(bias.phrases))
      return Promise.reject(new ModelError('bias.phrases must be an array', 'bad-input'));
    const raw = biasSpec(bias);
    let p = this.biasCache.get(raw.name);
    if (!p) {
      p = (async () => {
        const { added, dropped } = await this.dict.guess(raw.words);
        const spec = restrictToVocabulary(raw, (w) => this.dict.has(w) || added.has(w));
        if (spec.sentences.length === 0)
          throw new ModelError('bias phrase list has no usable words', 'bad-input');
        await mkdir(this.tmpDir, { recursive: true });
        const file = path.join(this.tmpDir, `${spec.name}.${spec.mode === 'grammar' ? 'gram' : 'fsg'}`);
        await writeFile(file, spec.mode === 'grammar' ? toJsgf(spec) : toFsg(spec));
        return { spec, file, extraWords: added, dropped };
      })();
      p.catch(() => this.biasCache.delete(raw.name));
      this.biasCache.set(raw.name, p);
    }
    return p;
  }

  /** Waits for a free decoder; returns its index and the live helper. */
  async acquire(signal?: AbortSignal): Promise<{ index: number; helper: PsHelper }> {
    if (this.closed) throw new ModelError('pocketsphinx engine closed', 'unavailable');
    let index = this.busy.indexOf(false);
    if (index < 0) {
      index = await new Promise<number>((resolve, reject) => {
        const w = (i: number): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve(i);
        };
        const onAbort = (): void => {
          const k = this.waiters.indexOf(w);
          if (k >= 0) this.waiters.splice(k, 1);
          reject(new ModelError('aborted', 'aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(w);
      });
    }
    this.busy[index] = true;
    try {
      return { index, helper: await this.helperAt(index) };
    } catch (err) {
      this.release(index);
      throw err;
    }
  }

  release(index: number): void {
    const next = this.waiters.shift();
    if (next) next(index);
    else this.busy[index] = false;
  }

  /** Registers the bias search on a helper if needed; returns the search name. */
  async useBias(helper: PsHelper, prepared: PreparedBias): Promise<string> {
    const name = prepared.spec.name;
    if (helper.searches.has(name)) return name;
    if (helper.searches.size >= MAX_SEARCHES_PER_HELPER) {
      for (const s of [...helper.searches]) {
        await helper.command(`UNSET ${s}`);
        helper.searches.delete(s);
      }
    }
    for (const [w, phones] of prepared.extraWords) await helper.command(`WORD ${w} ${phones}`);
    await helper.check(`${prepared.spec.mode === 'grammar' ? 'JSGF' : 'FSG'} ${name} ${prepared.file}`);
    helper.searches.add(name);
    return name;
  }

  /** Process ids of the live helpers (diagnostics, crash tests). */
  helperPids(): number[] {
    return this.helpers.flatMap((h) => (h?.alive && h.pid !== undefined ? [h.pid] : []));
  }

  recordLatency(ms: number): void {
    this.metrics?.latency.observe({ kind: 'stt', engine: this.name }, ms / 1000);
  }

  recordError(): void {
    this.metrics?.errors.inc({ kind: 'stt', engine: this.name });
  }

  get utteranceTimeoutMs(): number {
    return this.opts.utteranceTimeoutMs ?? 10000;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const h of this.helpers) h?.kill();
    await rm(this.tmpDir, { recursive: true, force: true });
  }

  private async helperAt(i: number): Promise<PsHelper> {
    const h = this.helpers[i];
    if (h?.alive) {
      await h.ready;
      return h;
    }
    if (h) {
      this.metrics?.restarts.inc({ engine: this.name });
      this.opts.logger?.warn({ helper: i }, 'restarting pocketsphinx helper');
    }
    const fresh = new PsHelper(this.binary, this.args, this.opts.logger);
    this.helpers[i] = fresh;
    await fresh.ready;
    return fresh;
  }
}

/** One utterance on one decoder; audio is sent in 200 ms pieces as it arrives. */
class PsStream implements SttStream {
  private pendingPcm: Int16Array[] = [];
  private pendingSamples = 0;
  private audioSamples = 0;
  private readonly started: Promise<{
    index: number;
    helper: PsHelper;
    dropped: string[];
    prepared?: PreparedBias;
  }>;
  /** Kept for the grammar-miss second pass. */
  private readonly allPcm: Int16Array[] = [];
  private readonly sends: Promise<unknown>[] = [];
  private finished = false;
  private released = false;

  constructor(
    private readonly engine: PocketsphinxEngine,
    private readonly opts: SttRequestOptions,
  ) {
    this.started = (async () => {
      const prepared = opts.bias ? await engine.prepareBias(opts.bias) : undefined;
      const lease = await engine.acquire(opts.signal);
      try {
        const search = prepared ? await engine.useBias(lease.helper, prepared) : 'default';
        await lease.helper.check(`START ${search}`);
      } catch (err) {
        this.releaseOnce(lease.index);
        throw err;
      }
      return { ...lease, dropped: prepared?.dropped ?? [], ...(prepared ? { prepared } : {}) };
    })();
    this.started.catch(() => undefined);
    opts.signal?.addEventListener('abort', () => this.abort(), { once: true });
  }

  write(pcm: Int16Array, sampleRateHz: number): void {
    assertPcm(pcm, sampleRateHz);
    if (this.finished) throw new ModelError('stt stream already ended', 'bad-input');
    const pcm16 = resample(pcm, sampleRateHz, 16000);
    this.audioSamples += pcm16.length;
    if (this.opts.bias?.mode === 'grammar') this.allPcm.push(pcm16);
    this.pendingPcm.push(pcm16);
    this.pendingSamples += pcm16.length;
    if (this.pendingSamples >= FEED_SAMPLES) this.send();
  }

  async end(): Promise<SttResult> {
    if (this.finished) throw new ModelError('stt stream already ended', 'bad-input');
    this.send();
    this.finished = true;
    const t0 = performance.now();
    let lease: { index: number; helper: PsHelper; dropped: string[]; prepared?: PreparedBias } | undefined;
    const audioMs = (this.audioSamples / 16000) * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      lease = await this.started;
      const l = lease;
      const work = (async () => {
        await Promise.all(this.sends);
        const first = await l.helper.check('END');
        if ((first.hyp ?? '').trim() !== '' || !this.opts.bias || this.allPcm.length === 0) return first;
        // Grammar miss (the caller said part of a phrase, or paused mid-phrase): second pass with
        // the bigram model over the same phrases, which accepts any word sequence.
        const lm = await this.engine.prepareBias({ ...this.opts.bias, mode: 'lm' });
        await l.helper.check(`START ${await this.engine.useBias(l.helper, lm)}`);
        const all = Buffer.from(pcmToBuffer(concatPcm(this.allPcm)));
        await l.helper.check(`DATA ${all.length}`, all);
        return l.helper.check('END');
      })();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          l.helper.kill(); // wedged decoder: the pool restarts it for the next utterance
          reject(new ModelError('pocketsphinx timed out', 'timeout'));
        }, this.engine.utteranceTimeoutMs + audioMs);
      });
      const r = await Promise.race([work, timeout]);
      const latencyMs = performance.now() - t0;
      this.engine.recordLatency(latencyMs);
      return {
        text: (r.hyp ?? '').trim(),
        engine: this.engine.name,
        audioMs,
        latencyMs,
        ...(r.score !== undefined ? { score: r.score } : {}),
        ...(l.dropped.length > 0 ? { droppedWords: l.dropped } : {}),
      };
    } catch (err) {
      this.engine.recordError();
      throw err instanceof ModelError ? err : new ModelError(String(err), 'engine-failed');
    } finally {
      if (timer) clearTimeout(timer);
      if (lease) this.releaseOnce(lease.index);
    }
  }

  abort(): void {
    if (this.finished) return;
    this.finished = true;
    this.started.then(
      async (lease) => {
        await Promise.allSettled(this.sends);
        await lease.helper.command('END').catch(() => undefined);
        this.releaseOnce(lease.index);
      },
      () => undefined,
    );
  }

  private send(): void {
    if (this.pendingSamples === 0) return;
    const pcm = new Int16Array(this.pendingSamples);
    let off = 0;
    for (const p of this.pendingPcm) {
      pcm.set(p, off);
      off += p.length;
    }
    this.pendingPcm = [];
    this.pendingSamples = 0;
    const bytes = Buffer.from(pcmToBuffer(pcm));
    const sent = this.started.then((l) => l.helper.check(`DATA ${bytes.length}`, bytes));
    sent.catch(() => undefined);
    this.sends.push(sent);
  }

  private releaseOnce(index: number): void {
    if (this.released) return;
    this.released = true;
    this.engine.release(index);
  }
}
