/**
 * Judges an agent's reply against a question's spec, as a caller would: did I hear the fact I
 * asked for, did I hear a number or name that is not the one I asked for, and when the business
 * does not have the answer, was I told so and offered a message or a person?
 *
 * Verdicts:
 *  - correct          every required fact is there, nothing forbidden, no number foreign to the data
 *  - invented-fact    a forbidden fact (another item's price, another person), or a number that
 *                     occurs neither in the business's documents nor in the question, or (for an
 *                     unanswerable question) any money amount at all
 *  - honest-fallback  "I don't have that" plus an offer of a message or a person (text or action)
 *  - wrong            anything else (a required fact missing, an unrelated answer, message-taking
 *                     offered for an urgent situation)
 * A reply is right when it is `correct` for an answerable question and `honest-fallback` for an
 * unanswerable one.
 *
 * Matching is tolerant of how a reply is spoken or transcribed (normalise()): case and
 * punctuation; number words ("three hundred and fifty" = 350, "eight fifty" = 8 and 50,
 * "twelve point five" = 12.5, "eight pounds fifty" = 8.5); times in 12 h or 24 h form ("7 pm",
 * "7:00 p.m.", "seven in the evening", "19:00", "noon"; a bare "seven" matches 07:00 and 19:00);
 * phone numbers as digit strings or spoken digit by digit; a phrase matches at word starts, so
 * "vaccination" matches "vaccinations".
 */
import type { Fact, SuiteQuestion } from './spec.js';

export const verdicts = ['correct', 'wrong', 'invented-fact', 'honest-fallback'] as const;
export type Verdict = (typeof verdicts)[number];

export interface AgentReply {
  text: string;
  /** Actions the chat route returned (take_message, transfer, end_call). */
  actions?: readonly string[];
}

export interface Judgement {
  verdict: Verdict;
  /** correct for answerable questions, honest-fallback for unanswerable ones. */
  ok: boolean;
  missing: Fact[];
  forbidden: Fact[];
  /** Integers > 12 in the reply found neither in the data nor in the question. */
  invented: number[];
  /** The reply says it does not have the information. */
  notKnowing: boolean;
  /** The reply offers a message, a call back or a person (in its text or as an action). */
  offer: boolean;
  /** The reply (or its actions) starts message-taking. */
  messageTaking: boolean;
  reason: string;
}

// ------------------------------------------------------------ normalisation

const units: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
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
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const scales: Record<string, number> = { hundred: 100, thousand: 1000 };

/**
 * Number words to digits, token by token. A number ends where the next word cannot extend it:
 * "eight thirty" is 8 and 30 (as said of times and prices), "twenty four hundred" is 2400,
 * "three hundred and fifty" is 350, "a hundred" is 100, "twelve point five" is 12.5. "oh" is a
 * digit only between other digits ("five oh one").
 */
function wordsToDigits(tokens: string[]): string[] {
  const out: string[] = [];
  let cur: number | undefined; // the number being read
  let total = 0; // thousands already complete
  let last: 'unit' | 'teen' | 'ten' | 'scale' | undefined;
  const flush = (): void => {
    if (cur !== undefined || last !== undefined) out.push(String(total + (cur ?? 0)));
    cur = undefined;
    total = 0;
    last = undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!;
    const next = tokens[i + 1];
    if (w === 'oh' && !(last !== undefined && next !== undefined && (next in units || /^\d/.test(next)))) {
      flush();
      out.push(w);
      continue;
    }
    if (w === 'a' && next !== undefined && next in scales && last === undefined) {
      cur = 1;
      last = 'unit';
      continue;
    }
    if (w in units) {
      const v = units[w]!;
      if (last === 'ten' && v < 10 && cur !== undefined) {
        cur += v;
        last = 'unit';
      } else if (last === 'scale' && cur !== undefined) {
        cur += v;
        last = v < 10 ? 'unit' : 'teen';
      } else {
        flush();
        cur = v;
        last = v < 10 ? 'unit' : 'teen';
      }
      continue;
    }
    if (w in tens) {
      if (last === 'scale' && cur !== undefined) cur += tens[w]!;
      else {
        flush();
        cur = tens[w]!;
      }
      last = 'ten';
      continue;
    }
    if (w in scales && cur !== undefined) {
      if (w === 'thousand') {
        total += cur * 1000;
        cur = 0;
      } else cur *= 100;
      last = 'scale';
      continue;
    }
    if (w === 'and' && last === 'scale' && next !== undefined && (next in units || next in tens)) continue;
    if (w === 'point' && cur !== undefined && next !== undefined && next in units) {
      const n = total + cur;
      cur = undefined;
      total = 0;
      last = undefined;
      const digits: string[] = [];
      while (tokens[i + 1] !== undefined && tokens[i + 1]! in units && units[tokens[i + 1]!]! < 10) {
        digits.push(String(units[tokens[i + 1]!]));
        i++;
      }
      out.push(`${n}.${digits.join('')}`);
      continue;
    }
    flush();
    out.push(w);
  }
  flush();
  return out;
}

/**
 * Lower case, contractions spelt out, "a.m." as "am", "%" as "percent", currency symbols as
 * words, thousands separators dropped, number words as digits; times keep "7:30" / "7.30";
 * everything else that is not a letter, digit, ':' or '.' between digits becomes a space.
 */
export function normalise(s: string): string {
  let t = s
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/'re\b/g, ' are')
    .replace(/'m\b/g, ' am')
    .replace(/'ll\b/g, ' will')
    .replace(/\b([ap])\.\s?m\.?(?=\W|$)/g, '$1m')
    .replace(/(\d)([ap]m)\b/g, '$1 $2')
    .replace(/&/g, ' and ')
    .replace(/%/g, ' percent ')
    .replace(/[$]\s?(\d[\d,]*(?:\.\d+)?)/g, '$1 dollars')
    .replace(/£\s?(\d[\d,]*(?:\.\d+)?)/g, '$1 pounds')
    .replace(/€\s?(\d[\d,]*(?:\.\d+)?)/g, '$1 euros')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/(\d)[:.](\d)/g, '$1zzdotzz$2') // keep 7:30, 8.50 through the clean-up
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/zzdotzz/g, '.')
    .trim();
  // "7.30" (a time) and "8.50" (an amount) look alike here: timesIn() and numbersIn() each
  // read this same form their own way.
  t = wordsToDigits(t.split(/\s+/).filter(Boolean)).join(' ');
  return t;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase at word starts of the normalised text. */
function hasPhrase(norm: string, phrase: string): boolean {
  const p = normalise(phrase);
  if (!p) return false;
  // Short words match whole ("no" is not "not" or "noon"); longer ones may take an ending.
  return new RegExp(`(^| )${escapeRe(p)}${p.length < 4 ? '(?= |$)' : ''}`).test(norm);
}

/** Every amount in the normalised text: 8.50 is 8.5, "8 pounds 50" also 8.5. */
export function numbersIn(norm: string): number[] {
  const out: number[] = [];
  for (const m of norm.matchAll(/(?:^| )(\d+(?:\.\d+)?)(?= |$)/g)) out.push(Number(m[1]));
  for (const m of norm.matchAll(/(?:^| )(\d+) (?:pounds?|dollars?|euros?|and) (\d{2})(?= |$)/g))
    out.push(Number(m[1]) + Number(m[2]) / 100);
  return out;
}

/** Integers of the normalised text, "7.30" and "8.50" split in two: for the invented-number check. */
function integersIn(norm: string): number[] {
  return [...norm.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/** Every clock time the normalised text may mean, as minutes after midnight. */
export function timesIn(norm: string): Set<number> {
  const out = new Set<number>();
  if (/\b(noon|midday)\b/.test(norm)) out.add(12 * 60);
  if (/\bmidnight\b/.test(norm)) out.add(0);
  for (const m of norm.matchAll(/\bhalf past (\d{1,2})\b/g)) {
    const h = Number(m[1]);
    out.add(h * 60 + 30).add(((h + 12) % 24) * 60 + 30);
  }
  const re =
    /(?:^| )(\d{1,2})(?:\.(\d{2})| (\d{2})(?= |$))?(?: (am|pm|in the morning|in the afternoon|in the evening|at night|o clock))?(?= |$)/g;
  for (const m of norm.matchAll(re)) {
    const h = Number(m[1]);
    const mm = Number(m[2] ?? m[3] ?? 0);
    if (h > 24 || mm > 59) continue;
    const suffix = m[4] ?? '';
    if (suffix === 'am' || suffix === 'in the morning') out.add((h % 12) * 60 + mm);
    else if (/pm|afternoon|evening|night/.test(suffix)) out.add(((h % 12) + 12) * 60 + mm);
    else {
      out.add((h % 24) * 60 + mm);
      if (h < 12) out.add((h + 12) * 60 + mm);
      if (h === 12) out.add(mm); // "12" alone may be noon or midnight
    }
  }
  return out;
}

/** All digits of the text in order, spoken digits included: phone numbers are substrings. */
function digitStream(norm: string): string {
  return norm.replace(/[^0-9]/g, '');
}

export function hasFact(norm: string, f: Fact): boolean {
  switch (f.kind) {
    case 'text':
      return hasPhrase(norm, f.text);
    case 'any':
      return f.texts.some((x) => hasPhrase(norm, x));
    case 'num':
      return numbersIn(norm).some((n) => Math.abs(n - f.value) < 1e-9);
    case 'time': {
      const [h, m] = f.hhmm.split(':').map(Number);
      return timesIn(norm).has((h ?? 0) * 60 + (m ?? 0));
    }
    case 'phone':
      return digitStream(norm).includes(f.digits);
  }
}

// ------------------------------------------------------------ fallback, offers, message-taking

/** "I don't have that": about information, so that "we do not have parking" is not a fallback. */
const notKnowingRe = new RegExp(
  [
    '\\b(do|does|did) not (have|hold) (that|this|it|any|information|details|the (information|details|price|answer|exact)|a price|pricing|prices)\\b',
    '\\bto hand\\b',
    '\\b(do|does) not know\\b',
    '\\bnot sure\\b',
    '\\bno (information|details|record|data|mention|price)\\b',
    '\\bnot (in|part of) (my|our) (information|records|data|notes|documents)\\b',
    '\\b(can|could) not (find|say|tell|confirm|answer|help with)\\b',
    '\\bcannot (find|say|tell|confirm|answer)\\b',
    '\\bunable to (find|say|tell|confirm|answer|help)\\b',
    '\\bnot able to (find|say|tell|confirm|answer)\\b',
    '\\bafraid i (do not|can not|cannot)\\b',
    '\\bnot something i\\b',
    '\\bi am not certain\\b',
    '\\bnothing (about|on) (that|this)\\b',
  ].join('|'),
);
/** A canned fallback about another topic ("I don't have our address to hand"): not an answer to a price. */
const otherTopicRe = /\bour (address|opening hours|hours|phone number|location)\b/;
const offerRe =
  /\b(message|call you back|callback|call back|colleague|someone|somebody|a person|member of (our|the) (team|staff)|our team|the team|staff|transfer|put you through|connect you|check with|get back to you)\b/;
const messageTakingRe =
  /\b(leave (a|us a|me a) message|take (a|your) message|take your (name|details|number)|your name and (phone )?number|can i (get|take) your name)\b/;

/** The numbers of a business's documents (and their 12/24 h twins) for the invented-number check. */
export function dataNumbers(documentText: string): Set<number> {
  const out = new Set<number>();
  for (const n of integersIn(normalise(documentText))) {
    out.add(n);
    if (n <= 24) out.add(n + 12).add(n - 12);
  }
  return out;
}

/** Money amounts: digits with a currency word (symbols were made words by normalise()). */
function moneyIn(norm: string): number[] {
  const out: number[] = [];
  for (const m of norm.matchAll(
    /(?:^| )(\d+(?:\.\d+)?) (?:dollars?|pounds?|euros?|bucks|quid)(?: (?:and )?(\d{2})(?: cents| pence| p)?(?= |$))?/g,
  ))
    out.push(Number(m[1]) + (m[2] && !m[1]!.includes('.') ? Number(m[2]) / 100 : 0));
  return out;
}

export function judge(
  q: SuiteQuestion,
  reply: AgentReply,
  ctx: { dataNumbers: ReadonlySet<number> },
): Judgement {
  const norm = normalise(reply.text);
  const actions = reply.actions ?? [];
  const notKnowing = notKnowingRe.test(norm);
  // A fact the question itself names counts only in a reply that does not say "I don't have
  // that" ("I don't have information about Visa" does not answer "Do you take Visa?").
  const qNorm = normalise(q.text);
  const missing = q.answerable
    ? q.require.filter((f) => !hasFact(norm, f) || (notKnowing && hasFact(qNorm, f)))
    : [];
  const forbidden = q.forbid.filter((f) => hasFact(norm, f));
  const asked = new Set(integersIn(qNorm));
  const invented = [...new Set(integersIn(norm))].filter(
    (n) => n > 12 && !ctx.dataNumbers.has(n) && !asked.has(n),
  );
  const offer = offerRe.test(norm) || actions.includes('take_message') || actions.includes('transfer');
  const messageTaking = messageTakingRe.test(norm) || actions.includes('take_message');
  const amounts = moneyIn(norm);
  // Unanswerable: any amount is an invented price. Price questions: an amount other than the
  // asked one(s) is "a number other than the one asked" (issue 21), however true of another item.
  const wanted = q.answerable
    ? [...q.require.flatMap((f) => (f.kind === 'num' ? [f.value] : [])), ...(q.alsoOk ?? [])]
    : [];
  const extraAmounts =
    !q.answerable || q.type === 'price'
      ? [...new Set(amounts.filter((a) => !wanted.some((w) => Math.abs(w - a) < 1e-9)))]
      : [];
  // A canned fallback about another topic does not answer this question honestly.
  const offTopic =
    otherTopicRe.test(norm) && q.type !== 'where' && q.type !== 'when' && q.class !== 'builtin-info';
  const fallback = notKnowing && offer && !offTopic;
  const base = { missing, forbidden, invented, notKnowing, offer, messageTaking };

  let verdict: Verdict;
  let reason: string;
  if (forbidden.length || invented.length || extraAmounts.length) {
    verdict = 'invented-fact';
    reason = [
      forbidden.length ? `forbidden ${forbidden.map(describeFact).join(', ')}` : '',
      invented.length ? `numbers not in the data ${invented.join(', ')}` : '',
      extraAmounts.length
        ? q.answerable
          ? `amounts other than the asked one (${extraAmounts.join(', ')})`
          : `a price (${extraAmounts.join(', ')}) for an item that is not in the data`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
  } else if (q.noMessageTaking && messageTaking && missing.length > 0) {
    // An urgent situation answered with message-taking instead of the emergency path.
    verdict = 'wrong';
    reason = `offered to take a message instead of the emergency path (missing ${missing.map(describeFact).join(', ')})`;
  } else if (fallback && !q.noMessageTaking) {
    // "I don't have that" is not an answer, even when a word of it matches a required fact.
    verdict = 'honest-fallback';
    reason = q.answerable ? 'fell back although the data has it' : 'honest fallback';
  } else if (q.answerable && missing.length === 0) {
    verdict = 'correct';
    reason = 'all required facts';
  } else {
    verdict = 'wrong';
    reason = q.answerable
      ? `missing ${missing.map(describeFact).join(', ')}`
      : offTopic
        ? 'a fallback about another topic'
        : notKnowing
          ? 'said it does not know but offered no message or person'
          : 'no honest fallback for an item that is not in the data';
  }
  const ok = q.answerable ? verdict === 'correct' : verdict === 'honest-fallback';
  return { verdict, ok, reason, ...base };
}

export function describeFact(f: Fact): string {
  switch (f.kind) {
    case 'text':
      return `"${f.text}"`;
    case 'any':
      return f.texts.map((x) => `"${x}"`).join('|');
    case 'num':
      return String(f.value);
    case 'time':
      return f.hhmm;
    case 'phone':
      return `tel ${f.digits}`;
  }
}
