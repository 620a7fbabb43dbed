import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * SQL pieces the analytics and their daily rollups share, one per dialect where they differ.
 * Timestamps are ISO-8601 UTC text and rollup days YYYY-MM-DD, so a day is the first 10
 * characters of either and an hour characters 12-13 of a timestamp.
 */

export type Bucket = 'day' | 'week';

/** The bucket (its first day, YYYY-MM-DD; weeks start on Monday) of a timestamp or day column. */
export const bucketOf = (db: Db, col: RawBuilder<unknown>, bucket: Bucket | 'all'): RawBuilder<string> => {
  if (bucket === 'all') return sql<string>`'all'`;
  if (bucket === 'day') return sql<string>`substr(${col}, 1, 10)`;
  return db.dialect === 'sqlite'
    ? sql<string>`date(substr(${col}, 1, 10), 'weekday 0', '-6 days')`
    : sql<string>`to_char(date_trunc('week', (substr(${col}, 1, 10))::date), 'YYYY-MM-DD')`;
};

/** Seconds between two ISO columns. */
export const secondsBetween = (db: Db, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number> =>
  db.dialect === 'sqlite'
    ? sql<number>`(julianday(${b}) - julianday(${a})) * 86400.0`
    : sql<number>`extract(epoch from (${b}::timestamptz - ${a}::timestamptz))`;

const floorTo = (db: Db, col: RawBuilder<unknown>, step: number): RawBuilder<number> =>
  db.dialect === 'sqlite'
    ? sql<number>`CAST(${col} / ${sql.lit(step)} AS INTEGER) * ${sql.lit(step)}`
    : sql<number>`CAST(floor(${col} / ${sql.lit(step)}) AS INTEGER) * ${sql.lit(step)}`;

/**
 * The voice-to-voice histogram bin of a latency (ms, its lower edge): 25 ms wide below 2 s, 100 ms
 * to 5 s, 500 ms above. Percentiles are read from these bins, so they are exact to the bin's
 * width: 25 ms where turn latency lives (about 2.5 % of a 1 s turn), coarser where a slow turn
 * only needs to show as slow. Wider bins mean fewer rollup rows (bench:analytics: 10 ms bins made
 * the year's histogram 2.5 times the rows and its query the slowest).
 */
export const latencyBin = (db: Db, ms: RawBuilder<unknown>): RawBuilder<number> =>
  sql<number>`CASE WHEN ${ms} < 2000 THEN ${floorTo(db, ms, 25)} WHEN ${ms} < 5000 THEN ${floorTo(db, ms, 100)} ELSE ${floorTo(db, ms, 500)} END`;

/** Calls that ended with a human on the line. */
export const humanEnds = sql.raw(`('transferred', 'bridged-ended')`);

/** The per-call sums of one group of calls (columns answered_at, ended_at, state, ...). */
export const callSums = (db: Db): RawBuilder<unknown> => sql`
  count(*) AS calls,
  sum(CASE WHEN answered_at IS NOT NULL AND ended_at IS NOT NULL
      THEN ${secondsBetween(db, sql.ref('answered_at'), sql.ref('ended_at'))} ELSE 0 END) AS secs,
  sum(CASE WHEN answered_at IS NOT NULL AND state = 'ended' THEN 1 ELSE 0 END) AS ended,
  sum(CASE WHEN answered_at IS NOT NULL AND state = 'ended'
           AND coalesce(end_reason, '') NOT IN ${humanEnds}
           AND coalesce(billing, '') <> 'refused' THEN 1 ELSE 0 END) AS contained,
  sum(CASE WHEN end_reason IN ${humanEnds} THEN 1 ELSE 0 END) AS transfers,
  sum(CASE WHEN message IS NOT NULL THEN 1 ELSE 0 END) AS messages`;

/** Agent turns joined to their conversation's agent (the turn row has no agent of its own). */
export const turnsWithAgent = (agentId: string | undefined): RawBuilder<unknown> =>
  agentId
    ? sql`conversation_turns t JOIN conversations c ON c.id = t.conversation_id AND c.business_id = t.business_id AND c.agent_id = ${agentId}`
    : sql`conversation_turns t JOIN conversations c ON c.id = t.conversation_id AND c.business_id = t.business_id`;
