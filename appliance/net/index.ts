/**
 * Outbound connections made on a tenant's behalf (webhooks, CRM, test calls, transfers): one
 * destination policy (`OutboundGuard`, from config.outbound) and the HTTP client that applies it.
 */
export {
  OutboundGuard,
  OutboundRefused,
  canonicalAddress,
  type CheckOptions,
  type OutboundGuardOptions,
  type RefusalReason,
} from './outbound-guard.js';
export {
  sendHttp,
  checkTargetUrl,
  parseTargetUrl,
  portOf,
  publicError,
  type HttpResult,
} from './http-client.js';
export {
  loadOrCreateSelfSigned,
  loadPair,
  type CertificatePair,
  type SelfSignedOptions,
} from './self-signed-cert.js';
