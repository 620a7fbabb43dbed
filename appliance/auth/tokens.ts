import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError } from '../errors.js';
import type { BusinessId, UserId } from '../ids.js';

export interface AccessClaims {
  userId: UserId;
  businessId: BusinessId;
  /** The user's token version when issued (`users.token_version`); 0 for tokens issued before it existed. */
  tokenVersion: number;
  /** When the sign-in behind this token checked the password, epoch s (0: unknown). */
  authTimeS: number;
}

/** Short-lived JWT access tokens (HS256, key derived from the master key, issuer-scoped). */
export class TokenService {
  /**
   * Verified tokens by their text, until they expire: verifying a JWT through WebCrypto costs more
   * than the rest of a typical API request. Bounded; a token is only cached after full verification.
   */
  private readonly verified = new Map<string, AccessClaims & { expMs: number }>();

  constructor(
    private readonly key: Uint8Array,
    readonly accessTtlS: number,
    private readonly maxCached = 10_000,
  ) {}

  async issueAccess(claims: AccessClaims): Promise<string> {
    return new SignJWT({
      bid: claims.businessId,
      typ: 'access',
      tv: claims.tokenVersion,
      auth_time: claims.authTimeS,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer('appliance')
      .setAudience('appliance-api')
      .setIssuedAt()
      .setExpirationTime(`${this.accessTtlS}s`)
      .sign(this.key);
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expMs > Date.now()) {
        const { expMs, ...claims } = hit;
        void expMs;
        return claims;
      }
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'appliance',
        audience: 'appliance-api',
        algorithms: ['HS256'],
      });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.bid !== 'string')
        throw new AppError('unauthenticated', 'not an access token');
      const claims: AccessClaims = {
        userId: payload.sub as UserId,
        businessId: payload.bid as BusinessId,
        tokenVersion: typeof payload.tv === 'number' ? payload.tv : 0,
        authTimeS: typeof payload.auth_time === 'number' ? payload.auth_time : 0,
      };
      if (this.verified.size >= this.maxCached)
        this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { ...claims, expMs: (payload.exp ?? 0) * 1000 });
      return claims;
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new AppError('token_expired', 'access token expired');
      throw new AppError('unauthenticated', 'invalid access token');
    }
  }
}

/** Opaque high-entropy secrets (refresh tokens, API keys) are stored as SHA-256 digests. */
export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
