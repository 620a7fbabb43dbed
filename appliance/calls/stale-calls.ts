/**
 * Stale call sweep: a call row that is still `ringing` long after it started never reached a
 * final state (the process failed between admission and answer, or crashed). It is ended with
 * `end_reason` 'stale' and its plan admission is given back, so it neither shows as live nor
 * counts against the plan. Inbound rows ring for a moment (admission, then answer at once) and
 * test calls at most their 60 s answer timeout, so `calls.staleRingingS` (default 300 s) leaves
 * live calls of every node alone. Each row is ended by one conditional UPDATE, so two nodes
 * sweeping together release a call once.
 */
import type { AppContext } from '../context.js';
import { releaseCallAdmission } from '../billing/index.js';

export async function sweepStaleCalls(app: AppContext, now: Date = app.now()): Promise<number> {
  const cutoff = new Date(now.getTime() - app.config.calls.staleRingingS * 1000).toISOString();
  const db = app.db.kysely;
  const stale = await db
    .selectFrom('calls')
    .select(['id', 'business_id', 'billing', 'started_at'])
    .where('state', '=', 'ringing')
    .where('started_at', '<', cutoff)
    .limit(500)
    .execute();
  let ended = 0;
  for (const c of stale) {
    const done = await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('calls')
        .set({ state: 'ended', ended_at: now.toISOString(), end_reason: 'stale' })
        .where('id', '=', c.id)
        .where('business_id', '=', c.business_id)
        .where('state', '=', 'ringing')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await releaseCallAdmission(trx, c.business_id, c.billing, c.started_at);
      return true;
    });
    if (done) ended++;
  }
  if (ended) app.log.warn({ ended }, 'stale ringing calls ended and their plan admissions released');
  return ended;
}
