import type { Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import { auditAction } from '../audit.js';
import type { AppContext } from '../context.js';
import type { Database, IntegrationsTable } from '../db/index.js';
import { AppError, notFound } from '../errors.js';
import type { Principal } from '../http/route.js';
import { newId } from '../ids.js';
import { checkTargetUrl, OutboundRefused, sendHttp, type OutboundGuard } from '../net/index.js';
import { enqueueOutbox, type PreparedRequest, type SecretBox } from '../webhooks/index.js';
import {
  authHeaders,
  credentialsSchema,
  extractName,
  joinUrl,
  lookupUrl,
  restConfigSchema,
  type CallSummary,
  type Credentials,
  type RestConfig,
} from './connector.js';

export interface IntegrationView {
  id: string;
  kind: 'rest';
  name: string;
  enabled: boolean;
  config: RestConfig;
  hasCredentials: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface IntegrationInput {
  name: string;
  config: RestConfig;
  credentials?: Credentials | null | undefined;
  enabled?: boolean | undefined;
}

const aad = (businessId: string, id: string): string => `integration:${businessId}:${id}`;

function parseConfig(text: string): RestConfig | null {
  try {
    const r = restConfigSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const view = (r: Selectable<IntegrationsTable>): IntegrationView | null => {
  const config = parseConfig(r.config);
  if (!config) return null;
  return {
    id: r.id,
    kind: 'rest',
    name: r.name,
    enabled: r.enabled === 1,
    config,
    hasCredentials: r.credentials_enc !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};

/** CRM connections: CRUD with credentials sealed at rest, caller lookup, call summaries via the outbox. */
export class IntegrationService {
  constructor(
    private readonly app: AppContext,
    private readonly box: SecretBox,
    private readonly guard: OutboundGuard,
    private readonly log?: Logger,
  ) {}

  private get db(): Kysely<Database> {
    return this.app.db.kysely;
  }

  private async row(businessId: string, id: string): Promise<Selectable<IntegrationsTable>> {
    const r = await this.db
      .selectFrom('integrations')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('integration');
    return r;
  }

  private async vet(baseUrl: string): Promise<void> {
    try {
      await checkTargetUrl(baseUrl, this.guard);
    } catch (err) {
      if (err instanceof OutboundRefused)
        throw new AppError('validation_failed', `base URL refused: ${err.message}`, {
          details: { field: 'config.baseUrl', reason: err.reason },
        });
      throw err;
    }
  }

  async list(businessId: string): Promise<IntegrationView[]> {
    const rows = await this.db
      .selectFrom('integrations')
      .selectAll()
      .where('business_id', '=', businessId)
      .orderBy('created_at')
      .execute();
    return rows.map(view).filter((v): v is IntegrationView => v !== null);
  }

  async get(businessId: string, id: string): Promise<IntegrationView> {
    const v = view(await this.row(businessId, id));
    if (!v) throw new AppError('internal', 'integration config unreadable');
    return v;
  }

  async create(p: Principal, input: IntegrationInput, ip: string): Promise<IntegrationView> {
    await this.vet(input.config.baseUrl);
    const id = newId();
    const now = this.app.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('integrations')
        .values({
          id,
          business_id: p.businessId,
          kind: 'rest',
          name: input.name,
          config: JSON.stringify(input.config),
          credentials_enc: input.credentials
            ? this.box.seal(JSON.stringify(input.credentials), aad(p.businessId, id))
            : null,
          enabled: input.enabled === false ? 0 : 1,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
      await auditAction(trx, p, 'integration.create', now, { target: { type: 'integration', id }, ip });
    });
    return this.get(p.businessId, id);
  }

  /** Fields present are replaced; `credentials: null` removes the stored credential. */
  async update(
    p: Principal,
    id: string,
    patch: Partial<IntegrationInput>,
    ip: string,
  ): Promise<IntegrationView> {
    await this.row(p.businessId, id);
    if (patch.config) await this.vet(patch.config.baseUrl);
    const now = this.app.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('integrations')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.config !== undefined ? { config: JSON.stringify(patch.config) } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
          ...(patch.credentials !== undefined
            ? {
                credentials_enc: patch.credentials
                  ? this.box.seal(JSON.stringify(patch.credentials), aad(p.businessId, id))
                  : null,
              }
            : {}),
          updated_at: now.toISOString(),
        })
        .where('business_id', '=', p.businessId)
        .where('id', '=', id)
        .execute();
      await auditAction(trx, p, 'integration.update', now, {
        target: { type: 'integration', id },
        details: { fields: Object.keys(patch) },
        ip,
      });
    });
    return this.get(p.businessId, id);
  }

  async remove(p: Principal, id: string, ip: string): Promise<void> {
    await this.row(p.businessId, id);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('outbox')
        .where('business_id', '=', p.businessId)
        .where('target_kind', '=', 'integration')
        .where('target_id', '=', id)
        .execute();
      await trx
        .deleteFrom('integrations')
        .where('business_id', '=', p.businessId)
        .where('id', '=', id)
        .execute();
      await auditAction(trx, p, 'integration.delete', this.app.now(), {
        target: { type: 'integration', id },
        ip,
      });
    });
  }

  private credentialsOf(r: Selectable<IntegrationsTable>): Credentials | null {
    if (!r.credentials_enc) return null;
    const c = credentialsSchema.safeParse(
      JSON.parse(this.box.open(r.credentials_enc, aad(r.business_id, r.id))),
    );
    return c.success ? c.data : null;
  }

  /**
   * Asks the business's CRM connections who is calling, first answer wins; undefined when no
   * connection knows the number or none answers within timeoutMs (default 1500). Never throws.
   */
  async lookupCaller(
    businessId: string,
    phone: string,
    timeoutMs = 1500,
  ): Promise<{ name?: string } | undefined> {
    const rows = await this.db
      .selectFrom('integrations')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('enabled', '=', 1)
      .orderBy('created_at')
      .execute();
    const deadline = Date.now() + timeoutMs;
    for (const r of rows) {
      const config = parseConfig(r.config);
      const url = config && lookupUrl(config, phone);
      if (!config || !url) continue;
      const left = deadline - Date.now();
      if (left <= 0) break;
      try {
        const res = await sendHttp({
          method: 'GET',
          url,
          headers: { accept: 'application/json', ...authHeaders(config, this.credentialsOf(r)) },
          timeoutMs: left,
          guard: this.guard,
        });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const name = extractName(config, res.body);
          if (name) return { name };
        }
      } catch (err) {
        this.log?.warn(
          { integrationId: r.id, err: err instanceof Error ? err.message : String(err), pii: { phone } },
          'CRM caller lookup failed',
        );
      }
    }
    return undefined;
  }

  /**
   * Queues a call summary for every enabled connection with a summary path, in the caller's
   * transaction (delivered at least once through the outbox, like webhooks).
   */
  async postCallSummary(
    trx: Kysely<Database>,
    businessId: string,
    summary: CallSummary,
    at: Date,
  ): Promise<number> {
    const rows = await trx
      .selectFrom('integrations')
      .select(['id', 'config'])
      .where('business_id', '=', businessId)
      .where('enabled', '=', 1)
      .execute();
    let n = 0;
    const eventId = newId();
    const body = JSON.stringify({
      id: eventId,
      type: 'call.summary',
      createdAt: at.toISOString(),
      data: summary,
    });
    for (const r of rows) {
      if (!parseConfig(r.config)?.summaryPath) continue;
      await enqueueOutbox(trx, {
        businessId,
        targetKind: 'integration',
        targetId: r.id,
        eventId,
        eventType: 'call.summary',
        body,
        at,
      });
      n++;
    }
    return n;
  }

  /** The outbox resolver for 'integration' rows. */
  async prepare(
    businessId: string,
    id: string,
    body: string,
    deliveryId: string,
  ): Promise<PreparedRequest | null> {
    const r = await this.db
      .selectFrom('integrations')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('id', '=', id)
      .executeTakeFirst();
    const config = r && r.enabled === 1 ? parseConfig(r.config) : null;
    if (!r || !config?.summaryPath) return null;
    return {
      url: joinUrl(config.baseUrl, config.summaryPath),
      body,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': deliveryId,
        ...authHeaders(config, this.credentialsOf(r)),
      },
    };
  }
}
