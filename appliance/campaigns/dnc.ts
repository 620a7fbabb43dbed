import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/index.js';
import { notFound } from '../errors.js';
import { authedRoute, type Route } from '../http/route.js';
import { normalizeNumber } from './csv.js';
import { count, page } from './schemas.js';

/**
 * The business's do-not-call list: normalised numbers that no campaign dials. Checked when a
 * list is uploaded (stored as `dnc-skipped`) and again when a number comes up for dialing.
 */
type Db = Kysely<Database>;

/** Numbers per statement (IN lists, multi-row INSERTs): well under SQLite's bound-parameter cap. */
const insertBatch = 500;

/** Normalised numbers of `numbers` that are on the business's do-not-call list. */
export async function dncAmong(db: Db, businessId: string, numbers: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < numbers.length; i += insertBatch) {
    const rows = await db
      .selectFrom('campaign_dnc')
      .select('number')
      .where('business_id', '=', businessId)
      .where('number', 'in', numbers.slice(i, i + insertBatch))
      .execute();
    for (const r of rows) out.add(r.number);
  }
  return out;
}

export async function listDnc(
  db: Db,
  businessId: string,
  opts: { limit: number; offset: number },
): Promise<{ items: { number: string; createdAt: string }[]; total: number }> {
  const total = await db
    .selectFrom('campaign_dnc')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('business_id', '=', businessId)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('campaign_dnc')
    .select(['number', 'created_at'])
    .where('business_id', '=', businessId)
    .orderBy('number')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return {
    items: rows.map((r) => ({ number: r.number, createdAt: r.created_at })),
    total: Number(total?.n ?? 0),
  };
}

/** Adds numbers (normalised) to the list; returns how many were new. */
export async function addDnc(
  db: Db,
  businessId: string,
  numbers: readonly string[],
  at: Date,
): Promise<number> {
  const have = await dncAmong(db, businessId, numbers);
  const fresh = [...new Set(numbers)].filter((n) => !have.has(n));
  for (let i = 0; i < fresh.length; i += insertBatch)
    await db
      .insertInto('campaign_dnc')
      .values(
        fresh
          .slice(i, i + insertBatch)
          .map((number) => ({ business_id: businessId, number, created_at: at.toISOString() })),
      )
      // Another request adding the same number meanwhile: already there is what was asked.
      .onConflict((oc) => oc.columns(['business_id', 'number']).doNothing())
      .execute();
  return fresh.length;
}

export async function removeDnc(db: Db, businessId: string, number: string): Promise<boolean> {
  const r = await db
    .deleteFrom('campaign_dnc')
    .where('business_id', '=', businessId)
    .where('number', '=', number)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** GET/POST /dnc and DELETE /dnc/{number}: the list, scoped by the caller's business. */
export function dncRoutes(db: Db, now: () => Date): Route[] {
  return [
    authedRoute({
      method: 'get',
      path: '/dnc',
      tag: 'campaigns',
      summary: "The business's do-not-call list",
      auth: 'viewer',
      query: z.strictObject(page),
      responses: {
        200: {
          description: 'numbers never called by campaigns',
          schema: z.object({
            items: z.array(z.object({ number: z.string(), createdAt: z.string() })),
            total: count,
          }),
        },
      },
      handler: async ({ principal, query }) => ({ body: await listDnc(db, principal.businessId, query) }),
    }),
    authedRoute({
      method: 'post',
      path: '/dnc',
      tag: 'campaigns',
      summary: 'Add numbers to the do-not-call list (skipped by every campaign from now on, even mid-run)',
      auth: 'editor',
      body: z.strictObject({ numbers: z.array(z.string().max(64)).min(1).max(10_000) }),
      responses: {
        200: {
          description: 'added (new) and refused numbers',
          schema: z.object({ added: count, invalid: z.array(z.string()) }),
        },
      },
      handler: async ({ principal, body }) => {
        const valid: string[] = [];
        const invalid: string[] = [];
        for (const raw of body.numbers) {
          const n = normalizeNumber(raw);
          if (n) valid.push(n);
          else invalid.push(raw);
        }
        return { body: { added: await addDnc(db, principal.businessId, valid, now()), invalid } };
      },
    }),
    authedRoute({
      method: 'delete',
      path: '/dnc/{number}',
      tag: 'campaigns',
      summary: 'Remove a number from the do-not-call list',
      auth: 'editor',
      params: z.strictObject({ number: z.string().max(64) }),
      responses: { 204: { description: 'removed' }, 404: { description: 'not on the list' } },
      handler: async ({ principal, params }) => {
        const n = normalizeNumber(params.number);
        if (!n || !(await removeDnc(db, principal.businessId, n)))
          throw notFound('number on the do-not-call list');
        return { status: 204 };
      },
    }),
  ];
}
