/**
 * Speech sets for `npm run bench:noise`, each item at -20 dBFS active level with 1 s of lead:
 *
 * TUNE: the 5 real recordings of ../shared/speech (111 words). The product defaults (denoise on,
 *   AGC off) were chosen on them, so their figures are not an unbiased estimate.
 * HELD-OUT: phone-caller sentences written here (11 sentences, 104 words, a caller to a vet
 *   clinic) read by flite's built-in voices kal, awb, rms and slt: speakers never used to choose
 *   anything in the caller-audio chain. The speech is SYNTHETIC (no more real recordings can be
 *   obtained on this box), so its WER level differs from real speech; what counts is the
 *   comparison off vs. RNNoise under the same noise. The per-agent model for it is the vet agent
 *   of stt-corpus.ts; `checkHeldoutText()` refuses a sentence sharing a 4-word sequence with it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeWords } from '../../models/index.js';
import { activeLevelDb, RATE, scaled, tmp, wav8k } from './noise-sources.js';

export interface Item {
  id: string;
  reference: string;
  speech: Float64Array;
  /** Last sample of speech (clean signal), in the item's timeline including the lead. */
  endSample: number;
}

/** Silence before the speech in each item, s. */
export const LEAD_S = 1;
/** Speech level on the line: -20 dBFS active level (a normal talker after the PBX). */
export const SPEECH_DBFS = -20;
/** Full scale of int16 in dB (so dBFS + FULL is the level on the sample scale). */
export const FULL = 20 * Math.log10(32768);

/** Raw 8 kHz speech -> an item at the line level, with its true end of speech. */
function toItem(id: string, reference: string, raw: Float64Array): Item {
  const s = scaled(raw, SPEECH_DBFS + FULL - activeLevelDb(raw));
  // True end of speech: the last 10 ms block within 35 dB of the loudest.
  let top = -Infinity;
  const lv: number[] = [];
  for (let i = 0; i + 80 <= s.length; i += 80) {
    let e = 0;
    for (let k = i; k < i + 80; k++) e += (s[k] as number) ** 2;
    lv.push(10 * Math.log10(e / 80 + 1e-9));
    top = Math.max(top, lv[lv.length - 1] as number);
  }
  let last = 0;
  lv.forEach((v, k) => (v > top - 35 ? (last = k) : 0));
  return { id, reference, speech: s, endSample: LEAD_S * RATE + (last + 1) * 80 };
}

/** The recordings listed in ../shared/speech/transcripts.tsv (those present). */
export function tuneItems(speechDir: string): Item[] {
  const tsv = readFileSync(path.join(speechDir, 'transcripts.tsv'), 'utf8').trim().split('\n').slice(1);
  const items: Item[] = [];
  for (const line of tsv) {
    const [file = '', , , reference = ''] = line.split('\t');
    if (!existsSync(path.join(speechDir, file))) continue;
    items.push(toItem(path.basename(file, '.wav'), reference, wav8k(path.join(speechDir, file))));
  }
  return items;
}

/** Held-out caller sentences by voice (written for this bench, never used for tuning). */
const HELDOUT: { voice: string; sentences: string[] }[] = [
  {
    voice: 'kal',
    sentences: [
      "Hi, I'd like to book a visit for Tuesday morning.",
      'Could you tell me what time you close on Saturday?',
      'I need to cancel the booking we made for tomorrow afternoon.',
    ],
  },
  {
    voice: 'awb',
    sentences: [
      'Is there somewhere to park near the front door?',
      'My name is Helen Brooks and I rang last week.',
      'Do you take cards or is it only cash?',
    ],
  },
  {
    voice: 'rms',
    sentences: [
      'How much does the first visit usually come to?',
      'Can I bring both of my cats at the same time?',
      "I'm running about ten minutes late, sorry about that.",
    ],
  },
  {
    voice: 'slt',
    sentences: [
      'Please ask somebody to call me back this evening.',
      "Thank you, that's all I needed, goodbye.",
    ],
  },
];

/** Throws if a held-out sentence shares a 4-word sequence with the agent text (biased model). */
export function checkHeldoutText(agentTexts: readonly string[]): void {
  const grams = new Set<string>();
  for (const t of agentTexts) {
    const w = normalizeWords(t);
    for (let i = 0; i + 4 <= w.length; i++) grams.add(w.slice(i, i + 4).join(' '));
  }
  for (const { sentences } of HELDOUT)
    for (const s of sentences) {
      const w = normalizeWords(s);
      for (let i = 0; i + 4 <= w.length; i++) {
        const g = w.slice(i, i + 4).join(' ');
        if (grams.has(g)) throw new Error(`held-out sentence shares "${g}" with the agent text`);
      }
    }
}

/** The held-out sentences spoken by flite, one item per voice, resampled to 8 kHz. */
export function heldoutItems(): Item[] {
  return HELDOUT.map(({ voice, sentences }) => {
    const text = sentences.join(' ');
    const w = path.join(tmp, `h-${voice}.wav`);
    execFileSync('flite', ['-voice', voice, '-t', text, '-o', w]);
    return toItem(`flite-${voice}`, text, wav8k(w));
  });
}

export function heldoutWordCount(): number {
  return HELDOUT.reduce((a, h) => a + h.sentences.reduce((b, s) => b + normalizeWords(s).length, 0), 0);
}
