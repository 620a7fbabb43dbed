import type { Kysely } from 'kysely';
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
