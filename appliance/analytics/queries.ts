import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * The analytics, computed in the database on both dialects: one GROUP BY per figure over an indexed
 * time range (calls: `calls_business`/`calls_agent_time`; turns: `conversation_turns_time`; gap
 * hits: `knowledge_gap_hits_time`, migration 0013). Nothing is aggregated from rows in Node: a
 * bucket comes back as one row. Timestamps are ISO-8601 UTC text, so a day is its first 10
 * characters and an hour characters 12-13 on either dialect.
 */

export type Bucket = 'day' | 'week';

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
  /** Voice-to-voice latency of the bucket's agent turns, ms (nearest rank); null without turns. */
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

/** Calls that ended with a human on the line. */
const humanEnds = `('transferred', 'bridged-ended')`;

const bucketOf = (db: Db, col: RawBuilder<unknown>, bucket: Bucket | 'all'): RawBuilder<string> => {
  if (bucket === 'all') return sql<string>`'all'`;
  if (bucket === 'day') return sql<string>`substr(${col}, 1, 10)`;
  return db.dialect === 'sqlite'
    ? sql<string>`date(${col}, 'weekday 0', '-6 days')`
    : sql<string>`to_char(date_trunc('week', (${col})::timestamptz AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
};

/** Seconds between two ISO columns, in SQL. */
const secondsBetween = (db: Db, a: string, b: string): RawBuilder<number> =>
  db.dialect === 'sqlite'
    ? sql<number>`(julianday(${sql.ref(b)}) - julianday(${sql.ref(a)})) * 86400.0`
    : sql<number>`extract(epoch from (${sql.ref(b)}::timestamptz - ${sql.ref(a)}::timestamptz))`;

const agentFilter = (r: AnalyticsRange, col: string): RawBuilder<unknown> =>
  r.agentId ? sql`AND ${sql.ref(col)} = ${r.agentId}` : sql``;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function callFigures(db: Db, r: AnalyticsRange) {
  const b = bucketOf(db, sql.ref('started_at'), r.bucket);
  const secs = secondsBetween(db, 'answered_at', 'ended_at');
  const rows = await sql<{
    b: string;
    calls: unknown;
    secs: unknown;
    ended: unknown;
    contained: unknown;
    transfers: unknown;
    messages: unknown;
  }>`
    SELECT ${b} AS b,
      count(*) AS calls,
      sum(CASE WHEN answered_at IS NOT NULL AND ended_at IS NOT NULL THEN ${secs} END) AS secs,
      sum(CASE WHEN answered_at IS NOT NULL AND state = 'ended' THEN 1 ELSE 0 END) AS ended,
      sum(CASE WHEN answered_at IS NOT NULL AND state = 'ended'
                AND coalesce(end_reason, '') NOT IN ${sql.raw(humanEnds)}
                AND coalesce(billing, '') <> 'refused' THEN 1 ELSE 0 END) AS contained,
      sum(CASE WHEN end_reason IN ${sql.raw(humanEnds)} THEN 1 ELSE 0 END) AS transfers,
      sum(CASE WHEN message IS NOT NULL THEN 1 ELSE 0 END) AS messages
    FROM calls
    WHERE business_id = ${r.businessId} AND started_at >= ${r.from} AND started_at < ${r.to}
      AND coalesce(billing, '') <> 'test' ${agentFilter(r, 'agent_id')}
    GROUP BY ${b}`.execute(db.kysely);
  return rows.rows;
}

export async function unansweredFigures(db: Db, r: AnalyticsRange) {
  const b = bucketOf(db, sql.ref('at'), r.bucket);
  const rows = await sql<{ b: string; n: unknown }>`
    SELECT ${b} AS b, count(*) AS n FROM knowledge_gap_hits
    WHERE business_id = ${r.businessId} AND at >= ${r.from} AND at < ${r.to} ${agentFilter(r, 'agent_id')}
    GROUP BY ${b}`.execute(db.kysely);
  return rows.rows;
}

/**
 * p50/p95 voice-to-voice per bucket by nearest rank (the ceil(p·n)-th smallest), with window
 * functions both dialects have: each turn's rank and its bucket's count, then one row per bucket.
 */
export async function latencyFigures(db: Db, r: AnalyticsRange, bucket: Bucket | 'all') {
  const b = bucketOf(db, sql.ref('t.started_at'), bucket);
  const join = r.agentId
    ? sql`JOIN conversations c ON c.id = t.conversation_id AND c.business_id = t.business_id AND c.agent_id = ${r.agentId}`
    : sql``;
  const rows = await sql<{ b: string; p50: unknown; p95: unknown }>`
    WITH v AS (
      SELECT ${b} AS b, t.voice_to_voice_ms AS ms,
        row_number() OVER (PARTITION BY ${b} ORDER BY t.voice_to_voice_ms) AS rn,
        count(*) OVER (PARTITION BY ${b}) AS n
      FROM conversation_turns t ${join}
      WHERE t.business_id = ${r.businessId} AND t.started_at >= ${r.from} AND t.started_at < ${r.to}
        AND t.speaker = 'agent' AND t.voice_to_voice_ms IS NOT NULL
    )
    SELECT b,
      max(CASE WHEN rn = (n * 50 + 99) / 100 THEN ms END) AS p50,
      max(CASE WHEN rn = (n * 95 + 99) / 100 THEN ms END) AS p95
    FROM v GROUP BY b`.execute(db.kysely);
  return rows.rows;
}

export async function topIntents(db: Db, r: AnalyticsRange) {
  const join = r.agentId
    ? sql`JOIN conversations c ON c.id = t.conversation_id AND c.business_id = t.business_id AND c.agent_id = ${r.agentId}`
    : sql``;
  const rows = await sql<{ intent: string; n: unknown }>`
    SELECT t.intent AS intent, count(*) AS n FROM conversation_turns t ${join}
    WHERE t.business_id = ${r.businessId} AND t.started_at >= ${r.from} AND t.started_at < ${r.to}
      AND t.speaker = 'agent' AND t.intent IS NOT NULL
    GROUP BY t.intent ORDER BY count(*) DESC, t.intent LIMIT 10`.execute(db.kysely);
  return rows.rows.map((x) => ({ intent: x.intent, count: num(x.n) }));
}

export async function busiestHours(db: Db, r: AnalyticsRange) {
  const rows = await sql<{ h: string; n: unknown }>`
    SELECT substr(started_at, 12, 2) AS h, count(*) AS n FROM calls
    WHERE business_id = ${r.businessId} AND started_at >= ${r.from} AND started_at < ${r.to}
      AND coalesce(billing, '') <> 'test' ${agentFilter(r, 'agent_id')}
    GROUP BY substr(started_at, 12, 2)`.execute(db.kysely);
  const by = new Map(rows.rows.map((x) => [Number(x.h), num(x.n)]));
  return Array.from({ length: 24 }, (_, hour) => ({ hour, calls: by.get(hour) ?? 0 }));
}

const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
const minutes = (secs: number): number => Math.round((secs / 60) * 10) / 10;

/** Every figure of the range, per bucket and in total. */
export async function analytics(db: Db, r: AnalyticsRange): Promise<Analytics> {
  const [calls, gaps, lat, latAll, intents, hours] = await Promise.all([
    callFigures(db, r),
    unansweredFigures(db, r),
    latencyFigures(db, r, r.bucket),
    latencyFigures(db, r, 'all'),
    topIntents(db, r),
    busiestHours(db, r),
  ]);
  const starts = new Set<string>([...calls.map((c) => c.b), ...gaps.map((g) => g.b), ...lat.map((l) => l.b)]);
  const callsBy = new Map(calls.map((c) => [c.b, c]));
  const gapsBy = new Map(gaps.map((g) => [g.b, num(g.n)]));
  const latBy = new Map(lat.map((l) => [l.b, l]));
  let ended = 0;
  let secs = 0;
  const buckets = [...starts].sort().map((start): BucketFigures => {
    const c = callsBy.get(start);
    const l = latBy.get(start);
    ended += num(c?.ended);
    secs += num(c?.secs);
    return {
      start,
      calls: num(c?.calls),
      minutes: minutes(num(c?.secs)),
      contained: num(c?.contained),
      containment: rate(num(c?.contained), num(c?.ended)),
      transfers: num(c?.transfers),
      messages: num(c?.messages),
      unanswered: gapsBy.get(start) ?? 0,
      p50Ms: numOrNull(l?.p50),
      p95Ms: numOrNull(l?.p95),
    };
  });
  // Counts add up across buckets; percentiles do not, so the total's come from their own query.
  const sum = (k: 'calls' | 'contained' | 'transfers' | 'messages' | 'unanswered'): number =>
    buckets.reduce((s, x) => s + x[k], 0);
  const contained = sum('contained');
  return {
    from: r.from,
    to: r.to,
    bucket: r.bucket,
    agentId: r.agentId ?? null,
    totals: {
      calls: sum('calls'),
      minutes: minutes(secs),
      contained,
      containment: rate(contained, ended),
      transfers: sum('transfers'),
      messages: sum('messages'),
      unanswered: sum('unanswered'),
      p50Ms: numOrNull(latAll[0]?.p50),
      p95Ms: numOrNull(latAll[0]?.p95),
    },
    buckets,
    topIntents: intents,
    busiestHours: hours,
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
