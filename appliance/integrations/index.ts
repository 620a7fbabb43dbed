/**
 * CRM connections (generic REST connector). The calls module gets this module as its `crm`
 * dependency (appliance/wiring.ts) and calls `lookupCaller` on call start and
 * `postCallSummary(trx, ...)` on call end.
 */
export { createIntegrationsModule, type IntegrationsModule } from './module.js';
export { IntegrationService, type IntegrationView } from './service.js';
export { restConfigSchema, extractName, type CallSummary, type RestConfig } from './connector.js';
