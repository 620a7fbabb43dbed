/**
 * Plans, subscriptions, usage metering and statements. For the calls layer: in the transaction
 * that inserts a conversation, `admitCall(trx, businessId, at)`; in the one that ends it,
 * `recordCallEnd(trx, businessId, conversationId, durationMs, at)`.
 */
export {
  admitCall,
  recordCallEnd,
  releaseCallAdmission,
  setKnowledgeBytes,
  usageThresholdsPct,
  type Admission,
  type CallBilling,
} from './usage.js';
export { ensureCurrent, currentUsagePeriod, subscribeOrChange, setCancelAtPeriodEnd } from './lifecycle.js';
export { addMonthsUtc, nextBoundary, prorateCents } from './periods.js';
export { statementCsv, csvField, type StatementView, type StatementLine } from './statements.js';
export { BillingService, type UsageFigures, type NoticeView } from './service.js';
export { ApiUsageMeter } from './api-meter.js';
export { createBillingModule, type BillingModule } from './module.js';
