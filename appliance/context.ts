import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { MasterKey } from './auth/keyfile.js';
import type { LoginThrottle } from './auth/throttle.js';
import type { TokenService } from './auth/tokens.js';
import type { AppConfig } from './config/index.js';
import type { Db } from './db/index.js';
import type { TlsMaterial } from './http/tls.js';
import type { ModelHub } from './model-hub.js';
import type { OutboundGuard } from './net/index.js';

/** What services share: built once at boot, passed explicitly (no globals, no service locator). */
export interface AppContext {
  readonly config: AppConfig;
  readonly db: Db;
  readonly log: Logger;
  readonly registry: Registry;
  readonly masterKey: MasterKey;
  readonly tokens: TokenService;
  readonly throttle: LoginThrottle;
  /** Second sign-in step (MFA codes), per user. */
  readonly mfaThrottle: LoginThrottle;
  /** Speech and language models, loaded on first use: `await app.models.runtime()`. */
  readonly models: ModelHub;
  /** The one outbound-destination policy (webhooks, CRM, test calls, transfers). */
  readonly outbound: OutboundGuard;
  /** The HTTPS certificate served (undefined with `tls.mode` off), for the System page. Set at boot. */
  tlsInfo?: () => TlsMaterial | undefined;
  /** Wall clock, injectable so period and expiry logic can be tested. */
  readonly now: () => Date;
  /** This node's stable id in a cluster (`cluster.nodeId` or derived: `cluster/nodes.ts`). */
  readonly nodeId: string;
}
