import https from 'node:https';
import path from 'node:path';
import os from 'node:os';
import type { Test } from 'tap';
import { startAppliance, type Appliance } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import type { Dialect } from '../../db/index.js';
import { createLogger, type Logger } from '../../log.js';
import { freshDatabaseUrl } from './dialects.js';
import { sharedModelsDir } from './shared.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApi {
  readonly app: Appliance;
  readonly baseUrl: string;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** Registers a business and returns the owner's access token and ids. */
  register(name: string): Promise<{
    token: string;
    refreshToken: string;
    businessId: string;
    userId: string;
    email: string;
    password: string;
  }>;
}

let n = 0;

/**
 * One HTTPS request that trusts exactly `ca` (the appliance's self-signed certificate), as a
 * browser does once the operator has accepted it. Node's fetch cannot take a CA per request.
 */
export function httpsRequest(
  url: string,
  opts: { method: string; headers: Record<string, string>; body?: string | undefined; ca: string },
): Promise<{ status: number; headers: Headers; text(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: opts.method, headers: opts.headers, ca: opts.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, one);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers, text: () => Promise.resolve(text) });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A real appliance on 127.0.0.1 (ephemeral port) over a fresh database of the given dialect. */
export async function startTestApi(
  t: Test,
  dialect: Dialect = 'sqlite',
  overrides: Record<string, unknown> = {},
  now?: () => Date,
  /** A logger to read what the appliance logged (default: silent). */
  log?: Logger,
): Promise<TestApi> {
  const { databaseUrl, dataDir } = await freshDatabaseUrl(t, dialect);
  const config = loadConfig(
    {},
    {
      dataDir,
      databaseUrl,
      logLevel: 'silent',
      modelsDir: sharedModelsDir(),
      // One decoded word-vector cache for all test processes (rebuilding it costs ~10 s).
      models: {
        warmOnStart: false,
        cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
        prefer: {},
        llm: {},
      },
      // SIP off unless a test turns it on (then always port 0 on 127.0.0.1).
      sip: {
        enabled: false,
        port: 0,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: [],
        maxConcurrentCalls: 20,
      },
      http: {
        port: 0,
        bindAddress: '127.0.0.1',
        shutdownGraceMs: 2000,
        unsubscribedRatePerS: 1000,
        publicRatePerS: 1000,
      },
      // Plain HTTP unless a test asks for TLS (`tls: { mode: 'self-signed' }`): most tests are
      // about the API, and the TLS tests cover the listener.
      tls: { mode: 'off' },
      ...overrides,
    },
  );
  const app = await startAppliance(config, { log: log ?? createLogger('silent'), ...(now ? { now } : {}) });
  t.teardown(() => app.stop());
  const baseUrl = `${app.scheme}://127.0.0.1:${app.httpPort}`;
  const ca = app.tls()?.cert;
  const call: TestApi['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const url =
      baseUrl +
      (path.startsWith('/') && !path.startsWith('/api/') && !['/healthz', '/metrics'].includes(path)
        ? `/api/v1${path}`
        : path);
    const res = ca
      ? await httpsRequest(url, { method, headers, body, ca })
      : await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as never };
  };
  return {
    app,
    baseUrl,
    call,
    register: async (name) => {
      const email = `owner${++n}-${process.pid}@${name.toLowerCase().replace(/\W/g, '')}.test`;
      const password = 'correct horse battery staple';
      const r = await call<{ accessToken: string; refreshToken: string; businessId: string; userId: string }>(
        'POST',
        '/auth/register',
        {
          body: { businessName: name, email, password },
        },
      );
      if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
      return {
        token: r.body.accessToken,
        refreshToken: r.body.refreshToken,
        businessId: r.body.businessId,
        userId: r.body.userId,
        email,
        password,
      };
    },
  };
}
