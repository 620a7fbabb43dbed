/**
 * The knowledge suite's data model: caller questions to businesses whose information exists
 * only in uploaded documents, each with a checkable spec of the answer. Written from the
 * caller's side, independent of how the engine answers (see scorer.ts for how a reply is judged).
 */

export const businessKeys = [
  'vet',
  'plumber',
  'bistro',
  'physio',
  'dental',
  'garage',
  'salon',
  'gym',
  'kennel',
  'bnb',
  'driving',
  'bikes',
  'accounts',
  'optician',
  'nursery',
  'removals',
  'florist',
  'pest',
  'repairs',
  'cleaners',
  'storage',
  'swim',
  'valet',
] as const;
export type BusinessKey = (typeof businessKeys)[number];

export const questionTypes = ['price', 'when', 'who', 'where', 'yes-no', 'how', 'other'] as const;
export type QuestionType = (typeof questionTypes)[number];

/**
 * One fact an answer must (or must not) carry. Matching is tolerant (scorer.ts): case,
 * punctuation, spoken numbers ("three hundred fifty" = 350), 12/24 h times ("7 pm", "19:00",
 * "seven in the evening"), and a word's endings ("vaccination" matches "vaccinations").
 */
export type Fact =
  /** A word or phrase, matched at word starts after normalisation. */
  | { kind: 'text'; text: string }
  /** Any one of these phrases. */
  | { kind: 'any'; texts: string[] }
  /** A number (amount, count, percentage), in digits or words. */
  | { kind: 'num'; value: number }
  /** A clock time, 24 h "HH:MM"; "7 pm", "7:00 p.m.", "seven", "19:00" all match 19:00. */
  | { kind: 'time'; hhmm: string }
  /** A phone number: its digits in order, written or spoken ("five five five, zero one ..."). */
  | { kind: 'phone'; digits: string };

export const text = (t: string): Fact => ({ kind: 'text', text: t });
export const any = (...texts: string[]): Fact => ({ kind: 'any', texts });
export const num = (value: number): Fact => ({ kind: 'num', value });
export const time = (hhmm: string): Fact => ({ kind: 'time', hhmm });
export const phone = (p: string): Fact => ({ kind: 'phone', digits: p.replace(/\D/g, '') });
/** "no" said any usual way: for yes/no questions whose answer is no. */
export const saysNo = any('no', 'not', "n't", 'unfortunately', 'only');
/** "yes" said any usual way. */
export const saysYes = any(
  'yes',
  'yeah',
  'sure',
  'absolutely',
  'of course',
  'certainly',
  'there is',
  'you can',
  'we do',
  'we can',
  'we are',
  'we have',
  'we offer',
  'we accept',
  'we take',
  'we bill',
  'we work',
  'we install',
  'we service',
  'we serve',
  'we cover',
  'we welcome',
);

/** Which failure class of the issue a question probes (for the report; see issue 21). */
export type FailureClass =
  /** A built-in informational intent (hours, address) that must read the documents. */
  | 'builtin-info'
  /** Words such as "leave", "is there", "message", "hello" that could hijack an intent. */
  | 'hijack'
  /** An urgent situation (often out of hours): emergency instructions, never message-taking. */
  | 'urgent'
  /** A price or fact about an item that is not in the data: honest fallback, no other number. */
  | 'missing-item'
  /** A caller who dialled the wrong business. */
  | 'wrong-number';

export interface SuiteQuestion {
  /** Stable id, e.g. "vet-t07" (t = tune, h = held out). */
  id: string;
  business: BusinessKey;
  /** As a caller would say it (no typos; spoken style). */
  text: string;
  type: QuestionType;
  /** True when the question avoids the document's key words for the asked item/attribute. */
  paraphrase: boolean;
  /** False when the asked item or attribute is not in the documents. */
  answerable: boolean;
  /** Answerable: every fact must appear in the reply. */
  require: Fact[];
  /** No fact may appear (other items' prices, wrong people, message-taking on urgent ones). */
  forbid: Fact[];
  /** Urgent questions: offering to take a message instead of the emergency path is wrong. */
  noMessageTaking?: boolean;
  /**
   * Price questions: amounts besides the required ones that belong to the asked item (e.g. the
   * three-course price of the set lunch menu); any other amount in the reply is invented.
   */
  alsoOk?: number[];
  class?: FailureClass;
}

export interface SuiteBusiness {
  key: BusinessKey;
  name: string;
  trade: string;
  /** The one uploaded document, under documents/. */
  file: string;
  /** The multipart content type the upload sends. */
  contentType: string;
  /** The POST /agents body: a name and a greeting only. Nothing in the facts form. */
  agent: { name: string; greeting: string };
}

/** Shorthand for the data files: id, business, type, paraphrase, answerable, text, require, forbid. */
export function q(
  id: string,
  business: BusinessKey,
  type: QuestionType,
  paraphrase: boolean,
  answerable: boolean,
  text: string,
  require: Fact[],
  forbid: Fact[] = [],
  extra: Pick<SuiteQuestion, 'noMessageTaking' | 'class' | 'alsoOk'> = {},
): SuiteQuestion {
  return { id, business, text, type, paraphrase, answerable, require, forbid, ...extra };
}
