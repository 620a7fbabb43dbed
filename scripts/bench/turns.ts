/**
 * End-of-turn benchmark (offline, no network): false cut-offs and the end-of-turn decision time
 * of the content rule (appliance/calls/turn-end.ts) on caller utterances with natural mid-sentence
 * pauses (turns/utterances.ts), spoken by three local voices (espeak-ng, flite slt, festival),
 * with pauses of 250-450 ms inserted (below the endpointer's 500 ms window, so silence alone never
 * cuts them), over a G.711 round trip (sox: 8 kHz mu-law and back) with a faint noise floor.
 *
 * Each utterance runs through the call's own pipeline parts: Silero VAD (CALL_VAD options), the
 * early-finalizing Utterance with pocketsphinx (the closed bias calls use, over the generic caller
 * patterns) and the TurnEnd machine. Worst case for false cut-offs: the verdict on a pause is
 * taken before any more audio is fed (an infinitely fast decoder); in a call a decode slower than
 * the pause's remainder would see the caller resume first. A complete question then ends the turn
 * once the quiet reaches the content window (turn-end.ts, 400 ms).
 *
 * A false cut-off: the content rule ended the turn at a mid-sentence pause. An early end: a
 * complete question ended at its final pause, before the silence window. Decision time: the
 * later of the content window and 200 ms + the early part's decode (wall clock, this box).
 *   npm run bench:turns [-- --voices espeak,flite,festival] [--set tune|held-out] [--content-quiet-ms 250,300,400]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CALL_VAD } from '../../appliance/calls/call-session.js';
import { DEFAULT_CONTENT_QUIET_MS, TurnEnd } from '../../appliance/calls/turn-end.js';
import { DEFAULT_PAUSE_FINALIZE_MS, Utterance } from '../../appliance/calls/utterance.js';
import type { SpeechToText } from '../../appliance/calls/ports.js';
import { encodeWav } from '../../lib/index.js';
import { CALLER_PATTERNS, createModelRuntime, parseWav, resample } from '../../models/index.js';
import { heldOut, tune } from './turns/utterances.js';

const RATE = 16000;
const FRAME = 320; // 20 ms
const PAUSES_MS = [250, 300, 350, 400, 450];
const VOICED = 0.35; // as call-session.ts

const sharedDir =
  process.env.APPLIANCE_SHARED_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-turns-'));
// `--content-quiet-ms N[,M,...]`: the content windows to measure (default turn-end.ts's). One pass
// measures them all: a window only decides at pauses, and the pauses before a turn's end are the
// same whatever the window (the utterance finalizes its parts at 200 ms of quiet either way).
const cqArg = process.argv.indexOf('--content-quiet-ms');
const windows =
  cqArg >= 0 ? (process.argv[cqArg + 1] ?? '').split(',').map(Number) : [DEFAULT_CONTENT_QUIET_MS];
if (windows.some((w) => !(w >= 0 && w < 500))) {
  console.error('--content-quiet-ms takes milliseconds from 0 to 499 (a comma-separated list)');
  process.exit(2);
}
// `--finalize-ms N`: quiet after which the utterance finalizes its STT part early (utterance.ts's
// pauseFinalizeMs, default the call's: DEFAULT_PAUSE_FINALIZE_MS).
const finArg = process.argv.indexOf('--finalize-ms');
const finalizeMs = finArg >= 0 ? Number(process.argv[finArg + 1]) : DEFAULT_PAUSE_FINALIZE_MS;
if (!(finalizeMs >= 60 && finalizeMs < 500)) {
  console.error('--finalize-ms takes milliseconds from 60 to 499');
  process.exit(2);
}
const voicesArg = process.argv.indexOf('--voices');
const voices = (voicesArg >= 0 ? (process.argv[voicesArg + 1] ?? '') : 'espeak,flite,festival').split(',');

function synth(voice: string, text: string): Int16Array {
  const wav = path.join(tmp, 'seg.wav');
  const txt = path.join(tmp, 'seg.txt');
  writeFileSync(txt, text);
  const cmd: [string, string[]] =
    voice === 'espeak'
      ? ['espeak-ng', ['-v', 'en-us', '-w', wav, '-f', txt]]
      : voice === 'flite'
        ? ['flite', ['-voice', 'slt', '-f', txt, '-o', wav]]
        : ['text2wave', ['-F', '16000', '-o', wav, txt]];
  const r = spawnSync(cmd[0], cmd[1], { timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${cmd[0]} failed: ${r.stderr.toString()}`);
  const w = parseWav(readFileSync(wav));
  return w.sampleRateHz === RATE ? w.pcm : resample(w.pcm, w.sampleRateHz, RATE);
}

/** Trims the synthesizer's own leading and trailing silence (so the inserted pause is the pause). */
function trim(pcm: Int16Array): Int16Array {
  const loud = (i: number): boolean => Math.abs(pcm[i] ?? 0) > 300;
  let a = 0;
  let b = pcm.length - 1;
  while (a < b && !loud(a)) a++;
  while (b > a && !loud(b)) b--;
  return pcm.slice(Math.max(0, a - 160), Math.min(pcm.length, b + 160));
}

/** Deterministic faint noise (about -60 dBFS), so quiet is not digital silence. */
function noise(n: number, seed: number): Int16Array {
  const out = new Int16Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = ((s >>> 16) % 61) - 30;
  }
  return out;
}

/** Segments joined with pauses; returns the audio (after a G.711 round trip) and where each segment starts, ms. */
function build(voice: string, item: string, k: number): { pcm: Int16Array; starts: number[] } {
  const segs = item
    .replace(/\?$/, '')
    .split('|')
    .map((s) => trim(synth(voice, s.trim())));
  const lead = noise(RATE * 0.3, k + 1);
  const parts: Int16Array[] = [lead];
  const starts: number[] = [];
  let len = lead.length;
  segs.forEach((s, i) => {
    if (i > 0) {
      const p = noise((RATE * (PAUSES_MS[(k + i) % PAUSES_MS.length] ?? 300)) / 1000, k * 7 + i);
      parts.push(p);
      len += p.length;
    }
    starts.push((len / RATE) * 1000);
    parts.push(s);
    len += s.length;
  });
  parts.push(noise(RATE * 1.2, k + 99));
  const joined = new Int16Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    joined.set(p, o);
    o += p.length;
  }
  const src = path.join(tmp, 'in.wav');
  const ulaw = path.join(tmp, 'ulaw.wav');
  const back = path.join(tmp, 'back.wav');
  writeFileSync(src, encodeWav(joined, RATE));
  const a = spawnSync('sox', [src, '-r', '8000', '-e', 'u-law', ulaw]);
  const b = spawnSync('sox', [ulaw, '-r', '16000', '-e', 'signed', '-b', '16', back]);
  if (a.status !== 0 || b.status !== 0)
    throw new Error(`sox failed: ${a.stderr.toString()}${b.stderr.toString()}`);
  return { pcm: parseWav(readFileSync(back)).pcm, starts };
}

interface Outcome {
  /** Content end: at which segment's following pause (index), and its decision time. */
  content?: { afterSegment: number; decisionMs: number; text: string };
  silenceEndMs?: number;
}

/** One Outcome per content window (same order as `windows`). */
async function run(
  stt: SpeechToText,
  vad: {
    push(p: Int16Array, r: number): Promise<Array<{ kind: string; pcm: Int16Array }>>;
    lastProbability: number;
  },
  pcm: Int16Array,
  starts: number[],
): Promise<Outcome[]> {
  let utt: Utterance | undefined;
  let tes: TurnEnd[] = [];
  let lastVoicedMs = 0;
  let nowMs = 0;
  let decode: { atQuietMs: number; ms: number } | undefined;
  const outs: Outcome[] = windows.map(() => ({}));
  const open = (): boolean => outs.some((o) => !o.content);
  for (let o = 0; o + FRAME <= pcm.length; o += FRAME) {
    nowMs = ((o + FRAME) / RATE) * 1000;
    const events = await vad.push(pcm.subarray(o, o + FRAME), RATE);
    const voiced = vad.lastProbability >= VOICED;
    if (voiced) lastVoicedMs = nowMs;
    for (const ev of events) {
      if (ev.kind === 'speech-start' && !utt) {
        utt = new Utterance(stt, CALLER_PATTERNS, ev.pcm, { pauseFinalizeMs: finalizeMs });
        tes = windows.map(
          (contentQuietMs, w) =>
            new TurnEnd({
              mode: 'content',
              contentQuietMs,
              // The segment whose following pause this is: the last one begun by now.
              onContentEnd: (text) => {
                const seg = starts.filter((s) => s < nowMs).length - 1;
                const out = outs[w];
                if (out) out.content = { afterSegment: seg, decisionMs: 0, text };
              },
            }),
        );
      } else if (ev.kind === 'speech-audio' && utt) {
        const parts = utt.earlyParts;
        const quietMs = voiced ? 0 : nowMs - lastVoicedMs;
        utt.write(ev.pcm, voiced, quietMs);
        if (voiced) for (const te of tes) te.resumed();
        else {
          if (utt.earlyParts > parts) {
            // Worst case for cut-offs: the verdict is in before the next frame (an infinitely fast
            // decoder); the decode's wall time still counts in the decision time.
            const t0 = performance.now();
            const text = utt.textSoFar();
            for (const te of tes) te.paused(text);
            await text.catch(() => undefined);
            await new Promise((r) => setImmediate(r));
            decode = { atQuietMs: quietMs, ms: performance.now() - t0 };
          }
          tes.forEach((te, w) => {
            const out = outs[w];
            if (!out || out.content) return;
            te.quiet(quietMs);
            const ended = outs[w]?.content;
            // The content window and the decode overlap: the later of the two decides.
            if (ended) ended.decisionMs = Math.max(quietMs, decode ? decode.atQuietMs + decode.ms : 0);
          });
          if (!open()) {
            utt.abort();
            return outs;
          }
        }
      } else if (ev.kind === 'speech-end' && utt) {
        for (const out of outs) if (!out.content) out.silenceEndMs = nowMs - lastVoicedMs;
        await utt.end().catch(() => '');
        return outs;
      }
    }
  }
  return outs;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  const models = await createModelRuntime({
    modelsDir: path.join(sharedDir, 'models'),
    prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
  });
  try {
    const stt: SpeechToText = {
      name: models.stt.name,
      startStream: (o) => {
        const s = models.stt.startStream({ bias: { phrases: o.phrases ?? [], mode: 'closed' } });
        return { write: (p, r) => s.write(p, r), end: () => s.end(), abort: () => s.abort() };
      },
      transcribe: () => Promise.reject(new Error('not used')),
    };
    console.log(
      `engines: vad ${models.vadEngine.name}, stt ${models.stt.name} (closed bias over the generic caller patterns), ` +
        `voices ${voices.join(', ')}; content windows ${windows.join(', ')} ms (default ${DEFAULT_CONTENT_QUIET_MS}), parts finalized at ${finalizeMs} ms of quiet; load average ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
    );
    const setArg = process.argv.indexOf('--set');
    const only = setArg >= 0 ? process.argv[setArg + 1] : undefined;
    for (const [name, set] of (
      [
        ['tune', tune],
        ['held-out', heldOut],
      ] as const
    ).filter(([n]) => only === undefined || n === only)) {
      const tally = windows.map(() => ({
        cut: 0,
        early: 0,
        missed: 0,
        decision: [] as number[],
        silence: [] as number[],
        cuts: [] as string[],
      }));
      let paused = 0;
      let questions = 0;
      for (const voice of voices) {
        for (const [k, item] of set.entries()) {
          const { pcm, starts } = build(voice, item, k);
          const vad = models.vad({ ...CALL_VAD });
          const rs = await run(stt, vad, pcm, starts);
          vad.close();
          const segments = starts.length;
          const question = item.endsWith('?');
          if (segments > 1) paused++;
          if (question) questions++;
          rs.forEach((r, w) => {
            const t = tally[w];
            if (!t) return;
            if (r.content && r.content.afterSegment < segments - 1) {
              t.cut++;
              t.cuts.push(`${voice}: "${item}" cut after "${r.content.text}"`);
            } else if (r.content) {
              if (question) t.early++;
              t.decision.push(r.content.decisionMs);
            } else if (r.silenceEndMs !== undefined) t.silence.push(r.silenceEndMs);
            else t.missed++;
          });
        }
      }
      windows.forEach((w, i) => {
        const t = tally[i];
        if (!t) return;
        console.log(
          `${name} (content window ${w} ms): ${set.length * voices.length} utterances; FALSE CUT-OFFS ${t.cut}/${paused} with mid-sentence pauses ` +
            `(${((100 * t.cut) / Math.max(1, paused)).toFixed(1)} %); complete questions ended early ${t.early}/${questions} ` +
            `(${((100 * t.early) / Math.max(1, questions)).toFixed(1)} %); end-of-turn decision after the last voiced frame: ` +
            `content p50 ${pct(t.decision, 50).toFixed(0)} ms, p95 ${pct(t.decision, 95).toFixed(0)} ms (${t.decision.length}); ` +
            `silence window p50 ${pct(t.silence, 50).toFixed(0)} ms (${t.silence.length})${t.missed ? `; ${t.missed} never detected` : ''}`,
        );
        for (const c of t.cuts) console.log(`  cut-off: ${c}`);
      });
    }
  } finally {
    await models.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
