import type { Kysely, Selectable } from 'kysely';
import type { CampaignNumbersTable, CampaignsTable, Database } from '../db/index.js';
import { newId } from '../ids.js';
import { currentUsagePeriod } from '../billing/index.js';
import { dncAmong } from './dnc.js';
import type {
  CallingWindow,
  CampaignCallOutcome,
  CampaignNumberView,
  CampaignState,
  CampaignView,
  NumberEntry,
  NumberState,
  PauseReason,
} from './types.js';

type Db = Kysely<Database>;
export type CampaignRow = Selectable<CampaignsTable>;
export type NumberRow = Selectable<CampaignNumbersTable>;

/** Rows per INSERT: under SQLite's 32766 bound parameters at 16 columns a row. */
const insertBatch = 500;
/** Numbers still to be dialed (or being dialed): a campaign is complete once none is left. */
export const openNumberStates: readonly NumberState[] = ['pending', 'retry', 'dialing'];

export function campaignView(r: CampaignRow, numbers: number): CampaignView {
  return {
    id: r.id,
    name: r.name,
    agentId: r.agent_id,
    status: r.status as CampaignState,
    pauseReason: (r.pause_reason as PauseReason | null) ?? null,
    timeZone: r.time_zone,
    windows: parseWindows(r.windows),
    concurrency: Number(r.concurrency),
    maxAttempts: Number(r.max_attempts),
    retryBackoffS: Number(r.retry_backoff_s),
    voicemailMessage: r.voicemail_message,
    amd: Number(r.amd) === 1,
    numbers,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

export function parseWindows(text: string): CallingWindow[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as CallingWindow[]) : [];
  } catch {
    return [];
  }
}

export function numberView(r: NumberRow): CampaignNumberView {
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    line: Number(r.line),
    status: r.status as NumberState,
    attempts: Number(r.attempts),
    outcome: (r.outcome as CampaignCallOutcome | null) ?? null,
    lastCallId: r.last_call_id,
    lastReason: r.last_reason,
    nextAttemptAt: r.next_attempt_at,
    durationS: Number(r.duration_s),
    updatedAt: r.updated_at,
  };
}

/** A campaign's settings as created (the view's own fields, without state and figures). */
export type NewCampaign = Pick<
  CampaignView,
  | 'name'
  | 'agentId'
  | 'timeZone'
  | 'windows'
  | 'concurrency'
  | 'maxAttempts'
  | 'retryBackoffS'
  | 'voicemailMessage'
  | 'amd'
>;

export async function insertCampaign(db: Db, businessId: string, c: NewCampaign, at: Date): Promise<string> {
  const id = newId();
  const now = at.toISOString();
  await db
    .insertInto('campaigns')
    .values({
      id,
      business_id: businessId,
      name: c.name,
      agent_id: c.agentId,
      status: 'draft',
      pause_reason: null,
      time_zone: c.timeZone,
      windows: JSON.stringify(c.windows),
      concurrency: c.concurrency,
      max_attempts: c.maxAttempts,
      retry_backoff_s: c.retryBackoffS,
      voicemail_message: c.voicemailMessage,
      amd: c.amd ? 1 : 0,
      created_at: now,
      updated_at: now,
      started_at: null,
      ended_at: null,
    })
    .execute();
  return id;
}

export async function getCampaignRow(
  db: Db,
  businessId: string,
  id: string,
): Promise<CampaignRow | undefined> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countNumbers(
  db: Db,
  businessId: string,
  campaignIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('campaign_numbers')
    .select(['campaign_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('business_id', '=', businessId)
    .where('campaign_id', 'in', campaignIds)
    .groupBy('campaign_id')
    .execute();
  for (const r of rows) out.set(r.campaign_id, Number(r.n));
  return out;
}

export async function listCampaigns(
  db: Db,
  businessId: string,
  opts: { limit: number; offset: number; status?: CampaignState },
): Promise<{ items: CampaignView[]; total: number }> {
  let q = db.selectFrom('campaigns').where('business_id', '=', businessId);
  if (opts.status) q = q.where('status', '=', opts.status);
  const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  const counts = await countNumbers(
    db,
    businessId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => campaignView(r, counts.get(r.id) ?? 0)), total: Number(total?.n ?? 0) };
}

export interface AddedNumbers {
  added: number;
  /** Already in the campaign (an earlier upload). */
  duplicates: number;
  /** On the do-not-call list: stored as `dnc-skipped`, never dialed. */
  dncSkipped: number;
}

/**
 * Adds numbers to a campaign in the caller's transaction. Numbers already in it are dropped;
 * numbers on the DNC list are kept as `dnc-skipped` so the report shows them.
 */
export async function addNumbers(
  db: Db,
  businessId: string,
  campaignId: string,
  entries: readonly NumberEntry[],
  at: Date,
): Promise<AddedNumbers> {
  const now = at.toISOString();
  const dnc = await dncAmong(
    db,
    businessId,
    entries.map((e) => e.number),
  );
  const out: AddedNumbers = { added: 0, duplicates: 0, dncSkipped: 0 };
  const last = await db
    .selectFrom('campaign_numbers')
    .select((eb) => eb.fn.max<number | string | null>('position').as('p'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  let position = Number(last?.p ?? 0);
  for (let i = 0; i < entries.length; i += insertBatch) {
    const batch = entries.slice(i, i + insertBatch);
    const existing = new Set(
      (
        await db
          .selectFrom('campaign_numbers')
          .select('number')
          .where('campaign_id', '=', campaignId)
          .where(
            'number',
            'in',
            batch.map((e) => e.number),
          )
          .execute()
      ).map((r) => r.number),
    );
    const fresh = batch.filter((e) => !existing.has(e.number));
    out.duplicates += batch.length - fresh.length;
    if (fresh.length === 0) continue;
    await db
      .insertInto('campaign_numbers')
      .values(
        fresh.map((e) => {
          const skipped = dnc.has(e.number);
          if (skipped) out.dncSkipped++;
          else out.added++;
          return {
            id: newId(),
            business_id: businessId,
            campaign_id: campaignId,
            number: e.number,
            name: e.name,
            line: e.line,
            position: ++position,
            status: skipped ? 'dnc-skipped' : 'pending',
            attempts: 0,
            outcome: null,
            last_call_id: null,
            last_reason: null,
            next_attempt_at: null,
            duration_s: 0,
            dialing_node: null,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
  return out;
}

export async function listNumbers(
  db: Db,
  businessId: string,
  campaignId: string,
  opts: { limit: number; offset: number; status?: NumberState },
): Promise<{ items: CampaignNumberView[]; total: number }> {
  let q = db
    .selectFrom('campaign_numbers')
    .where('business_id', '=', businessId)
    .where('campaign_id', '=', campaignId);
  if (opts.status) q = q.where('status', '=', opts.status);
  const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await q
    .selectAll()
    .orderBy('position')
    .orderBy('id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { items: rows.map(numberView), total: Number(total?.n ?? 0) };
}

/** Every number of a campaign in list order (the report's CSV). */
export async function allNumbers(db: Db, businessId: string, campaignId: string): Promise<NumberRow[]> {
  return db
    .selectFrom('campaign_numbers')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('campaign_id', '=', campaignId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Numbers of the campaign per state (a state with none is absent). */
export async function countByState(
  db: Db,
  campaignId: string,
): Promise<Partial<Record<NumberState, number>>> {
  const rows = await db
    .selectFrom('campaign_numbers')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute();
  const out: Partial<Record<NumberState, number>> = {};
  for (const r of rows) out[r.status as NumberState] = Number(r.n);
  return out;
}

/**
 * Whether the business's plan would refuse a call now (read only: the dialer's admission counts
 * the call). Refused: no subscription, or a limited plan at its limit without a per-call price.
 */
export async function planRefuses(db: Db, businessId: string, at: Date): Promise<boolean> {
  const u = await currentUsagePeriod(db, businessId, at);
  if (!u) return true;
  if (u.call_limit === null || Number(u.calls) < Number(u.call_limit)) return false;
  const plan = await db
    .selectFrom('plans')
    .select('per_call_cents')
    .where('id', '=', u.plan_id)
    .executeTakeFirst();
  return !(Number(plan?.per_call_cents ?? 0) > 0);
}
