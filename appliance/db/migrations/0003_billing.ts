import type { Kysely } from 'kysely';

/**
 * Billing, usage metering, the webhook/integration outbox and its delivery log. Portable types
 * only (text ids and ISO timestamps, integer counters, bigint for seconds and bytes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per subscription period: the real-time counters. Call admission increments `calls`
  // with one conditional UPDATE against `call_limit` (null: unlimited).
  await db.schema
    .createTable('usage_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('call_limit', 'integer')
    .addColumn('calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('metered_calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('metered_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('call_seconds', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('api_requests', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('knowledge_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('usage_periods_sub_start', ['subscription_id', 'period_start'])
    .execute();
  await db.schema
    .createIndex('usage_periods_business')
    .on('usage_periods')
    .columns(['business_id', 'status'])
    .execute();

  // Usage alerts: the unique key guarantees one notice per threshold per period.
  await db.schema
    .createTable('usage_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('usage_period_id', 'text', (c) => c.notNull())
    .addColumn('threshold_pct', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('usage_notices_once', ['usage_period_id', 'metric', 'threshold_pct'])
    .execute();
  await db.schema
    .createIndex('usage_notices_business')
    .on('usage_notices')
    .columns(['business_id', 'created_at'])
    .execute();

  // One statement per usage period; immutable once finalized_at is set.
  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('usage_period_id', 'text', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'bigint')
    .addColumn('content', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('finalized_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('statements_business')
    .on('statements')
    .columns(['business_id', 'period_start'])
    .execute();

  // Fixed charges recorded as they happen (plan fee, pro-ration); usage lines are added at close.
  await db.schema
    .createTable('statement_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id').onDelete('cascade'))
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_cents', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('statement_lines_statement')
    .on('statement_lines')
    .column('statement_id')
    .execute();

  // The durable outbox: one row per (event, target). Delivered at least once.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema
    .createIndex('outbox_target')
    .on('outbox')
    .columns(['business_id', 'target_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('outbox_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('outbox.id').onDelete('cascade'))
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('next_attempt_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_attempts_outbox').on('outbox_attempts').column('outbox_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'outbox_attempts',
    'outbox',
    'statement_lines',
    'statements',
    'usage_notices',
    'usage_periods',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
