import type { Kysely } from 'kysely';
import { auditAction } from '../audit.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/index.js';
import { AppError, notFound } from '../errors.js';
import type { Principal } from '../http/route.js';
import { newId, type AgentId, type BusinessId } from '../ids.js';
import { canonicalNumber } from './numbers.js';
import {
  agentStatuses,
  createAgentBody,
  type AgentConfig,
  type AgentStatus,
  type AgentUpdate,
  type AgentView,
} from './schema.js';

type AgentRow = Database['agents'];

/**
 * Rebuilds the full view from a row plus its numbers. Rows were validated on write and carry
 * every field; defaults are merged in only for fields added to the schema after the row was
 * written (cheap spread, no schema parse on the read path).
 */
const configDefaults = createAgentBody.parse({ name: 'x' });
function toView(row: AgentRow, numbers: string[]): AgentView {
  const config = JSON.parse(row.config) as Partial<AgentConfig>;
  const status = (agentStatuses as readonly string[]).includes(row.status)
    ? (row.status as AgentStatus)
    : 'untrained';
  return {
    id: row.id,
    name: row.name,
    greeting: row.greeting,
    language: row.language,
    personality: { ...configDefaults.personality, ...(JSON.parse(row.personality) as object) },
    voice: { ...configDefaults.voice, ...(JSON.parse(row.voice) as object) },
    numbers,
    facts: { ...configDefaults.facts, ...config.facts },
    faqs: config.faqs ?? [],
    intents: config.intents ?? [],
    extraction: config.extraction ?? [],
    behaviour: {
      ...configDefaults.behaviour,
      ...config.behaviour,
      urgent: { ...configDefaults.behaviour.urgent, ...config.behaviour?.urgent },
    },
    status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function columnsOf(
  c: AgentConfig,
): Pick<AgentRow, 'name' | 'greeting' | 'language' | 'personality' | 'voice' | 'config'> {
  return {
    name: c.name,
    greeting: c.greeting,
    language: c.language,
    personality: JSON.stringify(c.personality),
    voice: JSON.stringify(c.voice),
    config: JSON.stringify({
      facts: c.facts,
      faqs: c.faqs,
      intents: c.intents,
      behaviour: c.behaviour,
      extraction: c.extraction,
    }),
  };
}

/**
 * A number routes to one agent on the whole box. Numbers held by another agent of the same
 * business are named; one held by another business gets a generic message that names neither
 * the number nor that it is taken (no probing other tenants' numbers).
 */
async function setNumbers(
  trx: Kysely<Database>,
  businessId: string,
  agentId: string,
  numbers: string[],
): Promise<void> {
  const unique = [...new Set(numbers.map(canonicalNumber))];
  if (unique.length > 0) {
    const taken = await trx
      .selectFrom('agent_numbers')
      .select(['number', 'business_id'])
      .where('number', 'in', unique)
      .where('agent_id', '!=', agentId)
      .execute();
    if (taken.some((t) => t.business_id !== businessId))
      throw new AppError('conflict', 'some of these numbers cannot be assigned; ask the appliance operator');
    if (taken.length > 0)
      throw new AppError('conflict', 'some numbers are already assigned to another of your agents', {
        details: { numbers: taken.map((t) => t.number) },
      });
  }
  await trx.deleteFrom('agent_numbers').where('agent_id', '=', agentId).execute();
  if (unique.length > 0)
    await trx
      .insertInto('agent_numbers')
      .values(unique.map((number) => ({ number, agent_id: agentId, business_id: businessId })))
      .execute();
}

async function numbersOf(db: Kysely<Database>, agentIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (agentIds.length === 0) return map;
  const rows = await db
    .selectFrom('agent_numbers')
    .select(['agent_id', 'number'])
    .where('agent_id', 'in', agentIds)
    .orderBy('number')
    .execute();
  for (const r of rows) (map.get(r.agent_id) ?? map.set(r.agent_id, []).get(r.agent_id))?.push(r.number);
  // Code-unit order in both dialects (a PostgreSQL locale collation would order '+1…' differently).
  for (const list of map.values()) list.sort();
  return map;
}

export async function createAgent(
  app: AppContext,
  p: Principal,
  config: AgentConfig,
  ip: string,
): Promise<AgentView> {
  const now = app.now().toISOString();
  const id = newId<AgentId>();
  const row: AgentRow = {
    id,
    business_id: p.businessId,
    ...columnsOf(config),
    status: 'untrained',
    status_detail: null,
    trained_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('agents').values(row).execute();
    await setNumbers(trx, p.businessId, id, config.numbers);
    await auditAction(trx, p, 'agent.create', app.now(), { target: { type: 'agent', id }, ip });
  });
  return toView(row, [...new Set(config.numbers)].sort());
}

export async function listAgents(
  app: AppContext,
  businessId: BusinessId,
  page: { limit: number; offset: number },
): Promise<{ items: AgentView[]; total: number }> {
  const rows = await app.db.kysely
    .selectFrom('agents')
    .selectAll()
    .where('business_id', '=', businessId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const totalRow = await app.db.kysely
    .selectFrom('agents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('business_id', '=', businessId)
    .executeTakeFirst();
  const nums = await numbersOf(
    app.db.kysely,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toView(r, nums.get(r.id) ?? [])), total: Number(totalRow?.n ?? 0) };
}

async function getRow(db: Kysely<Database>, businessId: BusinessId, id: string): Promise<AgentRow> {
  const row = await db
    .selectFrom('agents')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('agent');
  return row;
}

export async function getAgent(app: AppContext, businessId: BusinessId, id: string): Promise<AgentView> {
  const row = await getRow(app.db.kysely, businessId, id);
  const nums = await numbersOf(app.db.kysely, [id]);
  return toView(row, nums.get(id) ?? []);
}

/** Updates the fields present; the version increases so training knows it is stale. */
export async function updateAgent(
  app: AppContext,
  p: Principal,
  id: string,
  patch: AgentUpdate,
  ip: string,
): Promise<AgentView> {
  // The row is locked on PostgreSQL (SQLite serializes writers) so concurrent updates each see the
  // other's result and every one increments the version; the view is built from the updated row
  // (RETURNING) instead of being read again: 2 fewer round trips per PUT.
  return app.db.kysely.transaction().execute(async (trx) => {
    let q = trx.selectFrom('agents').selectAll().where('business_id', '=', p.businessId).where('id', '=', id);
    if (app.db.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw notFound('agent');
    const nums = (await numbersOf(trx, [id])).get(id) ?? [];
    const current = toView(row, nums);
    const next: AgentConfig = { ...current, ...patch } as AgentConfig;
    const updated = await trx
      .updateTable('agents')
      .set({ ...columnsOf(next), version: row.version + 1, updated_at: app.now().toISOString() })
      .where('id', '=', id)
      .where('business_id', '=', p.businessId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (patch.numbers) await setNumbers(trx, p.businessId, id, patch.numbers);
    await auditAction(trx, p, 'agent.update', app.now(), {
      target: { type: 'agent', id },
      details: { fields: Object.keys(patch) },
      ip,
    });
    return toView(updated, patch.numbers ? [...new Set(patch.numbers)].sort() : nums);
  });
}

export async function deleteAgent(app: AppContext, p: Principal, id: string, ip: string): Promise<void> {
  await app.db.kysely.transaction().execute(async (trx) => {
    await getRow(trx, p.businessId, id);
    await trx.deleteFrom('agent_numbers').where('agent_id', '=', id).execute();
    await trx.deleteFrom('agents').where('id', '=', id).where('business_id', '=', p.businessId).execute();
    await auditAction(trx, p, 'agent.delete', app.now(), { target: { type: 'agent', id }, ip });
  });
}

/** The agent a dialed number reaches, across all businesses (call routing; any spelling of the number). */
export async function agentForNumber(
  app: AppContext,
  number: string,
): Promise<{ agentId: AgentId; businessId: BusinessId } | undefined> {
  const r = await app.db.kysely
    .selectFrom('agent_numbers')
    .select(['agent_id', 'business_id'])
    .where('number', '=', canonicalNumber(number))
    .executeTakeFirst();
  return r ? { agentId: r.agent_id as AgentId, businessId: r.business_id as BusinessId } : undefined;
}

export { getRow as getAgentRow };
