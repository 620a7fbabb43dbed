/**
 * Builds pocketsphinx bias searches from a phrase list: a JSGF grammar (phrase alternatives) or
 * a bigram LM with absolute discounting (D = 0.5) and back-off weights, written as ARPA or
 * compiled to an FSG (a back-off state reached by null transitions). The FSG form loads in
 * milliseconds; pocketsphinx's n-gram search takes ~20 s to build against the full dictionary.
 */
import { createHash } from 'node:crypto';
import { normalizeWords } from './text.js';
import type { SttBias } from './types.js';

export interface BiasSpec {
  /** Search name: stable hash of mode + phrases, so helpers can cache registered searches. */
  readonly name: string;
  /** 'grammar' = JSGF alternatives; 'closed' = the phrase bigram as an FSG (closed vocabulary). */
  readonly mode: 'grammar' | 'closed';
  readonly sentences: readonly (readonly string[])[];
  readonly words: readonly string[];
}

export function biasSpec(bias: SttBias): BiasSpec {
  const mode = bias.mode === 'grammar' ? 'grammar' : 'closed';
  const seen = new Set<string>();
  const sentences: string[][] = [];
  // Each phrase contributes its sentences and their comma clauses: callers pause at commas,
  // and the VAD then hands over one clause per utterance.
  const pieces = bias.phrases
    .filter((p): p is string => typeof p === 'string')
    .flatMap((p) => p.split(/[.?!]+(?:\s+|$)/))
    .flatMap((sentence) => [sentence, ...sentence.split(/[,;:]\s*/)]);
  for (const p of pieces) {
    const words = normalizeWords(p);
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    sentences.push(words);
  }
  const words = [...new Set(sentences.flat())].sort();
  const name =
    'b' +
    createHash('sha1')
      .update(mode)
      .update('\0')
      .update([...seen].sort().join('\n'))
      .digest('hex')
      .slice(0, 16);
  return { name, mode, sentences, words };
}

/** Keeps only sentences whose words all have pronunciations. */
export function restrictToVocabulary(spec: BiasSpec, known: (w: string) => boolean): BiasSpec {
  const sentences = spec.sentences.filter((s) => s.every(known));
  return { ...spec, sentences, words: [...new Set(sentences.flat())].sort() };
}

export function toJsgf(spec: BiasSpec): string {
  const alts = spec.sentences.map((s) => s.join(' ')).join('\n  | ');
  // One or more phrases per utterance: callers often say two things before pausing.
  return `#JSGF V1.0;\ngrammar bias;\npublic <utt> = ${alts};\n`;
}

const DISCOUNT = 0.5;

interface Bigram {
  vocab: string[];
  p1: Map<string, number>;
  /** context -> (word -> discounted probability) */
  p2: Map<string, Map<string, number>>;
  backoff: Map<string, number>;
}

function bigram(spec: BiasSpec): Bigram {
  const uni = new Map<string, number>();
  const bi = new Map<string, Map<string, number>>();
  let total = 0;
  for (const s of spec.sentences) {
    const toks = ['<s>', ...s, '</s>'];
    for (let i = 0; i < toks.length; i++) {
      const w = toks[i] ?? '';
      if (w !== '<s>') {
        uni.set(w, (uni.get(w) ?? 0) + 1);
        total++;
      }
      if (i > 0) {
        const v = toks[i - 1] ?? '';
        const m = bi.get(v) ?? new Map<string, number>();
        m.set(w, (m.get(w) ?? 0) + 1);
        bi.set(v, m);
      }
    }
  }
  const vocab = [...uni.keys()];
  const p1 = new Map<string, number>();
  for (const w of vocab) p1.set(w, ((uni.get(w) ?? 0) + 0.5) / (total + 0.5 * vocab.length));
  const p2 = new Map<string, Map<string, number>>();
  const contexts = ['<s>', ...vocab.filter((w) => w !== '</s>')];
  const backoff = new Map<string, number>();
  for (const v of contexts) {
    const follow = bi.get(v);
    if (!follow) continue;
    let cv = 0;
    for (const c of follow.values()) cv += c;
    let massSeen = 0;
    let p1Seen = 0;
    const m = new Map<string, number>();
    for (const [w, c] of follow) {
      const p = (c - DISCOUNT) / cv;
      massSeen += p;
      p1Seen += p1.get(w) ?? 0;
      m.set(w, p);
    }
    p2.set(v, m);
    const alpha = p1Seen < 1 ? (1 - massSeen) / (1 - p1Seen) : 1e-6;
    backoff.set(v, Math.max(alpha, 1e-6));
  }
  return { vocab, p1, p2, backoff };
}

/** ARPA text LM: unigrams (add-0.5) and discounted bigrams over <s> sentence </s>. */
export function toArpa(spec: BiasSpec): string {
  const { vocab, p1, p2, backoff } = bigram(spec);
  const lg = (p: number): string => Math.log10(p).toFixed(6);
  const uniLines: string[] = [];
  const biLines: string[] = [];
  for (const [v, m] of p2) for (const [w, p] of m) biLines.push(`${lg(p)} ${v} ${w}`);
  uniLines.push(`-99.000000 <s> ${lg(backoff.get('<s>') ?? 1)}`);
  for (const w of vocab) {
    const bo = backoff.get(w);
    uniLines.push(`${lg(p1.get(w) ?? 1e-6)} ${w}${bo !== undefined && w !== '</s>' ? ' ' + lg(bo) : ''}`);
  }
  return [
    '\\data\\',
    `ngram 1=${uniLines.length}`,
    `ngram 2=${biLines.length}`,
    '',
    '\\1-grams:',
    ...uniLines,
    '',
    '\\2-grams:',
    ...biLines,
    '',
    '\\end\\',
    '',
  ].join('\n');
}

/**
 * The same back-off bigram as a Sphinx FSG: state 0 = <s>, 1 = final, 2 = back-off state,
 * 3.. = "just said word w". Seen bigrams are direct arcs; every context has a null arc with
 * its back-off weight to state 2, which emits any word with its unigram probability.
 */
export function toFsg(spec: BiasSpec): string {
  const { vocab, p1, p2, backoff } = bigram(spec);
  const words = vocab.filter((w) => w !== '</s>');
  const stateOf = new Map<string, number>([['<s>', 0]]);
  words.forEach((w, i) => stateOf.set(w, 3 + i));
  const lines: string[] = [];
  const arc = (from: number, to: number, p: number, word?: string): void => {
    lines.push(
      `TRANSITION ${from} ${to} ${Math.min(1, Math.max(1e-9, p)).toExponential(6)}${word ? ' ' + word : ''}`,
    );
  };
  for (const [v, m] of p2) {
    const from = stateOf.get(v) ?? 0;
    for (const [w, p] of m) {
      if (w === '</s>') arc(from, 1, p);
      else arc(from, stateOf.get(w) ?? 2, p, w);
    }
  }
  for (const v of ['<s>', ...words]) arc(stateOf.get(v) ?? 0, 2, Math.min(1, backoff.get(v) ?? 1));
  for (const w of words) arc(2, stateOf.get(w) ?? 2, p1.get(w) ?? 1e-6, w);
  arc(2, 1, p1.get('</s>') ?? 1e-6);
  return [
    `FSG_BEGIN ${spec.name}`,
    `NUM_STATES ${3 + words.length}`,
    'START_STATE 0',
    'FINAL_STATE 1',
    ...lines,
    'FSG_END',
    '',
  ].join('\n');
}
