import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChatEvent, ChatRequest } from '../../models/index.js';
import {
  findDate,
  findNumber,
  patternRegex,
  spokenDigits,
  type ExtractedValue,
  type ExtractionField,
} from './extraction.js';

/**
 * The LLM's part of the post-call extraction fields (issue 19: "filled by slots and rules, and by
 * the LLM when one is configured"). After the rules (extraction.ts), the fields they left empty
 * are asked of the appliance's LLM in one completion (temperature 0, 200 tokens, 8 s), which
 * answers with a JSON object. A value is kept only when it is grounded in the caller's own words
 * (see `grounded`): the LLM may find what the rules' grammar misses ("our puppy Biscuit"), it may
 * never add a value the caller did not say. On a timeout, an error or an answer that is no JSON
 * the rules' values stand and a warning is logged (ids and a reason, no transcript text).
 */

/** What the post-call step needs of an LLM: the models layer's engines (`LlmEngine`) fit. */
export interface PostCallLlm {
  chat(req: ChatRequest): AsyncIterable<ChatEvent>;
}

export type FieldSource = 'rule' | 'llm';

/** The completion's budget, ms: the call is over, but its records wait for this. */
export const postCallLlmBudgetMs = 8000;
const maxTokens = 200;
/** Caller text sent, characters (the start of the call: where callers say who and what). */
const maxCallerChars = 4000;
/** Marks the request (the scripted test server and the LLM's own logs tell it apart by it). */
export const postCallPromptTitle = 'Post-call extraction.';

const kindText: Record<ExtractionField['kind'], string> = {
  text_after_cue: 'text: a few of the caller’s words',
  date: 'date: YYYY-MM-DD',
  number: 'number',
  order_number: 'order number',
};

function prompt(fields: readonly ExtractionField[], callerTexts: readonly string[], callDay: Date): string[] {
  const lines = fields.map((f) => {
    const parts = [`- ${f.name} (${kindText[f.kind]})`];
    if (f.cues.length) parts.push(`usually after ${f.cues.map((c) => JSON.stringify(c)).join(' or ')}`);
    if (f.pattern) parts.push(`shaped like ${f.pattern} (A a letter, 9 a digit)`);
    return parts.join(', ');
  });
  const day = callDay.toISOString().slice(0, 10);
  const weekday = callDay.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
  let budget = maxCallerChars;
  const turns: string[] = [];
  for (const t of callerTexts) {
    if (budget <= 0) break;
    const one = t.replace(/\s+/g, ' ').trim().slice(0, budget);
    budget -= one.length;
    turns.push(`- ${one}`);
  }
  return [
    [
      postCallPromptTitle,
      'Fill in these fields from what the caller said on a call to a business.',
      'Answer with one JSON object and nothing else, with a key for each field: the value in the',
      "caller's own words (a number for a number field, YYYY-MM-DD for a date when you can tell),",
      'or null when the caller did not say it. Never guess or invent a value.',
      `The call was on ${weekday} ${day}.`,
      'Fields:',
      ...lines,
    ].join('\n'),
    `The caller said:\n${turns.join('\n')}`,
  ];
}

const words = (s: string): string =>
  spokenDigits(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const letters = (s: string): string =>
  spokenDigits(s)
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
const trimPunct = (s: string): string =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .trim();

/** Every number the caller said (digits, spoken digit runs, number words up to fifty-nine). */
function numbersIn(text: string): Set<number> {
  const out = new Set<number>();
  const t = spokenDigits(text).toLowerCase();
  for (const m of t.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])/g)) out.add(Number(m[1]));
  for (const m of t.matchAll(
    /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?\b/g,
  )) {
    const n = findNumber(m[0]);
    if (n !== null) out.add(n);
  }
  return out;
}

/** Every date the caller named, clause by clause, as the rules read it (findDate). */
function datesIn(text: string, callDay: Date): Set<string> {
  const out = new Set<string>();
  for (const clause of [text, ...text.split(/[.,;!?]|\b(?:and|or|but|not)\b/i)]) {
    const d = findDate(clause, callDay);
    if (d) out.add(d);
  }
  return out;
}

/**
 * The LLM's value when the caller said it, normalised as the rules would write it; else null.
 * Text and order numbers: its words (letters and digits, spoken digits as digits) appear in one
 * caller turn in that order. Numbers: the caller said that number. Dates: an ISO date is one the
 * caller named (findDate over each clause); words are taken when the caller said them and
 * findDate reads a date from them.
 */
export function grounded(
  f: ExtractionField,
  value: ExtractedValue,
  callerTexts: readonly string[],
  callDay: Date,
): ExtractedValue {
  if (value === null) return null;
  const s = trimPunct(String(value));
  if (!s) return null;
  const said = (v: string): boolean => {
    const w = words(v);
    return Boolean(w) && callerTexts.some((t) => ` ${words(t)} `.includes(` ${w} `));
  };
  switch (f.kind) {
    case 'text_after_cue':
      return typeof value === 'string' && s.split(' ').length <= 8 && said(s) ? s : null;
    case 'number': {
      const n = typeof value === 'number' ? value : findNumber(s);
      return n !== null && Number.isFinite(n) && callerTexts.some((t) => numbersIn(t).has(n)) ? n : null;
    }
    case 'date': {
      if (/^\d{4}-\d{2}-\d{2}$/.test(s))
        return callerTexts.some((t) => datesIn(t, callDay).has(s)) ? s : null;
      return said(s) ? findDate(s, callDay) : null;
    }
    case 'order_number': {
      const v = letters(s);
      if (v.length < 3 || !callerTexts.some((t) => letters(t).includes(v))) return null;
      if (f.pattern && !patternRegex(f.pattern).test(s)) return null;
      return s.replace(/\s/g, '').toUpperCase();
    }
  }
}

const answerSchema = z.record(z.string(), z.unknown());
const valueSchema = z.union([z.string().max(200), z.number().finite(), z.null()]);

/** The JSON object in the completion (models like to wrap it in a code fence), or undefined. */
function answerOf(text: string): Record<string, unknown> | undefined {
  const a = text.indexOf('{');
  const b = text.lastIndexOf('}');
  if (a < 0 || b < a) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(a, b + 1));
  } catch {
    return undefined;
  }
  const p = answerSchema.safeParse(raw);
  return p.success ? p.data : undefined;
}

class Failed extends Error {
  constructor(readonly reason: 'timeout' | 'error' | 'bad-json') {
    super(reason);
  }
}

/** Results kept per conversation: a call's record is built twice (conversation end, call end). */
const keepMs = 10 * 60_000;
const keepMax = 200;

export interface PostCallExtractorDeps {
  /** The LLM when one is configured and loaded (undefined: rules only). */
  llm: () => PostCallLlm | undefined;
  log: Logger;
  budgetMs?: number;
}

/** Fills the fields the rules left empty from one LLM completion, grounded in the caller's words. */
export class PostCallExtractor {
  private readonly recent = new Map<
    string,
    { at: number; result: Promise<Record<string, ExtractedValue>> }
  >();

  constructor(private readonly deps: PostCallExtractorDeps) {}

  /** True when an LLM is there to ask. */
  available(): boolean {
    const llm = this.deps.llm();
    return Boolean(llm && typeof llm.chat === 'function');
  }

  /**
   * The grounded values for `fields` (name -> value; names without a grounded value are left
   * out). Never rejects: failures are logged and give {}.
   */
  fill(q: {
    businessId: string;
    conversationId: string;
    fields: readonly ExtractionField[];
    callerTexts: readonly string[];
    callDay: Date;
  }): Promise<Record<string, ExtractedValue>> {
    const llm = this.deps.llm();
    if (!llm || typeof llm.chat !== 'function' || !q.fields.length || !q.callerTexts.length)
      return Promise.resolve({});
    const key = createHash('sha256')
      .update(JSON.stringify([q.businessId, q.conversationId, q.fields, q.callerTexts]))
      .digest('base64url');
    const now = Date.now();
    for (const [k, v] of this.recent)
      if (now - v.at > keepMs || this.recent.size > keepMax) this.recent.delete(k);
    const hit = this.recent.get(key);
    if (hit) return hit.result;
    const result = this.ask(llm, q).catch((err: unknown) => {
      // Ids and a reason only: the transcript (and the LLM's answer, which quotes it) stays out
      // of the log line (log.ts: PII only in the `pii` field).
      const reason = err instanceof Failed ? err.reason : 'error';
      this.deps.log.warn(
        {
          businessId: q.businessId,
          conversationId: q.conversationId,
          reason,
          ...(err instanceof Failed ? {} : { errName: err instanceof Error ? err.name : typeof err }),
        },
        'post-call LLM extraction failed: the rules’ values are kept',
      );
      return {};
    });
    this.recent.set(key, { at: now, result });
    return result;
  }

  private async ask(
    llm: PostCallLlm,
    q: Parameters<PostCallExtractor['fill']>[0],
  ): Promise<Record<string, ExtractedValue>> {
    const [system, user] = prompt(q.fields, q.callerTexts, q.callDay);
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.deps.budgetMs ?? postCallLlmBudgetMs);
    let text = '';
    try {
      for await (const ev of llm.chat({
        messages: [
          { role: 'system', content: system ?? '' },
          { role: 'user', content: user ?? '' },
        ],
        signal: ctrl.signal,
        maxTokens,
        temperature: 0,
      })) {
        if (ev.kind === 'text') text += ev.delta;
        if (text.length > 8000) break;
      }
    } catch (err) {
      throw ctrl.signal.aborted ? new Failed('timeout') : err;
    } finally {
      clearTimeout(timer);
    }
    if (ctrl.signal.aborted) throw new Failed('timeout');
    const answer = answerOf(text);
    if (!answer) throw new Failed('bad-json');
    const out: Record<string, ExtractedValue> = {};
    for (const f of q.fields) {
      const v = valueSchema.safeParse(answer[f.name]);
      if (!v.success) continue;
      const g = grounded(f, v.data, q.callerTexts, q.callDay);
      if (g !== null) out[f.name] = g;
    }
    return out;
  }
}
