import type { ApplianceModule, ModuleDeps } from '../module.js';
import { sendHttp, type OutboundGuard } from '../net/index.js';
import { dispatcherOptionsFromConfig } from './options.js';
import { OutboxDispatcher, type DispatcherOptions, type TargetResolver } from './outbox.js';
import { webhookRoutes } from './routes.js';
import { SecretBox } from './secret-box.js';
import { WebhookService } from './service.js';
import { deliveryHeader, eventHeader, signPayload, signatureHeader } from './signature.js';

export interface WebhooksModule extends ApplianceModule {
  readonly name: 'webhooks';
  readonly service: WebhookService;
  readonly dispatcher: OutboxDispatcher;
  /** The URL policy shared with other outbound senders (CRM connectors). */
  readonly guard: OutboundGuard;
  /** Lets another module deliver its own outbox rows (e.g. 'integration' for CRM call summaries). */
  registerTarget(kind: string, resolver: TargetResolver): void;
  /** Records the appliance's own HTTP port once known (refused as a target). */
  noteSelfPort(port: number): void;
}

export function createWebhooksModule(
  deps: ModuleDeps,
  opts: DispatcherOptions = dispatcherOptionsFromConfig(deps.app.config.outbox),
): WebhooksModule {
  const { app } = deps;
  const guard = app.outbound;
  const service = new WebhookService(app, new SecretBox(app.masterKey.derive('webhooks')), guard);
  const resolvers = new Map<string, TargetResolver>();
  resolvers.set('webhook', async (row, at) => {
    const hook = await service.secretOf(row.business_id, row.target_id);
    if (!hook) return null;
    const t = Math.floor(at.getTime() / 1000);
    return {
      url: hook.url,
      body: row.body,
      headers: {
        'content-type': 'application/json',
        [signatureHeader]: signPayload(hook.secret, row.body, t),
        [eventHeader]: row.event_type,
        [deliveryHeader]: row.id,
      },
    };
  });
  const dispatcher = new OutboxDispatcher(
    app.db.kysely,
    app.now,
    resolvers,
    (req, timeoutMs) => sendHttp({ url: req.url, headers: req.headers, body: req.body, timeoutMs, guard }),
    opts,
    app.log.child({ module: 'webhooks' }),
    app.registry,
  );
  const noteSelfPort = (p: number): void => guard.noteSelfPort(p);
  return {
    name: 'webhooks',
    service,
    dispatcher,
    guard,
    registerTarget: (kind, resolver) => void resolvers.set(kind, resolver),
    noteSelfPort,
    routes: () => webhookRoutes(service, () => dispatcher.kick(), noteSelfPort),
    start: async () => dispatcher.start(),
    stop: () => dispatcher.stop(),
    status: () => ({ targets: [...resolvers.keys()] }),
  };
}
