import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { callSums, latencyBin, turnsWithAgent } from './sql-parts.js';

/**
 * Daily rollups: once a day is final, its calls, gap hits and agent turns are summed per agent in
 * the database (one INSERT ... SELECT ... GROUP BY per table) into the analytics_day* tables, and
 * the day is marked in analytics_rolled; the analytics then read a year as 365 rows per agent
 * instead of every call. Days are rolled when a request first covers them (a year of 1M calls
 * takes seconds once; bench:analytics), never before they are final.
 *
 * Final: a day ended `finalAfterMs` ago. Calls last at most 4 h (behaviour.maxCallDurationS) and
 * their rows, turns and gap hits are written by their end, so a day's figures no longer change a
 * day after it ended. Rolling is idempotent (a day's rows are replaced in one transaction with
 * its mark); two nodes rolling the same day at once: one commits, the other's error is ignored
 * and that request reads the day live.
 */
export const finalAfterMs = 24 * 3_600_000;

const dayMs = 86_400_000;
/** Days rolled in one transaction: bounds a transaction's rows (about a month of calls). */
const daysPerTransaction = 31;

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

/** The days of [firstDay, lastDay] already rolled up for the business. */
export async function rolledDays(
  db: Db,
  businessId: string,
  firstDay: string,
  lastDay: string,
): Promise<Set<string>> {
  const rows = await db.kysely
    .selectFrom('analytics_rolled')
    .select('day')
    .where('business_id', '=', businessId)
    .where('day', '>=', firstDay)
    .where('day', '<=', lastDay)
    .execute();
  return new Set(rows.map((r) => r.day));
}

/** Rolls up days [firstDay, lastDay] (all final) in one transaction. */
async function rollDays(
  db: Db,
  businessId: string,
  firstDay: string,
  lastDay: string,
  now: Date,
): Promise<void> {
  const from = `${firstDay}T00:00:00.000Z`;
  const to = new Date(dayStartMs(lastDay) + dayMs).toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    for (const t of [
      'analytics_days',
      'analytics_day_hours',
      'analytics_day_intents',
      'analytics_day_latency',
    ] as const)
      await trx
        .deleteFrom(t)
        .where('business_id', '=', businessId)
        .where('day', '>=', firstDay)
        .where('day', '<=', lastDay)
        .execute();
    const calls = sql`FROM calls WHERE business_id = ${businessId} AND started_at >= ${from} AND started_at < ${to}
      AND coalesce(billing, '') <> 'test'`;
    await sql`INSERT INTO analytics_days (business_id, agent_id, day, calls, talk_s, ended, contained, transfers, messages, unanswered)
      SELECT ${businessId}, coalesce(agent_id, ''), substr(started_at, 1, 10), calls, secs, ended, contained, transfers, messages, 0
      FROM (SELECT agent_id, substr(started_at, 1, 10) AS started_at, ${callSums(db)} ${calls}
            GROUP BY agent_id, substr(started_at, 1, 10)) d`.execute(trx);
    await sql`INSERT INTO analytics_days (business_id, agent_id, day, unanswered)
      SELECT ${businessId}, agent_id, substr(at, 1, 10), count(*) FROM knowledge_gap_hits
      WHERE business_id = ${businessId} AND at >= ${from} AND at < ${to}
      GROUP BY agent_id, substr(at, 1, 10)
      ON CONFLICT (business_id, day, agent_id) DO UPDATE SET unanswered = excluded.unanswered`.execute(trx);
    await sql`INSERT INTO analytics_day_hours (business_id, agent_id, day, hour, calls)
      SELECT ${businessId}, coalesce(agent_id, ''), substr(started_at, 1, 10), CAST(substr(started_at, 12, 2) AS INTEGER), count(*)
      ${calls} GROUP BY coalesce(agent_id, ''), substr(started_at, 1, 10), substr(started_at, 12, 2)`.execute(
      trx,
    );
    const turns = sql`FROM ${turnsWithAgent(undefined)}
      WHERE t.business_id = ${businessId} AND t.started_at >= ${from} AND t.started_at < ${to} AND t.speaker = 'agent'`;
    await sql`INSERT INTO analytics_day_intents (business_id, agent_id, day, intent, n)
      SELECT ${businessId}, coalesce(c.agent_id, ''), substr(t.started_at, 1, 10), t.intent, count(*)
      ${turns} AND t.intent IS NOT NULL
      GROUP BY coalesce(c.agent_id, ''), substr(t.started_at, 1, 10), t.intent`.execute(trx);
    const bin = latencyBin(db, sql.ref('t.voice_to_voice_ms'));
    await sql`INSERT INTO analytics_day_latency (business_id, agent_id, day, bin, n)
      SELECT ${businessId}, coalesce(c.agent_id, ''), substr(t.started_at, 1, 10), ${bin}, count(*)
      ${turns} AND t.voice_to_voice_ms IS NOT NULL
      GROUP BY coalesce(c.agent_id, ''), substr(t.started_at, 1, 10), ${bin}`.execute(trx);
    const days: { business_id: string; day: string; rolled_at: string }[] = [];
    for (let ms = dayStartMs(firstDay); ms <= dayStartMs(lastDay); ms += dayMs)
      days.push({ business_id: businessId, day: dayOf(ms), rolled_at: now.toISOString() });
    await trx.insertInto('analytics_rolled').values(days).execute();
  });
}

/**
 * Rolls up the final days of [firstDay, lastDay] not rolled yet (consecutive days together, at
 * most a month per transaction) and returns the rolled days of the range.
 */
export async function ensureRolled(
  db: Db,
  businessId: string,
  firstDay: string,
  lastDay: string,
  now: Date,
): Promise<Set<string>> {
  const lastFinal = dayOf(now.getTime() - finalAfterMs - dayMs);
  const last = lastDay < lastFinal ? lastDay : lastFinal;
  if (firstDay > last) return new Set();
  const done = await rolledDays(db, businessId, firstDay, last);
  const runs: [string, string][] = [];
  for (let ms = dayStartMs(firstDay); ms <= dayStartMs(last); ms += dayMs) {
    const d = dayOf(ms);
    if (done.has(d)) continue;
    const open = runs.at(-1);
    if (open && dayStartMs(open[1]) + dayMs === ms && (ms - dayStartMs(open[0])) / dayMs < daysPerTransaction)
      open[1] = d;
    else runs.push([d, d]);
  }
  for (const [a, b] of runs) {
    try {
      await rollDays(db, businessId, a, b, now);
    } catch {
      // Another node rolled (some of) these days at the same moment: read what is rolled now.
    }
  }
  return runs.length ? rolledDays(db, businessId, firstDay, last) : done;
}
