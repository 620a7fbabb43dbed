import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import { SecretBox, type WebhooksModule } from '../webhooks/index.js';
import type { CallSummary } from './connector.js';
import { integrationRoutes } from './routes.js';
import { IntegrationService } from './service.js';

export interface IntegrationsModule extends ApplianceModule {
  readonly name: 'integrations';
  readonly service: IntegrationService;
  /** On call start: the caller's name from the business's CRM, within timeoutMs (default 1500). */
  lookupCaller(businessId: string, phone: string, timeoutMs?: number): Promise<{ name?: string } | undefined>;
  /** On call end, in the transaction that ends the conversation: queued through the outbox. */
  postCallSummary(
    trx: Kysely<Database>,
    businessId: string,
    summary: CallSummary,
    at?: Date,
  ): Promise<number>;
}

/** CRM connections. Needs the webhooks module (built before it) for the outbox and URL policy. */
export function createIntegrationsModule(
  { app }: ModuleDeps,
  hooks: Pick<WebhooksModule, 'registerTarget' | 'dispatcher'> | undefined,
): IntegrationsModule {
  const guard = app.outbound;
  const service = new IntegrationService(
    app,
    new SecretBox(app.masterKey.derive('integrations')),
    guard,
    app.log.child({ module: 'integrations' }),
  );
  if (hooks)
    hooks.registerTarget('integration', (row) =>
      service.prepare(row.business_id, row.target_id, row.body, row.id),
    );
  else app.log.warn('webhooks module absent: CRM call summaries will stay queued');
  const kick = (): void => hooks?.dispatcher.kick();
  return {
    name: 'integrations',
    service,
    lookupCaller: (businessId, phone, timeoutMs) => service.lookupCaller(businessId, phone, timeoutMs),
    postCallSummary: async (trx, businessId, summary, at = app.now()) => {
      const n = await service.postCallSummary(trx, businessId, summary, at);
      // The rows are visible once the caller commits; the next poll (<= pollMs) finds them anyway.
      setTimeout(kick, 50).unref();
      return n;
    },
    routes: () => integrationRoutes(service, (p) => guard.noteSelfPort(p)),
  };
}
