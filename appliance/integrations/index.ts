/**
 * CRM connections (generic REST connector). The calls layer takes the module from
 * `modules.get('integrations')` (guard: isIntegrationsModule) and calls `lookupCaller` on call
 * start and `postCallSummary(trx, ...)` on call end.
 */
export { createIntegrationsModule, isIntegrationsModule, type IntegrationsModule } from './module.js';
export { IntegrationService, type IntegrationView } from './service.js';
export { restConfigSchema, extractName, type CallSummary, type RestConfig } from './connector.js';
