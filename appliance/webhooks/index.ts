/**
 * Webhooks: signed event deliveries from a durable outbox, the delivery log, (the outbound
 * policy itself is `appliance/net`). Producers call `emitEvent(trx, businessId, type, payload)` inside the
 * transaction that records the cause.
 */
export { emitEvent, webhookEvents, type WebhookEventType, type EventEnvelope } from './events.js';
export {
  verifySignature,
  signPayload,
  signatureHeader,
  eventHeader,
  deliveryHeader,
  replayToleranceS,
  type VerifyResult,
} from './signature.js';
export {
  enqueueOutbox,
  type TargetResolver,
  type PreparedRequest,
  type DispatcherOptions,
} from './outbox.js';
export { SecretBox } from './secret-box.js';
export { createWebhooksModule, type WebhooksModule } from './module.js';
