/**
 * Per-agent n-gram language model for pocketsphinx, built from the agent's own text (documents,
 * FAQs, intent examples) plus generic caller question patterns, written as an ARPA trigram.
 * It is never used alone: the helper interpolates it with the general en-us LM
 * (P = (1 - w) P_general + w P_agent, see ps_helper LMSET), so words the agent never mentions
 * still decode while the business's terms and phrasing get a boost.
 *
 * Estimation: interpolated absolute discounting (one discount per order, D = n1 / (n1 + 2 n2)
 * clamped to [0.3, 0.9]), converted to back-off form so that the ARPA file is exactly the
 * interpolated model. Small corpora (a few hundred sentences) build in milliseconds.
 */
import { createHash } from 'node:crypto';
import { normalizeWords } from './text.js';

/**
 * What callers say to any small business, whatever its trade. These give the agent model the
 * question scaffolding ("do you have", "how much is") that documents, written as statements, lack.
 */
export const CALLER_PATTERNS: readonly string[] = [
  'hello',
  'hi',
  'yes',
  'no',
  'yes please',
  'no thank you',
  'thank you',
  'thanks bye',
  'okay',
  'goodbye',
  'what time do you open',
  'what time do you close',
  'when are you open',
  'are you open today',
  'are you open on saturday',
  'are you open on sunday',
  'what are your opening hours',
  'what are your hours',
  'how much is it',
  'how much does it cost',
  'how much do you charge for',
  'what is the price of',
  'what does it cost',
  'do you have',
  'do you sell',
  'do you do',
  'do you offer',
  'do you take',
  'do you accept',
  'can i book',
  'can i book an appointment',
  'i would like to book an appointment',
  'i want to make an appointment',
  'can i make a reservation',
  'can i cancel my appointment',
  'i need to cancel',
  'i need to reschedule',
  'can i change my booking',
  'where are you',
  'where are you located',
  'what is your address',
  'how do i get there',
  'is there parking',
  'is there anyone',
  'can i speak to someone',
  'can i talk to a person',
  'can you put me through to',
  'i would like to speak to',
  'can i leave a message',
  'please call me back',
  'my name is',
  'my number is',
  'my phone number is',
  'what is your phone number',
  'what is your email',
  'do you deliver',
  'how long does it take',
  'how long will it take',
  'is it urgent',
  'it is an emergency',
  'i have a question about',
  'i have a problem with',
  'can you help me',
  'can you tell me',
  'could you tell me about',
  'tell me about',
  'what kind of',
  'what types of',
  'which',
  'who is',
  'is it possible to',
  'do i need',
  'do i need an appointment',
  'do you have any availability',
  'is there a discount',
  'do you have payment plans',
  'can i pay by card',
  'can i pay in cash',
  'what payment methods do you accept',
  'what is your cancellation policy',
  'what is your refund policy',
  'do you work on weekends',
  'one two three four five six seven eight nine zero',
];

export interface AgentLm {
  /** Stable name: hash of the ARPA text (same corpus, same model, same cache entry). */
  readonly name: string;
  readonly arpa: string;
  /** Distinct words of the model (without <s>, </s>). */
  readonly words: readonly string[];
  readonly sentences: number;
}

/** Splits free text (documents, answers) into normalised word sentences. */
export function corpusSentences(texts: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const t of texts) {
    if (typeof t !== 'string') continue;
    // Sentence and clause boundaries; bullet lines and headings are their own sentences.
    for (const piece of t.split(/[.?!;:\n\r•|]+(?:\s+|$)|\n/)) {
      const words = normalizeWords(piece);
      if (words.length > 0 && words.length <= 60) out.push(words);
    }
  }
  return out;
}

type Counts = Map<string, Map<string, number>>; // history (space-joined) -> word -> count

function discount(countsOfCounts: Map<number, number>): number {
  const n1 = countsOfCounts.get(1) ?? 0;
  const n2 = countsOfCounts.get(2) ?? 0;
  const d = n1 + 2 * n2 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
  return Math.min(0.9, Math.max(0.3, d));
}

/**
 * A back-off trigram (ARPA text) over the sentences. `<s>` starts and `</s>` ends each.
 * Probabilities are normalised per history (tested: they sum to 1).
 */
export function buildArpa(sentences: readonly (readonly string[])[], order: 2 | 3 = 3): AgentLm {
  const counts: Counts[] = [new Map(), new Map(), new Map()];
  const uni = new Map<string, number>();
  let tokens = 0;
  for (const s of sentences) {
    const toks = ['<s>', ...s, '</s>'];
    for (let i = 1; i < toks.length; i++) {
      const w = toks[i] ?? '';
      uni.set(w, (uni.get(w) ?? 0) + 1);
      tokens++;
      for (let n = 2; n <= order; n++) {
        if (i - n + 1 < 0) continue;
        const h = toks.slice(i - n + 1, i).join(' ');
        const table = counts[n - 1] as Counts;
        const m = table.get(h) ?? new Map<string, number>();
        m.set(w, (m.get(w) ?? 0) + 1);
        table.set(h, m);
      }
    }
  }
  const vocab = [...uni.keys()].sort();
  // Unigrams: add-0.5 smoothing so every vocabulary word keeps some mass.
  const p1 = new Map<string, number>();
  for (const w of vocab) p1.set(w, ((uni.get(w) ?? 0) + 0.5) / (tokens + 0.5 * vocab.length));

  // prob[n][history][word] for the stored n-grams (full interpolated probability).
  const probs: Array<Map<string, Map<string, number>>> = [new Map(), new Map(), new Map()];
  const bows: Array<Map<string, number>> = [new Map(), new Map(), new Map()];
  const lower = (n: number, h: string[], w: string): number => {
    // P_{n}(w | h) where h has n-1 words, falling back through stored values and back-offs.
    if (n === 1) return p1.get(w) ?? 0;
    const key = h.join(' ');
    const stored = probs[n - 1]?.get(key)?.get(w);
    if (stored !== undefined) return stored;
    const bow = bows[n - 1]?.get(key) ?? 1;
    return bow * lower(n - 1, h.slice(1), w);
  };
  for (let n = 2; n <= order; n++) {
    const table = counts[n - 1] as Counts;
    const coc = new Map<number, number>();
    for (const m of table.values()) for (const c of m.values()) coc.set(c, (coc.get(c) ?? 0) + 1);
    const d = discount(coc);
    const histories = [...table.keys()].sort();
    for (const key of histories) {
      const m = table.get(key) ?? new Map<string, number>();
      const h = key.split(' ');
      let total = 0;
      for (const c of m.values()) total += c;
      const alpha = (d * m.size) / total; // mass left for the lower order
      const pm = new Map<string, number>();
      let seenP = 0;
      let seenLower = 0;
      for (const [w, c] of m) {
        const pl = lower(n - 1, h.slice(1), w);
        const p = (c - d) / total + alpha * pl;
        pm.set(w, p);
        seenP += p;
        seenLower += pl;
      }
      probs[n - 1]?.set(key, pm);
      // Back-off weight for words not seen after this history: the left-over mass spread over
      // the lower-order distribution of the unseen words.
      const bow = seenLower < 1 - 1e-9 ? Math.max(1e-9, (1 - seenP) / (1 - seenLower)) : 1e-9;
      bows[n - 1]?.set(key, bow);
    }
  }

  const lg = (p: number): string => Math.log10(Math.max(p, 1e-99)).toFixed(6);
  const sections: string[][] = [[], [], []];
  const s1 = sections[0] as string[];
  const bo = (n: number, key: string): string => {
    const b = bows[n]?.get(key);
    return b !== undefined ? ` ${lg(b)}` : '';
  };
  s1.push(`-99.000000 <s>${bo(1, '<s>')}`);
  for (const w of vocab) s1.push(`${lg(p1.get(w) ?? 0)} ${w}${w === '</s>' ? '' : bo(1, w)}`);
  for (let n = 2; n <= order; n++) {
    const out = sections[n - 1] as string[];
    for (const [key, pm] of probs[n - 1] ?? new Map<string, Map<string, number>>()) {
      for (const [w, p] of pm) {
        const gram = `${key} ${w}`;
        out.push(`${lg(p)} ${gram}${n < order && w !== '</s>' ? bo(n, gram) : ''}`);
      }
    }
  }
  const lines = ['\\data\\'];
  for (let n = 1; n <= order; n++) lines.push(`ngram ${n}=${(sections[n - 1] as string[]).length}`);
  for (let n = 1; n <= order; n++) lines.push('', `\\${n}-grams:`, ...(sections[n - 1] as string[]));
  lines.push('', '\\end\\', '');
  const arpa = lines.join('\n');
  const name = 'i' + createHash('sha1').update(arpa).digest('hex').slice(0, 16);
  return {
    name,
    arpa,
    words: vocab.filter((w) => w !== '</s>'),
    sentences: sentences.length,
  };
}

/**
 * The agent model from the agent's texts: each text is split into sentences; the caller patterns
 * are always added. `drop` removes words the decoder cannot pronounce (the caller passes the
 * dictionary check), splitting the sentence there so no false bigram bridges the gap.
 */
export function agentLm(texts: readonly string[], keep: (word: string) => boolean = () => true): AgentLm {
  const sentences: string[][] = [];
  for (const s of corpusSentences([...texts, ...CALLER_PATTERNS])) {
    let cur: string[] = [];
    for (const w of s) {
      if (keep(w)) cur.push(w);
      else {
        if (cur.length > 0) sentences.push(cur);
        cur = [];
      }
    }
    if (cur.length > 0) sentences.push(cur);
  }
  return buildArpa(sentences, 3);
}
