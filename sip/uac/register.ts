import type { Logger } from 'pino';
import type { StackCore } from '../core.js';
import { randomToken } from '../message/build.js';
import { getHeader, getHeaderValues, header } from '../message/headers.js';
import { parseNameAddr } from '../message/nameaddr.js';
import type { Endpoint } from '../message/types.js';
import { sendWithAuth } from './auth-request.js';

export type RegistrationState = 'disabled' | 'unregistered' | 'registering' | 'registered' | 'failed';

export interface RegistrationConfig {
  /** e.g. 'sip:pbx.example.com' or 'sip:192.0.2.10:5060'. */
  readonly registrarUri: string;
  readonly username: string;
  readonly password: string;
  /** Requested binding lifetime, default 300 s. */
  readonly expiresS: number;
  /** Address-of-record domain (default: registrar host). */
  readonly domain: string;
}

/**
 * REGISTER client (RFC 3261 §10.2): digest auth, refresh before expiry (at expires-30 s, or
 * half the lifetime when that is shorter than 60 s), and exponential back-off on failure
 * (2 s doubling to 300 s).
 */
export class Registration {
  state: RegistrationState = 'unregistered';
  /** Last final status from the registrar. */
  lastStatus: number | undefined;
  /** Lifetime granted by the registrar (s). */
  grantedExpiresS: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly callId = `${randomToken()}@reg`;
  private readonly fromTag = randomToken();
  private cseq = 1;
  private failures = 0;
  private stopped = false;
  private readonly waiters: ((ok: boolean) => void)[] = [];

  constructor(
    private readonly core: StackCore,
    private readonly cfg: RegistrationConfig,
    private readonly dest: () => Promise<Endpoint>,
    private readonly logger?: Logger,
  ) {}

  /** Register now; resolves true when the registrar answered 2xx. */
  async register(): Promise<boolean> {
    const ok = await this.attempt(this.cfg.expiresS);
    return ok;
  }

  /** Never rejects: any local failure counts as a failed attempt (with back-off). */
  private async attempt(expiresS: number): Promise<boolean> {
    try {
      return await this.attemptInner(expiresS);
    } catch (err) {
      this.logger?.error({ err }, 'sip registration attempt failed locally');
      return this.failed(0);
    }
  }

  private async attemptInner(expiresS: number): Promise<boolean> {
    this.clearTimer();
    if (expiresS > 0) this.state = 'registering';
    let dest: Endpoint;
    try {
      dest = await this.dest();
    } catch (err) {
      this.logger?.warn({ err }, 'sip registrar address not resolvable');
      return this.failed(0);
    }
    const aor = `sip:${this.cfg.username}@${this.cfg.domain}`;
    const { res } = await sendWithAuth(
      this.core,
      dest,
      (_n, auth) => ({
        kind: 'request',
        method: 'REGISTER',
        uri: this.cfg.registrarUri,
        version: 'SIP/2.0',
        headers: [
          header('via', this.core.via(dest.transport)),
          header('max-forwards', '70'),
          header('from', `<${aor}>;tag=${this.fromTag}`),
          header('to', `<${aor}>`),
          header('call-id', this.callId),
          header('cseq', `${this.cseq++} REGISTER`),
          header('contact', this.core.contact(dest.transport, this.cfg.username)),
          header('expires', String(expiresS)),
          header('user-agent', this.core.userAgent),
          header('allow', this.core.allowHeader),
          ...auth,
        ],
        body: Buffer.alloc(0),
      }),
      { username: this.cfg.username, password: this.cfg.password },
    );
    this.lastStatus = res.status;
    if (expiresS === 0) {
      this.state = 'unregistered';
      return res.status < 300;
    }
    if (this.stopped) return false;
    if (res.status >= 200 && res.status < 300) {
      const granted = grantedExpires(res, expiresS);
      this.grantedExpiresS = granted;
      this.state = 'registered';
      this.failures = 0;
      const refreshS = granted >= 60 ? granted - 30 : granted / 2;
      this.schedule(refreshS * 1000, () => void this.attempt(this.cfg.expiresS));
      this.logger?.info({ status: res.status, expiresS: granted }, 'sip registered');
      this.notify(true);
      return true;
    }
    return this.failed(res.status);
  }

  private failed(status: number): boolean {
    this.state = 'failed';
    this.failures++;
    const backoffMs = Math.min(300_000, 2000 * 2 ** Math.min(this.failures - 1, 8));
    this.logger?.warn({ status, retryInMs: backoffMs }, 'sip registration failed');
    if (!this.stopped) this.schedule(backoffMs, () => void this.attempt(this.cfg.expiresS));
    this.notify(false);
    return false;
  }

  /** Resolves on the next registration outcome. */
  nextOutcome(): Promise<boolean> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(ok: boolean): void {
    for (const w of this.waiters.splice(0)) w(ok);
  }

  private schedule(ms: number, fn: () => void): void {
    this.clearTimer();
    this.timer = setTimeout(fn, ms);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stop refreshing; unregister (Expires: 0) when registered, bounded by the transaction timeout. */
  async stop(unregister: boolean): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    if (unregister && this.state === 'registered') {
      // Bounded: a vanished registrar must not hold up shutdown for 64*T1.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.attempt(0), new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
    }
    this.state = 'unregistered';
  }
}

/** Expires from our Contact's `expires` param, else the Expires header, else what we asked for. */
function grantedExpires(res: { headers: readonly { name: string; value: string }[] }, asked: number): number {
  const msg = res as Parameters<typeof getHeader>[0];
  for (const c of getHeaderValues(msg, 'contact')) {
    const e = parseNameAddr(c)?.params.get('expires');
    if (e && /^\d+$/.test(e)) return Math.max(1, Number(e));
  }
  const h = getHeader(msg, 'expires');
  if (h && /^\d+$/.test(h)) return Math.max(1, Number(h));
  return asked;
}
