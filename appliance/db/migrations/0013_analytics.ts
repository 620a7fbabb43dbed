/**
 * Call analytics and knowledge gaps (issue 19).
 *
 * - `knowledge_gaps`: per agent, one row per group of near-duplicate caller questions the agent
 *   could not answer (its honest fallback, intent `unknown`): the group's token key, count,
 *   a few examples, first/last seen, and whether a business user closed it with an answer.
 * - `knowledge_gap_hits`: one row per unanswered question (the gap it joined, the turn), so the
 *   analytics count unanswered questions per day/week in the database.
 * - `conversation_turns.voice_to_voice_ms`: the turn's voice-to-voice latency (ms) copied out of
 *   the latency JSON, so percentiles are an indexed ORDER BY on both dialects instead of parsing
 *   JSON in every row; filled for existing turns here.
 * - `conversations.outcome` and `conversations.post_call`: the post-call record (outcome, short
 *   summary, caller sentiment, the agent's extraction fields; JSON), written when the
 *   conversation ends (analytics/post-call.ts).
 * - Indexes for the analytics' range scans: calls by (business, agent, start); turns by
 *   (business, start).
 * - Daily rollups (analytics/rollup.ts), so a year of 1M calls is read as 365 rows per agent, not
 *   1M: `analytics_days` (counts and talk seconds), `analytics_day_hours` (calls per hour),
 *   `analytics_day_intents`, `analytics_day_latency` (voice-to-voice histogram), and
 *   `analytics_rolled`, the days already rolled up (a day is rolled once it is final).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('knowledge_gaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('tokens', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('examples', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo(sql`'open'`))
    .addColumn('answer', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createIndex('knowledge_gaps_agent')
    .on('knowledge_gaps')
    .columns(['business_id', 'agent_id', 'status', 'last_seen'])
    .execute();
  await db.schema
    .createTable('knowledge_gap_hits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('gap_id', 'text', (c) => c.notNull().references('knowledge_gaps.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('turn_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_gap_hits_time')
    .on('knowledge_gap_hits')
    .columns(['business_id', 'at', 'agent_id'])
    .execute();
  await db.schema
    .createIndex('knowledge_gap_hits_gap')
    .on('knowledge_gap_hits')
    .columns(['gap_id'])
    .execute();

  await db.schema.alterTable('conversation_turns').addColumn('voice_to_voice_ms', 'real').execute();
  await db.schema.alterTable('conversations').addColumn('outcome', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('post_call', 'text').execute();
  await db.schema
    .createIndex('conversation_turns_time')
    .on('conversation_turns')
    .columns(['business_id', 'started_at', 'speaker'])
    .execute();
  await db.schema
    .createIndex('calls_agent_time')
    .on('calls')
    .columns(['business_id', 'agent_id', 'started_at'])
    .execute();

  const day = (
    name: string,
    extra: (t: ReturnType<Kysely<unknown>['schema']['createTable']>) => typeof t,
    key: string[],
  ) =>
    extra(
      db.schema
        .createTable(name)
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull()),
    )
      .addPrimaryKeyConstraint(`${name}_pk`, ['business_id', 'day', 'agent_id', ...key] as never)
      .execute();
  await day(
    'analytics_days',
    (t) =>
      t
        .addColumn('calls', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ended', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('contained', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('transfers', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('talk_s', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('unanswered', 'integer', (c) => c.notNull().defaultTo(0)),
    [],
  );
  await day(
    'analytics_day_hours',
    (t) =>
      t.addColumn('hour', 'integer', (c) => c.notNull()).addColumn('calls', 'integer', (c) => c.notNull()),
    ['hour'],
  );
  await day(
    'analytics_day_intents',
    (t) => t.addColumn('intent', 'text', (c) => c.notNull()).addColumn('n', 'integer', (c) => c.notNull()),
    ['intent'],
  );
  await day(
    'analytics_day_latency',
    (t) => t.addColumn('bin', 'integer', (c) => c.notNull()).addColumn('n', 'integer', (c) => c.notNull()),
    ['bin'],
  );
  await db.schema
    .createTable('analytics_rolled')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('rolled_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_rolled_pk', ['business_id', 'day'])
    .execute();

  // Existing turns: read in id order, 1000 at a time, in JS (no dialect's JSON functions needed).
  let after = '';
  for (;;) {
    const rows = await sql<{ id: string; latency: string }>`
      SELECT id, latency FROM conversation_turns
      WHERE id > ${after} AND latency LIKE ${'%voiceToVoiceMs%'} ORDER BY id LIMIT 1000`.execute(db);
    if (!rows.rows.length) break;
    for (const r of rows.rows) {
      const v = voiceToVoiceOf(r.latency);
      if (v !== null)
        await sql`UPDATE conversation_turns SET voice_to_voice_ms = ${v} WHERE id = ${r.id}`.execute(db);
    }
    after = rows.rows[rows.rows.length - 1]?.id ?? after;
  }
}

const voiceToVoiceOf = (latency: string): number | null => {
  try {
    const v = (JSON.parse(latency) as { voiceToVoiceMs?: unknown }).voiceToVoiceMs;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
};

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'analytics_rolled',
    'analytics_day_latency',
    'analytics_day_intents',
    'analytics_day_hours',
    'analytics_days',
  ])
    await db.schema.dropTable(t).execute();
  await db.schema.dropIndex('calls_agent_time').execute();
  await db.schema.dropIndex('conversation_turns_time').execute();
  await db.schema.alterTable('conversations').dropColumn('post_call').execute();
  await db.schema.alterTable('conversations').dropColumn('outcome').execute();
  await db.schema.alterTable('conversation_turns').dropColumn('voice_to_voice_ms').execute();
  await db.schema.dropTable('knowledge_gap_hits').execute();
  await db.schema.dropTable('knowledge_gaps').execute();
}
