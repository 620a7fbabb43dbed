import type { StackCore } from '../core.js';
import { buildAuthorization, parseChallenge } from '../auth/digest.js';
import { getHeader, header } from '../message/headers.js';
import type { Endpoint, SipHeader, SipRequest, SipResponse } from '../message/types.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Send an out-of-dialog request and answer one 401/407 digest challenge (RFC 3261 §22.2).
 * `build(cseqDelta, authHeaders)` must return a fresh request (new branch, CSeq+1 on retry).
 * Provisional responses go to `onProvisional`; resolves with the final response (408 on timeout).
 */
export function sendWithAuth(
  core: StackCore,
  dest: Endpoint,
  build: (attempt: number, auth: SipHeader[]) => SipRequest,
  creds: Credentials | undefined,
  hooks: {
    onProvisional?: (res: SipResponse, req: SipRequest) => void;
    onSent?: (req: SipRequest) => void;
    /** INVITE 2xx retransmissions after the first final response. */
    onLate2xx?: (res: SipResponse) => void;
  } = {},
): Promise<{ res: SipResponse; req: SipRequest }> {
  const attempt = (n: number, auth: SipHeader[]): Promise<{ res: SipResponse; req: SipRequest }> => {
    const req = build(n, auth);
    hooks.onSent?.(req);
    return new Promise((resolve) => {
      let settled = false;
      core.request(req, dest, {
        onResponse: (res) => {
          if (res.status < 200) {
            hooks.onProvisional?.(res, req);
            return;
          }
          if (settled) {
            if (res.status < 300) hooks.onLate2xx?.(res);
            return;
          }
          settled = true;
          if ((res.status === 401 || res.status === 407) && creds && n === 0) {
            const isProxy = res.status === 407;
            const ch = parseChallenge(
              getHeader(res, isProxy ? 'proxy-authenticate' : 'www-authenticate') ?? '',
            );
            if (ch) {
              const value = buildAuthorization(ch, creds, req.method, req.uri);
              resolve(attempt(1, [header(isProxy ? 'proxy-authorization' : 'authorization', value)]));
              return;
            }
          }
          resolve({ res, req });
        },
        onTimeout: () => {
          if (settled) return;
          settled = true;
          resolve({
            res: {
              kind: 'response',
              version: 'SIP/2.0',
              status: 408,
              reason: 'Request Timeout',
              headers: [],
              body: Buffer.alloc(0),
            },
            req,
          });
        },
      });
    });
  };
  return attempt(0, []);
}
