import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { dayOf, dayStartMs, ensureRolled } from './rollup.js';
import { bucketOf, callSums, latencyBin, turnsWithAgent, type Bucket } from './sql-parts.js';

/**
 * The analytics, computed in the database on both dialects. A range splits into days already
 * rolled up (rollup.ts: read from the analytics_day* tables, a row per agent and day) and the
 * rest (today, recent days, the partial days at the range's ends: read from calls, turns and gap
 * hits over indexed time ranges). Each side is one GROUP BY per figure and bucket; Node adds the
 * two sides' sums per bucket and reads the percentiles off the summed latency histograms.
 */

export type { Bucket } from './sql-parts.js';

export interface AnalyticsRange {
  businessId: string;
  /** Inclusive start, ISO UTC. */
  from: string;
  /** Exclusive end, ISO UTC. */
  to: string;
  bucket: Bucket;
  agentId?: string;
}

export interface BucketFigures {
  /** The bucket's first day (weeks start on Monday), YYYY-MM-DD, UTC. */
  start: string;
  calls: number;
  /** Answered talk time, minutes (answer to hang-up). */
  minutes: number;
  /** Answered calls the agent completed without a human (no transfer, not refused by the plan). */
  contained: number;
  /** contained / answered calls that ended; null without any. */
  containment: number | null;
  transfers: number;
  /** Calls in which the agent took a message. */
  messages: number;
  /** Caller questions the agent could not answer (knowledge gaps). */
  unanswered: number;
  /** Voice-to-voice latency of the bucket's agent turns, ms (nearest rank, to the bin); null without turns. */
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface Analytics {
  from: string;
  to: string;
  bucket: Bucket;
  agentId: string | null;
  totals: Omit<BucketFigures, 'start'>;
  buckets: BucketFigures[];
  /** The agent turns' intents, most frequent first (top 10). */
  topIntents: { intent: string; count: number }[];
  /** Calls per hour of the day (UTC), 0-23, every hour present. */
  busiestHours: { hour: number; calls: number }[];
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

interface Sums {
  calls: number;
  secs: number;
  ended: number;
  contained: number;
  transfers: number;
  messages: number;
  unanswered: number;
}
const zero = (): Sums => ({
  calls: 0,
  secs: 0,
  ended: 0,
  contained: 0,
  transfers: 0,
  messages: 0,
  unanswered: 0,
});

/** What one side (rolled days or live rows) contributes. */
interface Part {
  sums: Map<string, Sums>;
  /** bucket -> latency bin (ms) -> turns. */
  bins: Map<string, Map<number, number>>;
  intents: Map<string, number>;
  hours: Map<number, number>;
}

const add = <K>(m: Map<K, number>, k: K, n: number): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};
const sumsOf = (m: Map<string, Sums>, b: string): Sums => {
  let s = m.get(b);
  if (!s) m.set(b, (s = zero()));
  return s;
};
const binsOf = (m: Map<string, Map<number, number>>, b: string): Map<number, number> => {
  let s = m.get(b);
  if (!s) m.set(b, (s = new Map()));
  return s;
};

/** Live rows of [from, to) intervals (ISO): calls, gap hits and agent turns, grouped per bucket in SQL. */
async function livePart(
  db: Db,
  r: AnalyticsRange,
  intervals: { from: string; to: string }[],
  p: Part,
): Promise<void> {
  if (!intervals.length) return;
  const within = (col: RawBuilder<unknown>) =>
    sql`(${sql.join(
      intervals.map((i) => sql`(${col} >= ${i.from} AND ${col} < ${i.to})`),
      sql` OR `,
    )})`;
  const agent = (col: string) => (r.agentId ? sql`AND ${sql.ref(col)} = ${r.agentId}` : sql``);
  const callsWhere = sql`business_id = ${r.businessId} AND ${within(sql.ref('started_at'))}
    AND coalesce(billing, '') <> 'test' ${agent('agent_id')}`;
  const b = bucketOf(db, sql.ref('started_at'), r.bucket);
  const turns = sql`FROM ${turnsWithAgent(r.agentId)} WHERE t.business_id = ${r.businessId}
    AND ${within(sql.ref('t.started_at'))} AND t.speaker = 'agent'`;
  const tb = bucketOf(db, sql.ref('t.started_at'), r.bucket);
  const bin = latencyBin(db, sql.ref('t.voice_to_voice_ms'));
  const [calls, gaps, lat, intents, hours] = await Promise.all([
    sql<
      Record<string, unknown> & { b: string }
    >`SELECT ${b} AS b, ${callSums(db)} FROM calls WHERE ${callsWhere} GROUP BY ${b}`.execute(db.kysely),
    sql<{
      b: string;
      n: unknown;
    }>`SELECT ${bucketOf(db, sql.ref('at'), r.bucket)} AS b, count(*) AS n FROM knowledge_gap_hits
      WHERE business_id = ${r.businessId} AND ${within(sql.ref('at'))} ${agent('agent_id')}
      GROUP BY ${bucketOf(db, sql.ref('at'), r.bucket)}`.execute(db.kysely),
    sql<{ b: string; bin: unknown; n: unknown }>`SELECT ${tb} AS b, ${bin} AS bin, count(*) AS n ${turns}
      AND t.voice_to_voice_ms IS NOT NULL GROUP BY ${tb}, ${bin}`.execute(db.kysely),
    sql<{
      intent: string;
      n: unknown;
    }>`SELECT t.intent AS intent, count(*) AS n ${turns} AND t.intent IS NOT NULL
      GROUP BY t.intent`.execute(db.kysely),
    sql<{
      h: unknown;
      n: unknown;
    }>`SELECT substr(started_at, 12, 2) AS h, count(*) AS n FROM calls WHERE ${callsWhere}
      GROUP BY substr(started_at, 12, 2)`.execute(db.kysely),
  ]);
  for (const c of calls.rows) {
    const s = sumsOf(p.sums, c.b);
    for (const k of ['calls', 'secs', 'ended', 'contained', 'transfers', 'messages'] as const)
      s[k] += num(c[k]);
  }
  for (const g of gaps.rows) sumsOf(p.sums, g.b).unanswered += num(g.n);
  for (const l of lat.rows) add(binsOf(p.bins, l.b), num(l.bin), num(l.n));
  for (const i of intents.rows) add(p.intents, i.intent, num(i.n));
  for (const h of hours.rows) add(p.hours, num(h.h), num(h.n));
}

/** Rolled-up days [firstDay, lastDay] (only rolled days have rows there), grouped per bucket in SQL. */
async function rolledPart(
  db: Db,
  r: AnalyticsRange,
  firstDay: string,
  lastDay: string,
  p: Part,
): Promise<void> {
  const where = sql`business_id = ${r.businessId} AND day >= ${firstDay} AND day <= ${lastDay}
    ${r.agentId ? sql`AND agent_id = ${r.agentId}` : sql``}`;
  const b = bucketOf(db, sql.ref('day'), r.bucket);
  const [days, lat, intents, hours] = await Promise.all([
    sql<Record<string, unknown> & { b: string }>`SELECT ${b} AS b, sum(calls) AS calls, sum(talk_s) AS secs,
      sum(ended) AS ended, sum(contained) AS contained, sum(transfers) AS transfers, sum(messages) AS messages,
      sum(unanswered) AS unanswered FROM analytics_days WHERE ${where} GROUP BY ${b}`.execute(db.kysely),
    sql<{ b: string; bin: unknown; n: unknown }>`SELECT ${b} AS b, bin, sum(n) AS n FROM analytics_day_latency
      WHERE ${where} GROUP BY ${b}, bin`.execute(db.kysely),
    sql<{ intent: string; n: unknown }>`SELECT intent, sum(n) AS n FROM analytics_day_intents WHERE ${where}
      GROUP BY intent`.execute(db.kysely),
    sql<{ h: unknown; n: unknown }>`SELECT hour AS h, sum(calls) AS n FROM analytics_day_hours WHERE ${where}
      GROUP BY hour`.execute(db.kysely),
  ]);
  for (const d of days.rows) {
    const s = sumsOf(p.sums, d.b);
    for (const k of ['calls', 'secs', 'ended', 'contained', 'transfers', 'messages', 'unanswered'] as const)
      s[k] += num(d[k]);
  }
  for (const l of lat.rows) add(binsOf(p.bins, l.b), num(l.bin), num(l.n));
  for (const i of intents.rows) add(p.intents, i.intent, num(i.n));
  for (const h of hours.rows) add(p.hours, num(h.h), num(h.n));
}

/** Nearest-rank percentile (the ceil(p·n)-th smallest) of a histogram; null when empty. */
export function percentile(bins: ReadonlyMap<number, number>, p: number): number | null {
  const sorted = [...bins].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (!n) return null;
  const rank = Math.ceil((p / 100) * n);
  let seen = 0;
  for (const [bin, c] of sorted) {
    seen += c;
    if (seen >= rank) return bin;
  }
  return sorted.at(-1)?.[0] ?? null;
}

const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
const minutes = (secs: number): number => Math.round((secs / 60) * 10) / 10;
const dayMs = 86_400_000;

/** Every figure of the range, per bucket and in total. `now` decides which days are final. */
export async function analytics(db: Db, r: AnalyticsRange, now: Date = new Date()): Promise<Analytics> {
  const fromMs = Date.parse(r.from);
  const toMs = Date.parse(r.to);
  // Whole days inside the range can come from the rollups; the partial days at its ends cannot.
  const firstDay = dayOf(Math.ceil(fromMs / dayMs) * dayMs);
  const lastDay = dayOf(Math.floor(toMs / dayMs) * dayMs - dayMs);
  const rolled =
    firstDay <= lastDay ? await ensureRolled(db, r.businessId, firstDay, lastDay, now) : new Set<string>();
  const intervals: { from: string; to: string }[] = [];
  let cursor = fromMs;
  for (const d of [...rolled].sort()) {
    const start = dayStartMs(d);
    if (cursor < start)
      intervals.push({ from: new Date(cursor).toISOString(), to: new Date(start).toISOString() });
    cursor = start + dayMs;
  }
  if (cursor < toMs)
    intervals.push({ from: new Date(cursor).toISOString(), to: new Date(toMs).toISOString() });

  const part: Part = { sums: new Map(), bins: new Map(), intents: new Map(), hours: new Map() };
  await livePart(db, r, intervals, part);
  if (rolled.size) await rolledPart(db, r, firstDay, lastDay, part);

  const total = zero();
  const allBins = new Map<number, number>();
  const buckets = [...new Set([...part.sums.keys(), ...part.bins.keys()])]
    .sort()
    .map((start): BucketFigures => {
      const s = part.sums.get(start) ?? zero();
      const bins = part.bins.get(start) ?? new Map<number, number>();
      for (const k of Object.keys(total) as (keyof Sums)[]) total[k] += s[k];
      for (const [bin, n] of bins) add(allBins, bin, n);
      return {
        start,
        calls: s.calls,
        minutes: minutes(s.secs),
        contained: s.contained,
        containment: rate(s.contained, s.ended),
        transfers: s.transfers,
        messages: s.messages,
        unanswered: s.unanswered,
        p50Ms: percentile(bins, 50),
        p95Ms: percentile(bins, 95),
      };
    });
  return {
    from: r.from,
    to: r.to,
    bucket: r.bucket,
    agentId: r.agentId ?? null,
    totals: {
      calls: total.calls,
      minutes: minutes(total.secs),
      contained: total.contained,
      containment: rate(total.contained, total.ended),
      transfers: total.transfers,
      messages: total.messages,
      unanswered: total.unanswered,
      p50Ms: percentile(allBins, 50),
      p95Ms: percentile(allBins, 95),
    },
    buckets,
    topIntents: [...part.intents]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 10)
      .map(([intent, count]) => ({ intent, count })),
    busiestHours: Array.from({ length: 24 }, (_, hour) => ({ hour, calls: part.hours.get(hour) ?? 0 })),
  };
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The buckets as CSV (one row per bucket, then a `total` row), for spreadsheets. */
export function analyticsCsv(a: Analytics): string {
  const cols = [
    'calls',
    'minutes',
    'contained',
    'containment',
    'transfers',
    'messages',
    'unanswered',
    'p50Ms',
    'p95Ms',
  ] as const;
  const lines = [[a.bucket, ...cols].join(',')];
  for (const b of a.buckets) lines.push([b.start, ...cols.map((k) => b[k])].map(csvCell).join(','));
  lines.push(['total', ...cols.map((k) => a.totals[k])].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
