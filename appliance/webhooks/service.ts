import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { auditAction } from '../audit.js';
import type { AppContext } from '../context.js';
import type { WebhooksTable } from '../db/index.js';
import { AppError, notFound } from '../errors.js';
import type { Principal } from '../http/route.js';
import { newId } from '../ids.js';
import { envelope, parseEvents, type WebhookEventType } from './events.js';
import { enqueueOutbox } from './outbox.js';
import type { SecretBox } from './secret-box.js';
import { checkTargetUrl, OutboundRefused, type OutboundGuard } from '../net/index.js';

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookInput {
  url: string;
  events: WebhookEventType[];
  secret?: string | undefined;
  enabled?: boolean | undefined;
}

/** The AAD that binds a sealed secret to its webhook row. */
export const webhookAad = (businessId: string, id: string): string => `webhook:${businessId}:${id}`;

const view = (r: Selectable<WebhooksTable>): WebhookView => ({
  id: r.id,
  url: r.url,
  events: parseEvents(r.events),
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function vetUrl(url: string, guard: OutboundGuard): Promise<void> {
  try {
    await checkTargetUrl(url, guard);
  } catch (err) {
    if (err instanceof OutboundRefused)
      throw new AppError('validation_failed', `webhook URL refused: ${err.message}`, {
        details: { field: 'url', reason: err.reason },
      });
    throw err;
  }
}

export class WebhookService {
  constructor(
    private readonly app: AppContext,
    private readonly box: SecretBox,
    private readonly guard: OutboundGuard,
  ) {}

  private async row(businessId: string, id: string): Promise<Selectable<WebhooksTable>> {
    const r = await this.app.db.kysely
      .selectFrom('webhooks')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('webhook');
    return r;
  }

  async list(businessId: string): Promise<WebhookView[]> {
    const rows = await this.app.db.kysely
      .selectFrom('webhooks')
      .selectAll()
      .where('business_id', '=', businessId)
      .orderBy('created_at')
      .execute();
    return rows.map(view);
  }

  get = async (businessId: string, id: string): Promise<WebhookView> => view(await this.row(businessId, id));

  /** Creates a webhook; the signing secret is returned here and never again. */
  async create(p: Principal, input: WebhookInput, ip: string): Promise<WebhookView & { secret: string }> {
    await vetUrl(input.url, this.guard);
    const id = newId();
    const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    const now = this.app.now().toISOString();
    await this.app.db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhooks')
        .values({
          id,
          business_id: p.businessId,
          url: input.url,
          events: JSON.stringify([...new Set(input.events)]),
          secret_enc: this.box.seal(secret, webhookAad(p.businessId, id)),
          enabled: input.enabled === false ? 0 : 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await auditAction(trx, p, 'webhook.create', this.app.now(), { target: { type: 'webhook', id }, ip });
    });
    return { ...(await this.get(p.businessId, id)), secret };
  }

  async update(p: Principal, id: string, patch: Partial<WebhookInput>, ip: string): Promise<WebhookView> {
    await this.row(p.businessId, id);
    if (patch.url !== undefined) await vetUrl(patch.url, this.guard);
    await this.app.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhooks')
        .set({
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.events !== undefined ? { events: JSON.stringify([...new Set(patch.events)]) } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
          ...(patch.secret !== undefined
            ? { secret_enc: this.box.seal(patch.secret, webhookAad(p.businessId, id)) }
            : {}),
          updated_at: this.app.now().toISOString(),
        })
        .where('business_id', '=', p.businessId)
        .where('id', '=', id)
        .execute();
      await auditAction(trx, p, 'webhook.update', this.app.now(), {
        target: { type: 'webhook', id },
        details: { fields: Object.keys(patch) },
        ip,
      });
    });
    return this.get(p.businessId, id);
  }

  async remove(p: Principal, id: string, ip: string): Promise<void> {
    await this.row(p.businessId, id);
    await this.app.db.kysely.transaction().execute(async (trx) => {
      // Queued and logged deliveries go with it (attempts cascade).
      await trx
        .deleteFrom('outbox')
        .where('business_id', '=', p.businessId)
        .where('target_kind', '=', 'webhook')
        .where('target_id', '=', id)
        .execute();
      await trx.deleteFrom('webhooks').where('business_id', '=', p.businessId).where('id', '=', id).execute();
      await auditAction(trx, p, 'webhook.delete', this.app.now(), { target: { type: 'webhook', id }, ip });
    });
  }

  /** The plaintext signing secret of a webhook (for the dispatcher only). */
  async secretOf(businessId: string, id: string): Promise<{ url: string; secret: string } | null> {
    const r = await this.app.db.kysely
      .selectFrom('webhooks')
      .select(['url', 'secret_enc', 'enabled'])
      .where('business_id', '=', businessId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r || r.enabled !== 1) return null;
    return { url: r.url, secret: this.box.open(r.secret_enc, webhookAad(businessId, id)) };
  }

  /** Queues a `webhook.test` event for one webhook. */
  async sendTest(p: Principal, id: string): Promise<{ deliveryId: string; eventId: string }> {
    await this.row(p.businessId, id);
    const at = this.app.now();
    const { eventId, body } = envelope(p.businessId, 'webhook.test', { message: 'test delivery' }, at);
    const deliveryId = await enqueueOutbox(this.app.db.kysely, {
      businessId: p.businessId,
      targetKind: 'webhook',
      targetId: id,
      eventId,
      eventType: 'webhook.test',
      body,
      at,
    });
    return { deliveryId, eventId };
  }

  async deliveries(
    businessId: string,
    id: string,
    page: { limit: number; offset: number; status?: string | undefined },
  ): Promise<{ items: DeliveryView[]; total: number }> {
    await this.row(businessId, id);
    let q = this.app.db.kysely
      .selectFrom('outbox')
      .where('business_id', '=', businessId)
      .where('target_kind', '=', 'webhook')
      .where('target_id', '=', id);
    if (page.status) q = q.where('status', '=', page.status);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const attempts = rows.length
      ? await this.app.db.kysely
          .selectFrom('outbox_attempts')
          .selectAll()
          .where('business_id', '=', businessId)
          .where(
            'outbox_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('attempt')
          .execute()
      : [];
    return {
      total: Number(total?.n ?? 0),
      items: rows.map((r) => ({
        id: r.id,
        eventId: r.event_id,
        eventType: r.event_type,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
        lastStatusCode: r.last_status_code,
        lastError: r.last_error,
        createdAt: r.created_at,
        deliveredAt: r.delivered_at,
        log: attempts
          .filter((a) => a.outbox_id === r.id)
          .map((a) => ({
            attempt: a.attempt,
            startedAt: a.started_at,
            durationMs: a.duration_ms,
            statusCode: a.status_code,
            error: a.error,
            nextAttemptAt: a.next_attempt_at,
          })),
      })),
    };
  }

  /** Puts a dead-lettered delivery back in the queue (attempt count restarts). */
  async retry(p: Principal, id: string, deliveryId: string, ip: string): Promise<void> {
    await this.row(p.businessId, id);
    const now = this.app.now();
    await this.app.db.kysely.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString(), lease_until: null })
        .where('business_id', '=', p.businessId)
        .where('target_kind', '=', 'webhook')
        .where('target_id', '=', id)
        .where('id', '=', deliveryId)
        .where('status', '=', 'dead')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        const exists = await trx
          .selectFrom('outbox')
          .select('status')
          .where('business_id', '=', p.businessId)
          .where('target_id', '=', id)
          .where('id', '=', deliveryId)
          .executeTakeFirst();
        if (!exists) throw notFound('delivery');
        throw new AppError(
          'conflict',
          `only dead-lettered deliveries can be retried (this one is ${exists.status})`,
        );
      }
      await auditAction(trx, p, 'webhook.redeliver', now, {
        target: { type: 'webhook_delivery', id: deliveryId },
        ip,
      });
    });
  }
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: {
    attempt: number;
    startedAt: string;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
    nextAttemptAt: string | null;
  }[];
}
