/**
 * The signed-in session: tokens live in sessionStorage (per tab, survives a reload). Not
 * localStorage: refresh tokens work once, so two tabs sharing one would race and sign each other out.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Wall-clock time the access token expires, ms since epoch. */
  expiresAtMs: number;
  businessId: string;
  userId: string;
  email?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresInS: number;
  businessId: string;
  userId: string;
}

const storageKey = 'appliance.admin.session';
type Listener = (s: Session | null, reason?: 'expired' | 'signed_out') => void;
const listeners = new Set<Listener>();

let current: Session | null = load();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.accessToken !== 'string' || typeof s.refreshToken !== 'string') return null;
    return s as Session;
  } catch {
    return null;
  }
}

export const getSession = (): Session | null => current;

export function setSession(s: Session | null, reason?: 'expired' | 'signed_out'): void {
  current = s;
  try {
    if (s) sessionStorage.setItem(storageKey, JSON.stringify(s));
    else sessionStorage.removeItem(storageKey);
  } catch {
    /* storage disabled: keep the session in memory only */
  }
  for (const l of listeners) l(s, reason);
}

export function sessionFromPair(p: TokenPair, email?: string): Session {
  return {
    accessToken: p.accessToken,
    refreshToken: p.refreshToken,
    expiresAtMs: Date.now() + p.expiresInS * 1000,
    businessId: p.businessId,
    userId: p.userId,
    ...(email ? { email } : email === undefined && current?.email ? { email: current.email } : {}),
  };
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

let refreshing: Promise<Session | null> | null = null;

/**
 * Exchanges the refresh token for a new pair. Single-flight: concurrent callers share one
 * request, since a second use of the same refresh token would fail (and revoke the sign-in).
 * Resolves null (and ends the session) when the server refuses.
 */
export function refreshSession(): Promise<Session | null> {
  const s = current;
  if (!s) return Promise.resolve(null);
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: s.refreshToken }),
      });
      if (!res.ok) {
        // A 429 or 5xx is not a verdict on the token; only end the session when it was refused.
        if (res.status === 401 || res.status === 400 || res.status === 404) setSession(null, 'expired');
        return null;
      }
      const next = sessionFromPair((await res.json()) as TokenPair, s.email);
      setSession(next);
      return next;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Refresh this long before expiry so a request never leaves with a token about to lapse, ms. */
const refreshMarginMs = 30_000;

/** A valid access token, refreshed first when close to expiry; null when signed out. */
export async function accessToken(): Promise<string | null> {
  const s = current;
  if (!s) return null;
  if (s.expiresAtMs - Date.now() > refreshMarginMs) return s.accessToken;
  const next = await refreshSession();
  return next?.accessToken ?? current?.accessToken ?? null;
}

export async function signOut(): Promise<void> {
  const s = current;
  setSession(null, 'signed_out');
  if (s) {
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: s.refreshToken }),
    }).catch(() => undefined);
  }
}
