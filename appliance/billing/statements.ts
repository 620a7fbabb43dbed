import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, StatementsTable, UsagePeriodsTable } from '../db/index.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';

/**
 * Monthly statements. A statement opens with its period (plan fee line), collects pro-ration
 * lines as plans change, and is finalised when the period closes: usage lines are added, the
 * whole statement is frozen as canonical JSON with its SHA-256, and it is never recomputed.
 * Amounts are integer cents (USD); credits are negative lines.
 */
export const lineKinds = ['plan_fee', 'proration_credit', 'proration_charge', 'metered_calls'] as const;
export type LineKind = (typeof lineKinds)[number];

export interface StatementLine {
  seq: number;
  kind: LineKind;
  description: string;
  quantity: number;
  unitCents: number;
  amountCents: number;
}

export interface StatementView {
  id: string;
  number: string;
  status: 'open' | 'final';
  periodStart: string;
  periodEnd: string;
  currency: 'USD';
  lines: StatementLine[];
  totalCents: number;
  usage: { calls: number; callSeconds: number; apiRequests: number; knowledgeBytes: number };
  finalizedAt: string | null;
  contentHash: string | null;
}

export interface StatementSummary {
  id: string;
  number: string;
  status: 'open' | 'final';
  periodStart: string;
  periodEnd: string;
  totalCents: number | null;
  finalizedAt: string | null;
}

type Db = Kysely<Database>;

export async function openStatement(db: Db, u: Selectable<UsagePeriodsTable>, at: Date): Promise<string> {
  const id = newId();
  await db
    .insertInto('statements')
    .values({
      id,
      business_id: u.business_id,
      usage_period_id: u.id,
      number: `ST-${u.period_start.slice(0, 10).replace(/-/g, '')}-${id.slice(0, 8).toUpperCase()}`,
      period_start: u.period_start,
      period_end: u.period_end,
      currency: 'USD',
      status: 'open',
      total_cents: null,
      content: null,
      content_hash: null,
      finalized_at: null,
      created_at: at.toISOString(),
    })
    .execute();
  return id;
}

export async function addLine(
  db: Db,
  businessId: string,
  usagePeriodId: string,
  line: Omit<StatementLine, 'seq'>,
  at: Date,
): Promise<void> {
  const st = await db
    .selectFrom('statements')
    .select(['id', 'finalized_at'])
    .where('business_id', '=', businessId)
    .where('usage_period_id', '=', usagePeriodId)
    .executeTakeFirst();
  if (!st || st.finalized_at) return; // a closed statement never changes
  const max = await db
    .selectFrom('statement_lines')
    .select((eb) => eb.fn.max<number>('seq').as('m'))
    .where('statement_id', '=', st.id)
    .executeTakeFirst();
  await db
    .insertInto('statement_lines')
    .values({
      id: newId(),
      statement_id: st.id,
      business_id: businessId,
      seq: Number(max?.m ?? 0) + 1,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unit_cents: line.unitCents,
      amount_cents: line.amountCents,
      created_at: at.toISOString(),
    })
    .execute();
}

/** The statement as it stands now (open: fixed lines plus usage so far). */
async function compute(db: Db, st: Selectable<StatementsTable>): Promise<StatementView> {
  const u = await db
    .selectFrom('usage_periods')
    .selectAll()
    .where('id', '=', st.usage_period_id)
    .where('business_id', '=', st.business_id)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('statement_lines')
    .selectAll()
    .where('statement_id', '=', st.id)
    .where('business_id', '=', st.business_id)
    .orderBy('seq')
    .execute();
  const lines: StatementLine[] = rows.map((r) => ({
    seq: r.seq,
    kind: r.kind as LineKind,
    description: r.description,
    quantity: r.quantity,
    unitCents: r.unit_cents,
    amountCents: r.amount_cents,
  }));
  const meteredCalls = Number(u.metered_calls);
  if (meteredCalls > 0)
    lines.push({
      seq: lines.length + 1,
      kind: 'metered_calls',
      description: u.call_limit === null ? 'Pay-per-use calls' : 'Calls over the plan allowance',
      quantity: meteredCalls,
      unitCents: Math.round(Number(u.metered_cents) / meteredCalls),
      amountCents: Number(u.metered_cents),
    });
  return {
    id: st.id,
    number: st.number,
    status: 'open',
    periodStart: st.period_start,
    periodEnd: st.period_end,
    currency: 'USD',
    lines,
    totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
    usage: {
      calls: Number(u.calls),
      callSeconds: Number(u.call_seconds),
      apiRequests: Number(u.api_requests),
      knowledgeBytes: Number(u.knowledge_bytes),
    },
    finalizedAt: null,
    contentHash: null,
  };
}

/** Freezes the statement of a closed period. Idempotent: a finalised statement is left alone. */
export async function finalizeStatement(
  db: Db,
  businessId: string,
  usagePeriodId: string,
  at: Date,
): Promise<void> {
  const st = await db
    .selectFrom('statements')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('usage_period_id', '=', usagePeriodId)
    .executeTakeFirst();
  if (!st || st.finalized_at) return;
  const v = await compute(db, st);
  const finalizedAt = at.toISOString();
  const frozen = { ...v, status: 'final' as const, finalizedAt, contentHash: null };
  const content = JSON.stringify(frozen);
  const hash = createHash('sha256').update(content).digest('hex');
  await db
    .updateTable('statements')
    .set({
      status: 'final',
      total_cents: v.totalCents,
      content,
      content_hash: hash,
      finalized_at: finalizedAt,
    })
    .where('id', '=', st.id)
    .where('finalized_at', 'is', null)
    .execute();
}

export async function getStatement(db: Db, businessId: string, id: string): Promise<StatementView> {
  const st = await db
    .selectFrom('statements')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!st) throw notFound('statement');
  if (st.content && st.content_hash) {
    // Finalised: served from the frozen content, never recomputed.
    const frozen = JSON.parse(st.content) as StatementView;
    return { ...frozen, contentHash: st.content_hash };
  }
  return compute(db, st);
}

export async function listStatements(
  db: Db,
  businessId: string,
  page: { limit: number; offset: number },
): Promise<{ items: StatementSummary[]; total: number }> {
  const total = await db
    .selectFrom('statements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('business_id', '=', businessId)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('statements')
    .select(['id', 'number', 'status', 'period_start', 'period_end', 'total_cents', 'finalized_at'])
    .where('business_id', '=', businessId)
    .orderBy('period_start', 'desc')
    .orderBy('created_at', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status === 'final' ? 'final' : 'open',
      periodStart: r.period_start,
      periodEnd: r.period_end,
      totalCents: r.total_cents === null ? null : Number(r.total_cents),
      finalizedAt: r.finalized_at,
    })),
  };
}

/**
 * RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). Text cells
 * that start with = + - @ or a tab get a leading apostrophe so spreadsheets never run them as
 * formulas; numbers are written as numbers.
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statementCsv(s: StatementView): string {
  const head = [
    'statement',
    'period_start',
    'period_end',
    'status',
    'line',
    'kind',
    'description',
    'quantity',
    'unit_cents',
    'amount_cents',
  ];
  const rows: (string | number | null)[][] = s.lines.map((l) => [
    s.number,
    s.periodStart,
    s.periodEnd,
    s.status,
    l.seq,
    l.kind,
    l.description,
    l.quantity,
    l.unitCents,
    l.amountCents,
  ]);
  rows.push([
    s.number,
    s.periodStart,
    s.periodEnd,
    s.status,
    null,
    'total',
    'Total (USD cents)',
    null,
    null,
    s.totalCents,
  ]);
  return [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
