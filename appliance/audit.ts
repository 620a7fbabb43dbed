import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from './db/index.js';
import type { Principal } from './http/route.js';
import { newId } from './ids.js';

export interface AuditEntry {
  businessId: string | null;
  actor: Principal | { kind: 'system' } | { kind: 'anonymous' };
  action: string;
  target?: { type: string; id: string };
  /** Never secrets or PII: ids, names of fields changed, counts. */
  details?: Record<string, unknown>;
  ip?: string;
}

/** Appends to the audit log inside the caller's transaction, so the record commits with the change. */
export async function audit(db: Kysely<Database>, e: AuditEntry, at: Date): Promise<void> {
  const actorId =
    e.actor.kind === 'user' ? e.actor.userId : e.actor.kind === 'api_key' ? e.actor.keyId : null;
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      business_id: e.businessId,
      actor_type: e.actor.kind,
      actor_id: actorId,
      action: e.action,
      target_type: e.target?.type ?? null,
      target_id: e.target?.id ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
      ip: e.ip ?? null,
      created_at: at.toISOString(),
    })
    .execute();
}

/** The usual entry: a principal acting on its own business (`extra`: target, details, client ip). */
export function auditAction(
  db: Kysely<Database>,
  p: Principal,
  action: string,
  at: Date,
  extra: Pick<AuditEntry, 'target' | 'details' | 'ip'> = {},
): Promise<void> {
  return audit(db, { businessId: p.businessId, actor: p, action, ...extra }, at);
}

/** Deletes audit entries older than `before` (retention, `audit.retentionDays`); returns how many. */
export async function purgeAudit(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('audit_log')
    .where('created_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The retention job: purges once at start, then every `intervalMs`. Errors are logged and the
 * next run tries again; returns the stop function.
 */
export function startAuditRetention(
  db: Kysely<Database>,
  opts: { retentionDays: number; intervalMs: number; now: () => Date; log: Logger },
): () => void {
  const run = (): void => {
    const before = new Date(opts.now().getTime() - opts.retentionDays * 86_400_000);
    purgeAudit(db, before).then(
      (n) => {
        if (n) opts.log.info({ purged: n, before: before.toISOString() }, 'audit log retention');
      },
      (err: unknown) => opts.log.error({ err }, 'audit log retention failed'),
    );
  };
  run();
  const timer = setInterval(run, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
