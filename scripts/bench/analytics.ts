/**
 * Analytics benchmark: GET /analytics's queries (appliance/analytics/queries.ts) and the gaps list
 * over 100k and 1M calls of one business (the worst case: every row in one tenant's range), on
 * SQLite and PostgreSQL (a throw-away cluster, as the tests start one). Each call has its
 * conversation, two caller and two agent turns (intent, voice-to-voice), one in twenty an
 * unanswered question; calls spread evenly over 365 days and three agents.
 *
 * Rows are generated inside the database (a recursive CTE on SQLite, generate_series on
 * PostgreSQL) in chunks of 100k calls, so filling 1M calls is one INSERT ... SELECT per table and
 * chunk, not a million round trips. 100k is filled first, measured, then topped up to 1M.
 *
 * Each scenario runs `--runs` times (default 20) after one warm-up; p50 and p95 are of the whole
 * analytics request (its six queries) in ms. Target: p95 < 200 ms.
 *   npm run bench:analytics [-- --sizes 100000,1000000] [--dialects sqlite,postgres] [--runs 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { analytics, type AnalyticsRange } from '../../appliance/analytics/queries.js';
import { listGaps } from '../../appliance/analytics/gaps.js';
import { migrateToLatest, openDb, type Db, type Dialect } from '../../appliance/db/index.js';
import { startPostgres, type PgCluster } from '../../appliance/test/helpers/postgres.js';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const sizes = arg('sizes', '100000,1000000').split(',').map(Number);
const dialects = arg('dialects', 'sqlite,postgres').split(',') as Dialect[];
const runs = Number(arg('runs', '20'));

const business = 'b0000000-0000-4000-8000-000000000001';
const agents = [1, 2, 3].map((n) => `a0000000-0000-4000-8000-00000000000${n}`);
/** 2026-01-01T00:00:00Z, s: the first call; calls spread over the 365 days after it. */
const base = 1_767_225_600;
const yearS = 365 * 86_400;
const chunk = 100_000;
/** Distinct unanswered questions (gaps) the hits spread over. */
const gapCount = 200;

/** Rows i in [lo, hi) as a derived table `s(i)`, in each dialect. */
const series = (db: Db, lo: number, hi: number) =>
  db.dialect === 'postgres'
    ? sql`generate_series(${sql.lit(lo)}::bigint, ${sql.lit(hi - 1)}::bigint) AS s(i)`
    : sql`(WITH RECURSIVE r(i) AS (SELECT ${sql.lit(lo)} UNION ALL SELECT i + 1 FROM r WHERE i < ${sql.lit(hi - 1)}) SELECT i FROM r) AS s`;

/** ISO-8601 UTC text of epoch seconds (as the appliance stores timestamps). */
const isoAt = (db: Db, epoch: ReturnType<typeof sql>) =>
  db.dialect === 'postgres'
    ? sql`to_char(to_timestamp(${epoch}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${epoch}, 'unixepoch')`;

const cat = (db: Db, ...parts: ReturnType<typeof sql>[]) => sql.join(parts, sql` || `);

async function setup(db: Db): Promise<void> {
  const now = new Date().toISOString();
  await db.kysely
    .insertInto('businesses')
    .values({
      id: business,
      name: 'Bench',
      email: 'bench@bench.test',
      phone: null,
      address: null,
      timezone: 'UTC',
      website: null,
      description: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const id of agents)
    await db.kysely
      .insertInto('agents')
      .values({
        id,
        business_id: business,
        name: id.slice(-1),
        greeting: 'Hello',
        language: 'en-US',
        personality: '{}',
        voice: '{}',
        config: '{}',
        status: 'ready',
        status_detail: null,
        trained_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  await sql`INSERT INTO knowledge_gaps (id, business_id, agent_id, question, tokens, count, examples, first_seen, last_seen, status)
    SELECT ${cat(db, sql`'g'`, sql`CAST(i AS TEXT)`)}, ${business},
      CASE i % 3 WHEN 0 THEN ${agents[0]} WHEN 1 THEN ${agents[1]} ELSE ${agents[2]} END,
      ${cat(db, sql`'question '`, sql`CAST(i AS TEXT)`)}, ${cat(db, sql`'word'`, sql`CAST(i AS TEXT)`)}, 0, '[]', ${now}, ${now}, 'open'
    FROM ${series(db, 0, gapCount)}`.execute(db.kysely);
}

/** Calls, conversations, turns and gap hits for calls [lo, hi) of `total`. */
async function fill(db: Db, lo: number, hi: number, total: number): Promise<void> {
  const t = sql`(${sql.lit(base)} + (i * ${sql.lit(yearS)}) / ${sql.lit(total)} + (i * 7919) % 600)`;
  const started = isoAt(db, t);
  const agent = sql`CASE i % 3 WHEN 0 THEN ${agents[0]} WHEN 1 THEN ${agents[1]} ELSE ${agents[2]} END`;
  const id = (p: string) => cat(db, sql.lit(p), sql`CAST(i AS TEXT)`);
  await sql`INSERT INTO conversations (id, business_id, agent_id, channel, caller, status, started_at, ended_at, duration_ms, state, summary)
    SELECT ${id('v')}, ${business}, ${agent}, 'voice', NULL, 'ended', ${started}, ${started}, (30 + (i * 37) % 300) * 1000, '{}', 'goodbye'
    FROM ${series(db, lo, hi)}`.execute(db.kysely);
  await sql`INSERT INTO calls (id, business_id, agent_id, conversation_id, direction, caller, dialed, state, billing, started_at, answered_at, ended_at, end_reason, message, external_status, channel, external_id, node_id)
    SELECT ${id('c')}, ${business}, ${agent}, ${id('v')}, 'inbound', NULL, '100', 'ended', 'included', ${started},
      CASE WHEN i % 20 = 0 THEN NULL ELSE ${isoAt(db, sql`${t} + 1`)} END,
      ${isoAt(db, sql`${t} + 1 + (30 + (i * 37) % 300)`)},
      CASE i % 10 WHEN 1 THEN 'transferred' WHEN 2 THEN 'caller-hangup' ELSE 'agent-hangup' END,
      CASE WHEN i % 10 = 3 THEN '{"text":"call me"}' ELSE NULL END, NULL, 'sip', NULL, NULL
    FROM ${series(db, lo, hi)}`.execute(db.kysely);
  for (const k of [0, 1]) {
    await sql`INSERT INTO conversation_turns (id, conversation_id, business_id, seq, speaker, text, intent, confidence, started_at, ended_at, latency, interrupted, meta, voice_to_voice_ms)
      SELECT ${id(`q${k}-`)}, ${id('v')}, ${business}, ${sql.lit(2 * k + 1)}, 'caller', 'a question', NULL, NULL, ${started}, ${started}, NULL, 0, NULL, NULL
      FROM ${series(db, lo, hi)}`.execute(db.kysely);
    await sql`INSERT INTO conversation_turns (id, conversation_id, business_id, seq, speaker, text, intent, confidence, started_at, ended_at, latency, interrupted, meta, voice_to_voice_ms)
      SELECT ${id(`r${k}-`)}, ${id('v')}, ${business}, ${sql.lit(2 * k + 2)}, 'agent', 'an answer',
        CASE (i + ${sql.lit(k)}) % 5 WHEN 0 THEN 'hours' WHEN 1 THEN 'price' WHEN 2 THEN 'question' WHEN 3 THEN 'location' ELSE 'unknown' END,
        0.9, ${started}, ${started}, NULL, 0, NULL, 300 + (i * ${sql.lit(13 + k)}) % 900
      FROM ${series(db, lo, hi)}`.execute(db.kysely);
  }
  await sql`INSERT INTO knowledge_gap_hits (id, business_id, agent_id, gap_id, conversation_id, turn_id, at)
    SELECT ${id('h')}, ${business}, ${agent}, ${cat(db, sql`'g'`, sql`CAST(((i / 20) * 3 + i % 3) % ${sql.lit(gapCount)} AS TEXT)`)}, ${id('v')}, ${id('r1-')}, ${started}
    FROM ${series(db, lo, hi)} WHERE i % 20 = 5`.execute(db.kysely);
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function measure(name: string, job: () => Promise<unknown>): Promise<void> {
  await job();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await job();
    ms.push(performance.now() - t0);
  }
  const p95 = pct(ms, 95);
  console.log(
    `  ${name.padEnd(44)} p50 ${pct(ms, 50).toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  ${p95 < 200 ? 'ok' : 'OVER 200 ms'}`,
  );
}

async function bench(db: Db, size: number): Promise<void> {
  const end = new Date((base + yearS) * 1000).toISOString();
  const month = new Date((base + yearS - 30 * 86_400) * 1000).toISOString();
  const start = new Date(base * 1000).toISOString();
  const r = (x: Partial<AnalyticsRange>): AnalyticsRange => ({
    businessId: business,
    from: month,
    to: end,
    bucket: 'day',
    ...x,
  });
  // Now: half a day after the last call, so the last two days are read live and the rest from
  // the daily rollups (rollup.ts), as on a box in use; the first request rolls the year up.
  const now = new Date((base + yearS + 43_200) * 1000);
  const t0 = performance.now();
  const check = await analytics(db, r({ from: start, bucket: 'week' }), now);
  console.log(
    `${db.dialect}, ${size.toLocaleString('en')} calls (counted back: ${check.totals.calls.toLocaleString('en')}); ` +
      `first request rolled the days up in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await measure('30 days per day, all agents', () => analytics(db, r({}), now));
  await measure('30 days per day, one agent', () => analytics(db, r({ agentId: agents[1] }), now));
  await measure('365 days per week, all agents', () =>
    analytics(db, r({ from: start, bucket: 'week' }), now),
  );
  await measure('365 days per week, one agent', () =>
    analytics(db, r({ from: start, bucket: 'week', agentId: agents[0] }), now),
  );
  await measure('gaps list (open, most asked first)', () =>
    listGaps(db.kysely, business, { status: 'open', limit: 50, offset: 0 }),
  );
}

async function main(): Promise<void> {
  let pg: PgCluster | undefined;
  try {
    for (const dialect of dialects) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-analytics-'));
      let databaseUrl = '';
      if (dialect === 'postgres') {
        pg ??= await startPostgres();
        databaseUrl = await pg.createDatabase(`bench_analytics_${process.pid}`);
      }
      const db = openDb({ databaseUrl, dataDir });
      try {
        await migrateToLatest(db);
        await setup(db);
        let filled = 0;
        for (const size of [...sizes].sort((a, b) => a - b)) {
          const t0 = performance.now();
          // Each set spreads its new calls over the year (the 100k first, then the 900k more on top).
          for (let lo = filled; lo < size; lo += chunk) await fill(db, lo, Math.min(size, lo + chunk), size);
          filled = size;
          // The calls added fall on days the smaller set had rolled up (a rolled day is final in the
          // appliance): the rollups start afresh, and the first request rolls the year up again.
          for (const t of [
            'analytics_rolled',
            'analytics_days',
            'analytics_day_hours',
            'analytics_day_intents',
            'analytics_day_latency',
          ] as const)
            await db.kysely.deleteFrom(t).execute();
          await sql.raw('ANALYZE').execute(db.kysely);
          console.log(
            `filled ${size.toLocaleString('en')} calls on ${dialect} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
          );
          await bench(db, size);
        }
      } finally {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await pg?.stop();
  }
}

await main();
