/**
 * The hand-written part of the TypeScript SDK: one HTTP request over `fetch` (Node 18+ or a
 * browser), bearer auth, query strings, JSON / multipart / form bodies, and the appliance's error
 * body turned into an `ApiError`. The generated client.ts calls only `Transport.request`.
 */

/** A failed request: HTTP status plus `code` and `message` from `{ "error": { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ClientOptions {
  /** The appliance's origin, e.g. `https://appliance.local:8443` (the API prefix is added). */
  baseUrl: string;
  /** Bearer token: an access token (from register/login) or an API key (`vak_...`). */
  token?: string;
  /**
   * A fetch to use instead of the global one (e.g. one that trusts the appliance's self-signed
   * certificate: Node reads extra CAs from NODE_EXTRA_CA_CERTS).
   */
  fetch?: typeof fetch;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
}

/** One file for a multipart upload (knowledge documents). */
export interface UploadFile {
  filename: string;
  /** Text is sent as UTF-8. */
  data: Uint8Array | string;
  /** Default: guessed by the server from the file name. */
  contentType?: string;
}

type Scalar = string | number | boolean;
export type QueryValue = Scalar | readonly Scalar[] | null | undefined;

export interface RequestSpec {
  method: string;
  /** Path below the API prefix, parameters already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  files?: UploadFile[];
  form?: Record<string, string>;
  /** What a success answer holds: parsed JSON, bytes, or nothing (204). */
  expect: 'json' | 'binary' | 'none';
}

export class Transport {
  token: string | undefined;
  private readonly base: string;
  private readonly doFetch: typeof fetch;

  constructor(
    private readonly options: ClientOptions,
    prefix: string,
  ) {
    this.token = options.token;
    this.base = options.baseUrl.replace(/\/+$/, '') + prefix;
    this.doFetch = options.fetch ?? fetch;
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: string | FormData | undefined;
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.files) {
      const form = new FormData();
      for (const f of spec.files) {
        const part = typeof f.data === 'string' ? new TextEncoder().encode(f.data) : f.data;
        const type = f.contentType ? { type: f.contentType } : {};
        form.append('file', new Blob([part as Uint8Array<ArrayBuffer>], type), f.filename);
      }
      body = form; // fetch sets the multipart boundary
    } else if (spec.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(spec.form).toString();
    }
    const res = await this.doFetch(this.base + spec.path + queryString(spec.query), {
      method: spec.method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    if (!res.ok) throw await toApiError(res);
    if (spec.expect === 'binary') return new Uint8Array(await res.arrayBuffer()) as T;
    const text = await res.text();
    if (spec.expect === 'none' || text === '') return undefined as T;
    return JSON.parse(text) as T;
  }
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const e = parsed.error;
    if (e && typeof e.code === 'string') {
      return new ApiError(res.status, e.code, typeof e.message === 'string' ? e.message : e.code, e.details);
    }
  } catch {
    /* not the appliance's error body (a proxy's page): keep the text */
  }
  return new ApiError(res.status, `http_${res.status}`, text.slice(0, 500) || res.statusText);
}
