/**
 * Figures of a knowledge-suite run, and the thresholds its test holds them to.
 */
import { describeFact } from './scorer.js';
import type { QuestionResult } from './runner.js';

/**
 * Issue 21's targets: correct >= 85 % overall, >= 75 % of paraphrases, 0 invented facts, 100 %
 * honest fallback, >= 70 % of spoken questions. Fractions of questions: `correct` over all
 * questions (answerable ones answered with the required facts and nothing foreign, unanswerable
 * ones with an honest fallback), `paraphrase` over the paraphrased questions, `honestFallback`
 * over the unanswerable ones; `inventedFacts` is a count (replies carrying another item's number
 * or name, or a number not in the data). `spoken` is the share of spoken questions (real calls,
 * one voice at a time) answered correctly.
 */
export const ISSUE_TARGETS = {
  correct: 0.85,
  paraphrase: 0.75,
  inventedFacts: 0,
  honestFallback: 1,
  spoken: 0.7,
} as const;

/**
 * What the suite's tests hold the engine to today: a regression floor a little under the figures
 * measured when the knowledge-first engine landed (npm run bench:dialogue, SQLite = PostgreSQL:
 * 53.9 % correct, 30.9 % of paraphrases, 3 invented facts, 91.7 % honest fallback; spoken: see
 * the README). The issue's targets (ISSUE_TARGETS) are not met yet; raise these as the engine
 * improves, never lower them to pass.
 * Re-based when three businesses written by an outside evaluator were added (tune-more.ts,
 * heldout-more.ts; 300 questions): the same engine measured 54.7 % correct, 34.1 % of
 * paraphrases, 11 invented facts, 90.7 % honest fallback (npm run bench:dialogue -- --dialect
 * sqlite); the four original businesses alone were 61.7 % correct. The floor is just under that.
 * Raised with the final answer check (answer-check.ts), graded price-item matching
 * (item-match.ts) and question-type paths: 61.0 % correct, 39.5 % of paraphrases, 1 invented
 * fact (held-out), 97.7 % honest fallback (SQLite, 2026-12-03).
 * Raised with document structure (PDF layout: headings, column tables; section, timetable,
 * person-heading, phone and share answers): 63.7 % correct, 41.3 % of paraphrases, 1 invented
 * fact (held-out), 97.7 % honest fallback (SQLite and PostgreSQL alike, 2026-12-04).
 * Raised with lexical bridges (phrasal verbs, verb-usage weights, identity answers) merged with
 * the structure answers: 65.7 % correct (tune 70.6, held-out 55.6), 43.7 % of paraphrases, 1
 * invented fact (held-out), 97.7 % honest fallback (SQLite and PostgreSQL alike, 2026-12-04).
 */
export const SUITE_THRESHOLDS = {
  // Regression floors a little under today's figures (bench:dialogue, 2026-12-05, twenty-three
  // trades: 68.8 %, 55.7 %, 21 invented, 81.0 %). The fourteen trades added on 2026-12-05 were
  // written blind by evaluators who did not read the engine; two of them (heldout-blind2.ts) are
  // held out whole and untuned. The held-out part overall (55.5 %) is what a new trade gets
  // today, and why the floors are where they are. The fifth blind pair (pest control, phone
  // repairs) came in at 21/72, the sixth (dry cleaner, self storage) at 33/72 with 7 invented
  // facts and the seventh (swimming school PDF, mobile valeting DOCX) at 33/72 with 4; each
  // lowered the figures the floors sit under (the twenty-one earlier trades alone: 69.9 %, 19
  // invented). The issue's targets: 85 %, 75 %, 0, 100 %.
  correct: 0.68,
  paraphrase: 0.55,
  inventedFacts: 21,
  honestFallback: 0.8,
  // Lexicon probes: 3 of 36 still get a figure, none through the lexicon (each did before it):
  // "power flush" -> "water heater flush", "house wine" -> "bring your own wine" (corkage),
  // "eyebrow wax" -> "full head highlights" (a rare WordNet sense of "wax"). Lower as they go.
  probeInventedFacts: 3,
  // knowledge-suite-spoken.test.ts, three real calls on a box at load 13-17: the appliance answered
  // all three right each time; the caller's ear read 1/3, 1/3 (older ears), then 2/3 and 2/3 (the
  // grammar-then-bigram ear, spoken.ts). 0.6 once more runs show 2/3 holds.
  spoken: 0.3,
} as const;

export interface Tally {
  n: number;
  /** Right: correct (answerable) or honest-fallback (unanswerable). */
  ok: number;
  invented: number;
  /** Replies judged honest-fallback (right for unanswerable ones, a miss for answerable ones). */
  fallback: number;
}

const empty = (): Tally => ({ n: 0, ok: 0, invented: 0, fallback: 0 });

function add(t: Tally, r: QuestionResult): void {
  t.n++;
  if (r.judgement.ok) t.ok++;
  if (r.judgement.verdict === 'invented-fact') t.invented++;
  if (r.judgement.verdict === 'honest-fallback') t.fallback++;
}

export interface SuiteSummary {
  overall: Tally;
  paraphrase: Tally;
  plain: Tally;
  answerable: Tally;
  unanswerable: Tally;
  tune: Tally;
  heldout: Tally;
  byBusiness: Map<string, Tally>;
  byType: Map<string, Tally>;
  byClass: Map<string, Tally>;
}

export function summarise(results: readonly QuestionResult[]): SuiteSummary {
  const s: SuiteSummary = {
    overall: empty(),
    paraphrase: empty(),
    plain: empty(),
    answerable: empty(),
    unanswerable: empty(),
    tune: empty(),
    heldout: empty(),
    byBusiness: new Map(),
    byType: new Map(),
    byClass: new Map(),
  };
  const keyed = (m: Map<string, Tally>, k: string): Tally => {
    let t = m.get(k);
    if (!t) m.set(k, (t = empty()));
    return t;
  };
  for (const r of results) {
    if (r.part === 'probe') continue; // lexicon probes: formatSummary's own line
    const q = r.question;
    add(s.overall, r);
    add(q.paraphrase ? s.paraphrase : s.plain, r);
    add(q.answerable ? s.answerable : s.unanswerable, r);
    add(r.part === 'tune' ? s.tune : s.heldout, r);
    add(keyed(s.byBusiness, q.business), r);
    add(keyed(s.byType, q.type), r);
    if (q.class) add(keyed(s.byClass, q.class), r);
  }
  return s;
}

export const rate = (t: Tally): number => (t.n ? t.ok / t.n : 0);
const pct = (t: Tally): string => `${(rate(t) * 100).toFixed(1).padStart(5)} % (${t.ok}/${t.n})`;
const row = (name: string, t: Tally): string =>
  `  ${name.padEnd(22)} ${pct(t).padEnd(20)} invented ${String(t.invented).padStart(2)}  fallback ${String(t.fallback).padStart(2)}`;

/** The printed report: headline figures, then each breakdown. */
export function formatSummary(label: string, results: readonly QuestionResult[]): string {
  const s = summarise(results);
  const lines = [
    `knowledge suite [${label}]: ${s.overall.n} questions`,
    `  correct overall        ${pct(s.overall)}`,
    `  paraphrases            ${pct(s.paraphrase)}`,
    `  invented facts         ${s.overall.invented}`,
    `  honest fallback        ${pct(s.unanswerable)} of unanswerable`,
    '  -- part',
    row('tune', s.tune),
    row('held-out', s.heldout),
    '  -- wording',
    row('paraphrase', s.paraphrase),
    row('plain', s.plain),
    '  -- in the data',
    row('answerable', s.answerable),
    row('not answerable', s.unanswerable),
    '  -- business',
    ...[...s.byBusiness].map(([k, t]) => row(k, t)),
    '  -- question type',
    ...[...s.byType].map(([k, t]) => row(k, t)),
    '  -- failure class (issue 21)',
    ...[...s.byClass].map(([k, t]) => row(k, t)),
  ];
  for (const part of ['tune', 'heldout'] as const) {
    const ps = summarise(results.filter((r) => r.part === part));
    lines.push(
      `  ${part}: correct ${pct(ps.overall)}, paraphrases ${pct(ps.paraphrase)}, invented ${ps.overall.invented}, honest fallback ${pct(ps.unanswerable)}`,
    );
  }
  const probes = probeTally(results);
  if (probes.n)
    lines.push(
      `  lexicon probes (apart from the figures above): honest fallback ${pct(probes)}, invented ${probes.invented}`,
    );
  return lines.join('\n');
}

/** The lexicon probes' tally (probes.ts): all want an honest fallback. */
export function probeTally(results: readonly QuestionResult[]): Tally {
  const t = empty();
  for (const r of results) if (r.part === 'probe') add(t, r);
  return t;
}

/** One line per miss: id, part, verdict and why, the question and the reply. */
export function formatFailures(results: readonly QuestionResult[]): string {
  return results
    .filter((r) => !r.judgement.ok)
    .map((r) => {
      const q = r.question;
      const want = q.answerable ? q.require.map(describeFact).join(' + ') : 'honest fallback';
      return (
        `${q.id} [${r.part}, ${q.type}${q.paraphrase ? ', paraphrase' : ''}${q.answerable ? '' : ', unanswerable'}] ` +
        `${r.judgement.verdict}: ${r.judgement.reason}\n  Q: ${q.text}\n  want: ${want}\n` +
        `  A (${r.intent}${r.actions.length ? `, ${r.actions.join(',')}` : ''}): ${r.reply}`
      );
    })
    .join('\n');
}
