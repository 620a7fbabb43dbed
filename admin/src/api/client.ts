import { accessToken, getSession, refreshSession } from './session';

/** The API's error shape, `{ error: { code, message, details } }`, as a throwable. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Validation messages by field path ("facts.hours.0.open"), for forms. */
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.fields = fieldErrors(details);
  }

  /** The feature's backend is not part of this appliance (yet). */
  get unavailableFeature(): boolean {
    return this.status === 404 && this.code === 'not_found' && this.message.startsWith('no route for');
  }
}

interface Issue {
  path: string;
  message: string;
}

function fieldErrors(details: unknown): Record<string, string> {
  const issues: unknown =
    details && typeof details === 'object' && 'issues' in details
      ? (details as { issues: unknown }).issues
      : details;
  const out: Record<string, string> = {};
  if (!Array.isArray(issues)) return out;
  for (const i of issues as Partial<Issue>[]) {
    if (typeof i?.path === 'string' && typeof i.message === 'string') out[i.path] ??= i.message;
  }
  return out;
}

/** Human text for an error code when the server sent no useful message. */
const friendly: Record<string, string> = {
  rate_limited: 'Too many requests; please wait a moment and try again.',
  too_many_attempts: 'Too many attempts; please wait a moment and try again.',
  unavailable: 'The appliance is busy or starting; please try again shortly.',
  internal: 'The appliance hit an internal error. Please try again.',
};

async function toApiError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = res.statusText || `request failed (${res.status})`;
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details;
    }
  } catch {
    /* not JSON */
  }
  const nicer = friendly[code];
  if (nicer && (code === 'internal' || !message)) message = nicer;
  return new ApiError(res.status, code, message, details);
}

export const apiBase = '/api/v1';
const url = (path: string): string =>
  path.startsWith('/api/') || path === '/healthz' ? path : apiBase + path;

const isAuthFailure = (e: ApiError): boolean =>
  e.status === 401 && (e.code === 'token_expired' || e.code === 'unauthenticated');

/**
 * Sends an authenticated request. On a 401 for an expired token it refreshes once and retries;
 * when the refresh is refused the session ends (the app returns to sign-in).
 */
export async function send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  const attempt = async (token: string | null): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(url(path), { ...init, method, headers });
  };
  let res: Response;
  try {
    res = await attempt(await accessToken());
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the appliance. Check the connection and try again.');
  }
  if (res.status === 401 && getSession()) {
    const err = await toApiError(res.clone());
    if (isAuthFailure(err)) {
      const next = await refreshSession();
      if (next) res = await attempt(next.accessToken);
    }
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, {
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);

/** An authenticated binary download (recordings), as a blob URL the caller must revoke. */
export async function blobUrl(path: string): Promise<string> {
  const res = await send('GET', path);
  return URL.createObjectURL(await res.blob());
}

/**
 * Uploads multipart form data with progress (XMLHttpRequest: fetch has no upload progress).
 * onProgress gets the fraction 0..1 sent.
 */
export async function upload<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  const once = (token: string | null): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url(path));
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () =>
        reject(new ApiError(0, 'network', 'The upload failed: cannot reach the appliance.'));
      xhr.send(form);
    });
  let r = await once(await accessToken());
  if (r.status === 401 && getSession()) {
    const next = await refreshSession();
    if (next) r = await once(next.accessToken);
  }
  if (r.status >= 200 && r.status < 300) return (r.text ? JSON.parse(r.text) : undefined) as T;
  throw await toApiError(new Response(r.text, { status: r.status }));
}
