import { contentTokens, splitSentences, stopWords, tokens } from './text.js';

/**
 * Grounding: every number an answer states (price, time, count, phone number) must appear in
 * the business's own data, and a passage is read by its best sentences, not whole. Used to
 * accept or reject LLM output and to pick what to say from knowledge passages.
 */

const numberWords: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
};

const canonDecimal = (s: string): string => {
  const t = s.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  return t.includes('.') ? t.replace(/\.?0+$/, '') || '0' : t;
};

/** Canonical numeric facts of a text: "17:30", "12.5", "5551234", "20". */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  let s = ` ${text.toLowerCase()} `;
  s = s.replace(/\bnoon\b/g, ' 12:00 ').replace(/\bmidnight\b/g, ' 00:00 ');
  // 12 h times with am/pm, then bare 24 h times.
  s = s.replace(
    /\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\b\.?/g,
    (_m, h: string, mm: string | undefined, ap: string) => {
      let hh = Number(h) % 12;
      if (ap === 'p') hh += 12;
      out.push(`${String(hh).padStart(2, '0')}:${mm ?? '00'}`);
      return ' ';
    },
  );
  s = s.replace(/\b(\d{1,2}):(\d{2})\b/g, (_m, h: string, mm: string) => {
    out.push(`${h.padStart(2, '0')}:${mm}`);
    return ' ';
  });
  // Prices keep their currency: "$5" is not grounded by "5 km".
  s = s.replace(/[$€£]\s?(\d[\d,]*(?:\.\d+)?)/g, (_m, v: string) => {
    out.push(`$${canonDecimal(v.replace(/,$/, ''))}`);
    return ' ';
  });
  s = s.replace(
    /\b(\d[\d,]*(?:\.\d+)?)\s?(?:dollars?|euros?|pounds?|bucks)\b(?:\s(\d{1,2})\b)?/g,
    (_m, v: string, c?: string) => {
      out.push(`$${canonDecimal(c ? `${v}.${c.padStart(2, '0')}` : v)}`);
      return ' ';
    },
  );
  // Phone-like digit groups: 7+ digits joined by spaces, dashes, dots or brackets.
  s = s.replace(/\+?\(?\d[\d\s().-]{5,}\d/g, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length >= 7 && /[\s().-]/.test(m.trim()) && !/^\d+\.\d+$/.test(m.trim())) {
      out.push(digits);
      return ' ';
    }
    return m;
  });
  for (const m of s.matchAll(/\d[\d,]*(?:\.\d+)?/g)) out.push(canonDecimal(m[0].replace(/,$/, '')));
  for (const w of tokens(s)) {
    const n = numberWords[w];
    if (n !== undefined) out.push(String(n));
  }
  return out;
}

export function groundingSet(texts: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const t of texts) for (const n of numbersIn(t)) set.add(n);
  return set;
}

/** Numbers in `answer` that the grounding context does not contain. */
export function ungroundedNumbers(answer: string, grounded: ReadonlySet<string>): string[] {
  return numbersIn(answer).filter((n) => !grounded.has(n));
}

const priceQuestion = /\b(how much|price|cost|costs|charge|fee|fees|expensive|cheap)\b/;
const timeQuestion = /\b(when|what time|how long|hours|open|close)\b/;

/**
 * Stemmed words too generic to identify what a question is about ("how much does X cost":
 * only X counts). Matching only these is not an answer.
 */
export const genericWords: ReadonlySet<string> = new Set(
  'cost price charge fee much long take time need offer available make get give doe want know ask question good best often there place way people thing kind sort find help happen each'.split(
    ' ',
  ),
);

export const specificWords = (words: readonly string[]): string[] =>
  words.filter((w) => !genericWords.has(w));

/** Share of the query's content words (IDF-free) found in the text, 0..1. */
export function coverage(queryWords: readonly string[], text: string): number {
  if (queryWords.length === 0) return 0;
  const words = new Set(contentTokens(text));
  let hit = 0;
  for (const w of queryWords) {
    if (words.has(w)) hit++;
    else if (w.length >= 5 && [...words].some((x) => x.length >= 5 && (x.startsWith(w) || w.startsWith(x))))
      hit += 0.8;
  }
  return hit / queryWords.length;
}

export interface ScoredSentence {
  text: string;
  score: number;
  index: number;
}

/**
 * The sentences of a passage that answer the query best: content-word coverage, plus a bonus
 * when the query asks for a price and the sentence has one (same for times). Returns at most
 * `max` sentences, in passage order.
 */
export function bestSentences(query: string, passage: string, max = 2): ScoredSentence[] {
  const q = query.toLowerCase();
  const all = [...new Set(contentTokens(query))];
  const specific = specificWords(all);
  const qWords = specific.length ? specific : all;
  const sentences = splitSentences(passage).filter((s) => s.length > 2);
  const scored = sentences.map((text, index) => {
    let score = coverage(qWords, text);
    if (priceQuestion.test(q) && /[$€£]\s?\d|\b\d+(\.\d+)?\s?(dollars|euros|pounds)\b/i.test(text))
      score += 0.35;
    if (timeQuestion.test(q) && /\b\d{1,2}(:\d{2})?\s?(am|pm)\b|\b\d{1,2}:\d{2}\b/i.test(text)) score += 0.2;
    if (/\bhow long\b/.test(q) && /\b\d+\s?(minutes?|hours?|days?|weeks?|months?)\b/i.test(text))
      score += 0.3;
    return { text, score, index };
  });
  const top = scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, max);
  // A second sentence is only worth saying if it is nearly as relevant as the first.
  const first = top[0];
  const kept = first ? top.filter((s) => s === first || s.score >= first.score * 0.75) : [];
  return kept.sort((a, b) => a.index - b.index);
}

/** Words of a text that could name its topic (for "how much is that?" follow-ups). */
export function topicWords(text: string): string[] {
  return tokens(text).filter(
    (w) => !stopWords.has(w) && w.length > 2 && !/^\d/.test(w) && !priceQuestion.test(w),
  );
}
