/**
 * Pocketsphinx STT over a small pool of warm helper processes (default 2 = one per core).
 * Audio is streamed into the decoder while the caller speaks, so at end-of-speech only the
 * tail is left to decode. Per-agent bias: an agent trigram interpolated with the general LM
 * (default), a closed phrase bigram or a JSGF grammar, registered once per helper.
 *
 * Front end: phone audio (8 kHz) is upsampled to 16 kHz for the en-us acoustic model, the only
 * one Debian ships (trained on 16 kHz, -upperf 6800 in its feat.params). Feeding 8 kHz directly
 * with -samprate 8000 -nfft 256 -upperf 3500..4000 (a derived model dir) was measured worse on
 * the G.711 human speech (npm run bench:stt; figures in the README), so 16 kHz stays.
 *
 * Cepstral mean: the decoder normalises each utterance with a running mean that it only updates
 * at the end of an utterance (live CMN), starting from the model's -cmninit, which fits wideband
 * 16 kHz audio. Upsampled phone audio has no energy above 4 kHz and its mean is far from that
 * (c1 about +33 instead of -5, c2 -34 instead of 0): a fresh decoder's first phone utterance was
 * decoded with the wrong mean, which is why the first question of a real call came out as "what
 * are your opponent are" while offline runs (decoders already adapted by earlier utterances) got
 * it right. So the engine keeps the mean per band (narrow: phone audio, wide), starts the narrow
 * one at the phone channel's mean (PHONE_CMN_INIT), sets it on whichever decoder takes the
 * utterance and keeps what the decoder learned from it for the next one.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createHash } from 'node:crypto';
import { concatPcm, pcmToBuffer, resample } from '../audio/pcm.js';
import { modelMetrics, type ModelMetrics } from '../metrics.js';
import { assertPcm, ModelError, type EngineStatus, type PcmAudio } from '../types.js';
import { agentLm } from './agent-lm.js';
import { biasSpec, restrictToVocabulary, toFsg, toJsgf } from './bias.js';
import { PronunciationDictionary } from './pronounce.js';
import { normalizeWords } from './text.js';
import { PsHelper, type HelperReply } from './ps-helper.js';
import { keyTerms, rescoreNbest } from './rescore.js';
import type { SttBias, SttChannel, SttEngine, SttRequestOptions, SttResult, SttStream } from './types.js';

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
  /**
   * Where per-agent language models (ARPA, named by content hash) are kept, so a retrained agent
   * with the same texts reuses its model. Default <tmpdir>/appliance-model-cache; a
   * `pocketsphinx-lm/` folder is made inside.
   */
  cacheDir?: string;
  /** Extra decoder arguments (benchmarks: front-end and beam variants). */
  decoderArgs?: readonly string[];
  /** Acoustic model folder instead of `<modelDir>/en-us` (benchmarks: derived feat.params). */
  hmmDir?: string;
  /**
   * Rate the decoder runs at. 16000 (default): audio is resampled to 16 kHz for the en-us model.
   * 8000: phone audio goes in as is, with -samprate 8000 -nfft 256 and a derived copy of the
   * model folder whose feat.params says -upperf `upperHz` (default 3500); measured worse, kept
   * for the benchmark.
   */
  frontEnd?: { rateHz: 8000 | 16000; upperHz?: number };
  /**
   * N-best rescoring bonus per agent key-term word, in decoder score units; 0 = off.
   * Default RESCORE_BONUS (tuned on the tune part of the bench speech).
   */
  rescoreBonus?: number;
  logger?: Logger;
  registry?: Registry;
}

interface PreparedBias {
  /** Search name as registered in the helpers. */
  name: string;
  kind: 'JSGF' | 'FSG' | 'LMSET';
  file: string;
  /** LMSET: agent weight. */
  weight?: number;
  extraWords: Map<string, string>;
  dropped: string[];
  /** LMSET: the agent's key terms for N-best rescoring. */
  terms?: ReadonlySet<string>;
}

const FEED_SAMPLES = 3200; // 200 ms at 16 kHz per DATA command: incremental but few round trips
const MAX_SEARCHES_PER_HELPER = 64;
/**
 * Interpolated n-gram searches are heavy (each holds a lexicon tree over the general model's
 * vocabulary, tens of MB): at most this many per helper, least recently registered dropped first.
 */
const MAX_LM_SEARCHES_PER_HELPER = 4;
/** Agent-model weight in the interpolation when the bias does not say (bench:stt tune set). */
export const DEFAULT_AGENT_WEIGHT = 0.5;
/**
 * N-best rescoring: bonus per key-term word (decoder score units) and list length. Off: with a
 * bonus of 100 bench:stt's tune WER got worse (vet questions 10.3 % -> 11.5 %, human speech
 * unchanged), the interpolated model already prefers the agent's terms. The alternatives stay
 * available to callers (`alternatives` option) for retrieval over several readings.
 */
export const RESCORE_BONUS = 0;
const NBEST = 10;

/**
 * Pruning beams, narrower than pocketsphinx's defaults (1e-48 / 7e-29 / 1e-48). With the phone
 * channel's cepstral mean (below) more paths stay close and the default beams cost about 1.1 s of
 * CPU per second of phone speech under the interpolated agent model: a 2 s question could not be
 * decoded within the utterance timeout on a busy box. -beam/-pbeam 1e-35 brought that to 0.45 s
 * per second at the same WER (scratch measurement, loaded box); -beam is near a cliff there:
 * 1e-33 took the vet questions from 10 % to 37 % WER, so it stays.
 *
 * -wbeam (word exits) stays 1e-20. 1e-12 was measured (issue #15: the decoder is the bottleneck
 * with 10 talking calls on 2 cores) and taken out again. Measured with scripts/bench/stt-sweep.sh (bench:stt, configurations
 * lm-cover-0.5 for the human speech and lm-vet-0.5 for the vet questions: the call path's
 * interpolated agent model at DEFAULT_AGENT_WEIGHT), one knob at a time then combinations, chosen
 * on the TUNE part only, means over repeated runs (a run's WER moves by 1-2 words: which decoder
 * finishes last sets the phone mean for the next utterance):
 *                      tune: human   vet    | held-out: human   vet   | decoder CPU s per audio s
 *   -wbeam 1e-20 (kept)       42.6 %  10.2 %  |           24.8 %  8.5 %  | 0.138 (0.155 human only)
 *   -wbeam 1e-12              40.6 %  10.1 %  |           24.2 %  7.9 %  | 0.118 (0.126 human only)
 * (12 and 6 runs; 60 / 165 / 51 / 57 words; CPU is the helpers' user+system time, so it holds
 * on a loaded box, and includes each agent model's registration.) Rejected on the tune part
 * (vet tune WER more than ~0.5 points worse): -ds 2 (15.8 %), -topn 2 (12.7 %), -fwdflat no
 * (12.7 %), -maxhmmpf 2000 (11.2 %), -wbeam 1e-10 (11.5 %), -maxhmmpf 3000 with -wbeam 1e-15
 * (11.5 %). -wbeam 1e-12 -maxhmmpf 4000 passed the tune rule at 0.110 s/s but its held-out WER
 * was clearly worse (human 26.1 %, vet 11.1 %, 3 runs), so not taken. -maxhmmpf 3000, -topn 3
 * and -wbeam 1e-15 passed but cost more (0.124-0.132 s/s). -maxwpf, -bestpath no and
 * a longer -pl_window saved nothing (-fwdflat and -bestpath are on by default in this version).
 * Why 1e-12 went out: synthetic speech decoded worse. The browser-call test's ear (pocketsphinx on
 * the espeak answer the browser heard through Opus) read "monday to sunday" as "monday to and a"
 * (word precision 1.00 with 1e-20, 0.80 here and 0.67 on a CI run, under its 0.8 floor), and
 * bench:spoken --offline --subset (flite awb/rms/kal16 over G.711) went from 24.9 % to 27.1 % tune
 * WER, 24.5 % to 25.3 % held-out. The CPU saving is not worth a less reliable ear.
 * `decoderArgs` replace any of these they name (the helper refuses a repeated argument).
 */
const DECODER_BEAMS = ['-beam', '1e-35', '-wbeam', '1e-20', '-pbeam', '1e-35'] as const;

/**
 * `defaults` (name/value pairs) with `extra` appended, dropping each default that `extra` names
 * again: the helper parses its arguments strictly and refuses a repeated name.
 */
function mergeDecoderArgs(defaults: readonly string[], extra: readonly string[]): string[] {
  const named = new Set(extra.filter((_, i) => i % 2 === 0));
  const out: string[] = [];
  for (let i = 0; i + 1 < defaults.length; i += 2)
    if (!named.has(defaults[i] ?? '')) out.push(defaults[i] ?? '', defaults[i + 1] ?? '');
  return [...out, ...extra];
}

/** Narrow: phone audio (nothing above 4 kHz, however it was resampled); wide: anything else. */
export type SttBand = 'narrow' | 'wide';
/**
 * Starting cepstral mean of the phone channel for the 16 kHz front end: the tune part of the
 * bench speech through G.711 and the call path's upsampling (printed by scripts/bench/stt-cmn.ts).
 */
export const PHONE_CMN_INIT: readonly number[] = [
  48.82, 32.6, -33.82, 40.66, -20.66, 12.67, 10.87, -11.28, 16.06, -19.39, 8.99, -7.62, -9.02,
];
/**
 * Band detection: energy above HIGH_BAND_HZ relative to the whole, over the first audible feed
 * of an utterance. Upsampled G.711 measures about -66 dB (the resampler's stop band; 5 kHz leaves
 * room for the transition band of a resampler that passes all of 0-4 kHz), wideband speech
 * -15 to -45 dB per 200 ms (festival, flite, LibriSpeech): below NARROW_BELOW_DB is phone audio.
 */
const HIGH_BAND_HZ = 5000;
const NARROW_BELOW_DB = -55;
/** Longest quiet lead-in held back before the band is known, s (then the last band seen is used). */
const MAX_BAND_WAIT_S = 2;
/**
 * Only 20 ms frames louder than this (mean square, dBFS) count: in quieter ones the int16 rounding
 * noise of any resampler (white, about -101 dBFS) is a large part of the high band. Fewer than
 * BAND_MIN_FRAMES such frames tell nothing (the last band seen is kept).
 */
const BAND_FRAME_MIN_DBFS = -45;
const BAND_MIN_FRAMES = 5;
const HIGH_PASS_TAPS = ((): Float64Array => {
  // 63-tap Hamming-windowed sinc high-pass at 16 kHz (spectral inversion of the low-pass).
  const n = 63;
  const fc = HIGH_BAND_HZ / 16000;
  const taps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = i - (n - 1) / 2;
    const lp = m === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
    taps[i] = ((m === 0 ? 1 : 0) - lp) * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
  }
  return taps;
})();

/** The band of 16 kHz audio, or undefined when too little of it is loud enough to tell. */
export function detectBand(pcm16k: Int16Array): SttBand | undefined {
  const taps = HIGH_PASS_TAPS;
  const frame = 320;
  const floor = frame * 32768 ** 2 * 10 ** (BAND_FRAME_MIN_DBFS / 10);
  let all = 0;
  let high = 0;
  let frames = 0;
  for (let start = taps.length - 1; start + frame <= pcm16k.length; start += frame) {
    let a = 0;
    let h = 0;
    for (let i = start; i < start + frame; i++) {
      let acc = 0;
      for (let k = 0; k < taps.length; k++) acc += (taps[k] ?? 0) * (pcm16k[i - k] ?? 0);
      h += acc * acc;
      const x = pcm16k[i - (taps.length - 1) / 2] ?? 0;
      a += x * x;
    }
    if (a < floor) continue;
    all += a;
    high += h;
    frames++;
  }
  if (frames < BAND_MIN_FRAMES) return undefined;
  return 10 * Math.log10(high / all + 1e-12) < NARROW_BELOW_DB ? 'narrow' : 'wide';
}

export class PocketsphinxEngine implements SttEngine {
  readonly name = 'pocketsphinx';
  private readonly helpers: (PsHelper | undefined)[];
  private readonly busy: boolean[];
  private readonly waiters: Array<(i: number) => void> = [];
  private readonly biasCache = new Map<string, Promise<PreparedBias>>();
  private readonly metrics: ModelMetrics | undefined;
  /** The cepstral mean per band as the last utterance of that band left it (see the header). */
  private readonly cmn = new Map<SttBand, readonly number[]>();
  /** Band of the last utterance that could tell (a quiet start keeps it). */
  private lastBand: SttBand = 'wide';
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
    // The phone mean was measured with the 16 kHz front end; the 8 kHz one starts from the model's.
    if ((opts.frontEnd?.rateHz ?? 16000) === 16000) this.cmn.set('narrow', PHONE_CMN_INIT);
  }

  /**
   * The band of an utterance from its first audio (`pcm` at the decoder's rate; `inputRateHz`:
   * the rate it was written at, 8 kHz or less is narrow whatever it holds); undefined when the
   * audio is too quiet to tell.
   */
  bandOf(pcm: Int16Array, inputRateHz: number): SttBand | undefined {
    const band = inputRateHz <= 8000 ? 'narrow' : this.rateHz === 16000 ? detectBand(pcm) : this.lastBand;
    if (band) this.lastBand = band;
    return band;
  }

  /** The band of the last utterance that could tell (for one that never gets loud). */
  get recentBand(): SttBand {
    return this.lastBand;
  }

  /**
   * Sets the band's cepstral mean on a decoder before an utterance (none known: left as is): the
   * call's own (its channel), starting from the phone channel's mean; without a channel the
   * engine-wide one.
   */
  async applyCmn(helper: PsHelper, band: SttBand, channel?: SttChannel): Promise<void> {
    const mean = channel
      ? (channel.memory.get(`cmn:${band}`) ?? (band === 'narrow' ? this.narrowInit : this.cmn.get(band)))
      : this.cmn.get(band);
    // A helper built before the CMN command answers "unknown command": decode on, as before.
    if (mean) await helper.command(`CMN ${mean.map((v) => v.toFixed(3)).join(',')}`);
  }

  /** Keeps the decoder's mean after an utterance of `band` for the next one of that band. */
  async learnCmn(helper: PsHelper, band: SttBand, channel?: SttChannel): Promise<void> {
    const r = await helper.command('CMN');
    if (!r.ok || !r.cmn || !r.cmn.every((v) => Number.isFinite(v))) return;
    if (channel) channel.memory.set(`cmn:${band}`, r.cmn);
    else this.cmn.set(band, r.cmn);
  }

  /** Where a call's phone audio starts (the 8 kHz front end: the model's own). */
  private get narrowInit(): readonly number[] | undefined {
    return (this.opts.frontEnd?.rateHz ?? 16000) === 16000 ? PHONE_CMN_INIT : undefined;
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
      opts.hmmDir ?? files[0] ?? '',
      '-lm',
      files[1] ?? '',
      '-dict',
      files[2] ?? '',
      '-logfn',
      '/dev/null',
      ...mergeDecoderArgs(DECODER_BEAMS, opts.decoderArgs ?? []),
    ];
    const dict = await PronunciationDictionary.load(files[2] ?? '');
    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'ps-bias-'));
    if (opts.frontEnd?.rateHz === 8000) {
      // feat.params in the model folder overrides -upperf on the command line: derive a folder.
      const hmm = opts.hmmDir ?? files[0] ?? '';
      const derived = path.join(tmpDir, 'hmm8k');
      await mkdir(derived);
      for (const f of await readdir(hmm)) {
        if (f === 'feat.params') continue;
        await symlink(path.join(hmm, f), path.join(derived, f));
      }
      const params = await readFile(path.join(hmm, 'feat.params'), 'utf8');
      await writeFile(
        path.join(derived, 'feat.params'),
        params.replace(/-upperf\s+\S+/, `-upperf ${opts.frontEnd.upperHz ?? 3500}`),
      );
      args[1] = derived;
      args.push('-samprate', '8000', '-nfft', '256');
    }
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
    if ((bias.mode ?? 'lm') === 'lm') return this.prepareAgentLm(bias);
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
        return {
          name: spec.name,
          kind: spec.mode === 'grammar' ? ('JSGF' as const) : ('FSG' as const),
          file,
          extraWords: added,
          dropped,
        };
      })();
      p.catch(() => this.biasCache.delete(raw.name));
      this.biasCache.set(raw.name, p);
    }
    return p;
  }

  /**
   * The agent trigram (phrases + caller patterns), written once per content hash to the cache
   * dir, registered as an interpolation with the general LM.
   */
  private prepareAgentLm(bias: SttBias): Promise<PreparedBias> {
    const weight = bias.weight ?? DEFAULT_AGENT_WEIGHT;
    if (!(weight > 0 && weight < 1))
      return Promise.reject(new ModelError('bias.weight must be in (0, 1)', 'bad-input'));
    const phrases = bias.phrases.filter((p): p is string => typeof p === 'string');
    const key = 'lm:' + weight + ':' + createHash('sha1').update(phrases.join('\n')).digest('hex');
    let p = this.biasCache.get(key);
    if (!p) {
      p = (async () => {
        const words = [...new Set(phrases.flatMap((x) => normalizeWords(x)))];
        if (words.length === 0) throw new ModelError('bias phrase list has no usable words', 'bad-input');
        const { added, dropped } = await this.dict.guess(words);
        const lm = agentLm(phrases, (w) => this.dict.has(w) || added.has(w));
        const dir = path.join(
          this.opts.cacheDir ??
            process.env['APPLIANCE_MODEL_CACHE_DIR'] ??
            path.join(os.tmpdir(), 'appliance-model-cache'),
          'pocketsphinx-lm',
        );
        await mkdir(dir, { recursive: true });
        const file = path.join(dir, `${lm.name}.arpa`);
        if (!existsSync(file)) {
          // Write then rename: a concurrent reader never sees half a model.
          const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
          await writeFile(tmp, lm.arpa);
          await rename(tmp, file);
        }
        const used = new Set(lm.words);
        const extraWords = new Map([...added].filter(([w]) => used.has(w)));
        return {
          name: `${lm.name}w${Math.round(weight * 1000)}`,
          kind: 'LMSET' as const,
          file,
          weight,
          extraWords,
          dropped,
          terms: keyTerms(phrases),
        };
      })();
      p.catch(() => this.biasCache.delete(key));
      this.biasCache.set(key, p);
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
    const name = prepared.name;
    if (helper.searches.has(name)) return name;
    if (helper.searches.size >= MAX_SEARCHES_PER_HELPER) {
      for (const s of [...helper.searches]) {
        await helper.command(`UNSET ${s}`);
        helper.searches.delete(s);
      }
    }
    if (prepared.kind === 'LMSET') {
      const lms = [...helper.searches].filter((s) => helper.lmSearches.has(s));
      for (const s of lms.slice(0, Math.max(0, lms.length - MAX_LM_SEARCHES_PER_HELPER + 1))) {
        await helper.command(`UNSET ${s}`);
        helper.searches.delete(s);
        helper.lmSearches.delete(s);
      }
    }
    for (const [w, phones] of prepared.extraWords) await helper.command(`WORD ${w} ${phones}`);
    await helper.check(
      prepared.kind === 'LMSET'
        ? `LMSET ${name} ${prepared.weight ?? DEFAULT_AGENT_WEIGHT} ${prepared.file}`
        : `${prepared.kind} ${name} ${prepared.file}`,
    );
    helper.searches.add(name);
    if (prepared.kind === 'LMSET') helper.lmSearches.add(name);
    return name;
  }

  /** Sample rate the decoder takes (16000 unless the 8 kHz front end was chosen). */
  get rateHz(): number {
    return this.opts.frontEnd?.rateHz ?? 16000;
  }

  get rescoreBonus(): number {
    return this.opts.rescoreBonus ?? RESCORE_BONUS;
  }

  /**
   * Registers a bias on every decoder ahead of the first utterance (an interpolated agent model
   * takes ~1 s per decoder to register, longer on a busy box): call at call start or after
   * training. Best effort: a decoder busy with an utterance may be skipped (it registers the
   * search at its next utterance instead).
   */
  async warm(bias: SttBias): Promise<void> {
    const prepared = await this.prepareBias(bias);
    await Promise.all(
      this.helpers.map(async () => {
        const lease = await this.acquire();
        try {
          await this.useBias(lease.helper, prepared);
        } finally {
          this.release(lease.index);
        }
      }),
    );
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
    // Waiters (a warm-up queued behind an utterance) wake up to the closed engine; helperAt then
    // refuses to start a helper, so nothing outlives close().
    for (const w of this.waiters.splice(0)) w(0);
    await rm(this.tmpDir, { recursive: true, force: true });
  }

  private async helperAt(i: number): Promise<PsHelper> {
    if (this.closed) throw new ModelError('pocketsphinx engine closed', 'unavailable');
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
    search: string;
    prepared?: PreparedBias;
  }>;
  /** The utterance started on the decoder (its band's mean set first), from the first feed on. */
  private begun: Promise<unknown> | undefined;
  private band: SttBand = 'wide';
  private inputRateHz = 16000;
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
        return { ...lease, search, dropped: prepared?.dropped ?? [], ...(prepared ? { prepared } : {}) };
      } catch (err) {
        this.releaseOnce(lease.index);
        throw err;
      }
    })();
    this.started.catch(() => undefined);
    opts.signal?.addEventListener('abort', () => this.abort(), { once: true });
  }

  write(pcm: Int16Array, sampleRateHz: number): void {
    assertPcm(pcm, sampleRateHz);
    if (this.finished) throw new ModelError('stt stream already ended', 'bad-input');
    const pcm16 = resample(pcm, sampleRateHz, this.engine.rateHz);
    if (!this.begun && this.pendingSamples === 0) this.inputRateHz = sampleRateHz;
    this.audioSamples += pcm16.length;
    if (this.opts.bias?.mode === 'grammar') this.allPcm.push(pcm16);
    this.pendingPcm.push(pcm16);
    this.pendingSamples += pcm16.length;
    if (this.pendingSamples >= FEED_SAMPLES) this.send();
  }

  async end(): Promise<SttResult> {
    if (this.finished) throw new ModelError('stt stream already ended', 'bad-input');
    this.send(true);
    this.finished = true;
    const t0 = performance.now();
    let lease: { index: number; helper: PsHelper; dropped: string[]; prepared?: PreparedBias } | undefined;
    const audioMs = (this.audioSamples / this.engine.rateHz) * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      lease = await this.started;
      const l = lease;
      const work = (async () => {
        await this.begin();
        await Promise.all(this.sends);
        const first = await l.helper.check('END');
        await this.engine.learnCmn(l.helper, this.band, this.opts.channel);
        if ((first.hyp ?? '').trim() !== '' || !this.opts.bias || this.allPcm.length === 0)
          return this.alternatives(l.helper, first, l.prepared);
        // Grammar miss (the caller said part of a phrase, or paused mid-phrase): second pass with
        // the bigram model over the same phrases, which accepts any word sequence.
        const lm = await this.engine.prepareBias({ ...this.opts.bias, mode: 'closed' });
        const search = await this.engine.useBias(l.helper, lm);
        await this.engine.applyCmn(l.helper, this.band, this.opts.channel);
        await l.helper.check(`START ${search}`);
        const all = Buffer.from(pcmToBuffer(concatPcm(this.allPcm)));
        await l.helper.check(`DATA ${all.length}`, all);
        const second = await l.helper.check('END');
        return this.alternatives(l.helper, second, lm);
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
      const want = this.opts.alternatives ?? 0;
      return {
        text: r.text,
        engine: this.engine.name,
        audioMs,
        latencyMs,
        ...(r.score !== undefined ? { score: r.score } : {}),
        ...(want > 0 ? { alternatives: r.alternatives.slice(0, want) } : {}),
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

  /**
   * The final text and alternatives: with the interpolated agent model (and rescoring on) or when
   * alternatives were asked for, the N-best list from the utterance's lattice, re-ranked towards
   * the agent's key terms.
   */
  private async alternatives(
    helper: PsHelper,
    end: HelperReply,
    prepared: PreparedBias | undefined,
  ): Promise<{ text: string; score?: number; alternatives: string[] }> {
    const best = (end.hyp ?? '').trim();
    const out = { text: best, ...(end.score !== undefined ? { score: end.score } : {}) };
    const bonus = prepared?.terms ? this.engine.rescoreBonus : 0;
    const want = this.opts.alternatives ?? 0;
    if ((bonus <= 0 && want <= 0) || best === '') return { ...out, alternatives: best ? [best] : [] };
    const nb = await helper.check(`NBEST ${Math.max(NBEST, want)}`);
    const list = (nb.nbest ?? []).map((n) => ({ hyp: n.hyp.trim(), score: n.score }));
    if (list.length === 0) return { ...out, alternatives: [best] };
    const ranked = bonus > 0 && prepared?.terms ? rescoreNbest(list, prepared.terms, bonus) : list;
    return { ...out, text: ranked[0]?.hyp ?? best, alternatives: ranked.map((n) => n.hyp) };
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

  /**
   * Feeds the pending audio. Before the utterance has begun its band must be known: a quiet
   * lead-in is held back (up to MAX_BAND_WAIT_S) until audible audio tells; `final`: no more comes.
   */
  private send(final = false): void {
    if (this.pendingSamples === 0) {
      if (final) void this.begin();
      return;
    }
    const pcm = new Int16Array(this.pendingSamples);
    let off = 0;
    for (const p of this.pendingPcm) {
      pcm.set(p, off);
      off += p.length;
    }
    if (!this.begun) {
      // The last second tells the band (the detector costs ~63 multiply-adds a sample).
      const rate = this.engine.rateHz;
      const band = this.engine.bandOf(pcm.subarray(Math.max(0, pcm.length - rate)), this.inputRateHz);
      if (!band && !final && pcm.length < MAX_BAND_WAIT_S * rate) return;
      this.band = band ?? this.engine.recentBand;
    }
    this.pendingPcm = [];
    this.pendingSamples = 0;
    const begun = this.begin();
    const bytes = Buffer.from(pcmToBuffer(pcm));
    const sent = Promise.all([this.started, begun]).then(([l]) =>
      l.helper.check(`DATA ${bytes.length}`, bytes),
    );
    sent.catch(() => undefined);
    this.sends.push(sent);
  }

  /** Starts the utterance on the decoder once: the band's cepstral mean, then START. */
  private begin(): Promise<unknown> {
    if (!this.begun) {
      const band = this.band;
      this.begun = this.started.then(async (l) => {
        // Another call's line on this decoder: its noise estimate starts afresh (a helper built
        // before STREAM answers "unknown command": decode on, as before).
        const channel = this.opts.channel;
        if (channel && l.helper.channel !== channel) await l.helper.command('STREAM');
        l.helper.channel = channel;
        await this.engine.applyCmn(l.helper, band, channel);
        await l.helper.check(`START ${l.search}`);
      });
      this.begun.catch(() => undefined);
    }
    return this.begun;
  }

  private releaseOnce(index: number): void {
    if (this.released) return;
    this.released = true;
    this.engine.release(index);
  }
}
