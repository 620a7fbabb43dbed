import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * Knowledge storage in use = the sum of the business's document sizes (knowledge_documents,
 * owned by the knowledge module), copied onto an open usage period when usage is read and when
 * the period closes, so history keeps the figure of its time.
 */
export async function syncKnowledgeBytes(
  db: Kysely<Database>,
  businessId: string,
  usagePeriodId: string,
): Promise<void> {
  const r = await db
    .selectFrom('knowledge_documents')
    .select((eb) => eb.fn.sum<number | string>('size_bytes').as('bytes'))
    .where('business_id', '=', businessId)
    .executeTakeFirst();
  await db
    .updateTable('usage_periods')
    .set({ knowledge_bytes: Number(r?.bytes ?? 0) || 0 })
    .where('id', '=', usagePeriodId)
    .where('business_id', '=', businessId)
    .where('status', '=', 'open')
    .execute();
}
