/**
 * bench:api — load on loopback against a real appliance process: mixed GET/PUT on agents and the
 * business profile, with 10k agents across 100 businesses in the database. The load generator is
 * open-loop at a fixed rate (see load()). Runs on SQLite and on
 * PostgreSQL (a throw-away cluster on 127.0.0.1). Prints req/s and p50/p99 latency.
 *
 *   npm run bench:api [-- --dialect sqlite|postgres|both --rate 1000 --duration 20]
 *   BENCH_API_BREAKDOWN=1 also prints p50/p99 per request kind (method + route).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { freePort, startPostgres, type PgCluster } from '../../appliance/test/helpers/postgres.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]?.replace(/^--/, '') ?? '', process.argv[i + 1] ?? '');
const dialectArg = args.get('dialect') ?? 'both';
const rate = Number(args.get('rate') ?? 1000);
const durationS = Number(args.get('duration') ?? 20);
const businesses = Number(args.get('businesses') ?? 100);
const agentsPer = Number(args.get('agents') ?? 100);
const root = path.resolve(import.meta.dirname, '..', '..');

async function waitHealthy(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('appliance did not become healthy');
}

async function json<T>(
  base: string,
  method: string,
  p: string,
  token: string | undefined,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}/api/v1${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < items.length) await fn(items[i++] as T);
    }),
  );
}

interface Tenant {
  token: string;
  agentIds: string[];
}

async function seed(base: string): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  const t0 = performance.now();
  await pool([...Array(businesses).keys()], 8, async (b) => {
    const reg = await json<{ accessToken: string }>(base, 'POST', '/auth/register', undefined, {
      businessName: `Bench ${b}`,
      email: `bench${b}@bench.test`,
      password: 'benchmark password',
    });
    await json(base, 'POST', '/business/subscribe', reg.accessToken, { planId: 'enterprise' });
    tenants.push({ token: reg.accessToken, agentIds: [] });
  });
  await pool(tenants, 8, async (tenant) => {
    for (let a = 0; a < agentsPer; a++) {
      const agent = await json<{ id: string }>(base, 'POST', '/agents', tenant.token, {
        name: `Agent ${a}`,
        numbers: [`${tenants.indexOf(tenant)}${String(a).padStart(4, '0')}`],
        faqs: [{ question: 'Do you open on Sunday?', answer: 'No, we are closed on Sundays.' }],
      });
      tenant.agentIds.push(agent.id);
    }
  });
  console.log(
    `  seeded ${businesses} businesses x ${agentsPer} agents in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return tenants;
}

interface LoadResult {
  achievedPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

/**
 * Open-loop load at a constant rate (a request every 1/rate s, sent in 2 ms ticks), latency
 * measured from each request's scheduled time so a stalled server cannot hide its queueing
 * (no coordinated omission). rate undefined: closed loop with `connections` requests in flight.
 */
async function load(
  base: string,
  tenants: Tenant[],
  ratePerS: number | undefined,
  connections = 64,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(base);
  let n = 0;
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
  const latencies: number[] = [];
  const byKind = new Map<string, number[]>();
  let non2xx = 0;
  let errors = 0;
  const one = (scheduledMs: number): Promise<void> =>
    new Promise((resolve) => {
      const t = pick(tenants);
      const r = (n++ % 20) / 20;
      let method = 'GET';
      let p = '/api/v1/business/profile';
      let body: string | undefined;
      if (r < 0.55) p = `/api/v1/agents/${pick(t.agentIds)}`;
      else if (r < 0.65) p = '/api/v1/agents?limit=20';
      else if (r < 0.8)
        [method, p, body] = [
          'PUT',
          `/api/v1/agents/${pick(t.agentIds)}`,
          JSON.stringify({ greeting: `Hello ${n}, how can I help?` }),
        ];
      else if (r >= 0.95) [method, body] = ['PUT', JSON.stringify({ description: `updated ${n}` })];
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: p,
          method,
          agent,
          headers: {
            authorization: `Bearer ${t.token}`,
            'content-type': 'application/json',
            ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const ms = performance.now() - scheduledMs;
            latencies.push(ms);
            const kind = `${method} ${p.replace(/\/[0-9a-f-]{36}$/i, '/{id}').replace(/\?.*$/, '')}`;
            (byKind.get(kind) ?? byKind.set(kind, []).get(kind))?.push(ms);
            if ((res.statusCode ?? 0) >= 300) non2xx++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const start = performance.now();
  const endAt = start + durationS * 1000;
  const inflight = new Set<Promise<void>>();
  if (ratePerS) {
    let sent = 0;
    while (performance.now() < endAt) {
      const due = Math.floor(((performance.now() - start) / 1000) * ratePerS);
      while (sent < due) {
        const scheduled = start + (sent / ratePerS) * 1000;
        const pr = one(scheduled).finally(() => inflight.delete(pr));
        inflight.add(pr);
        sent++;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  } else {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < endAt) await one(performance.now());
      }),
    );
  }
  await Promise.all(inflight);
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (x: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(x * latencies.length))] ?? NaN;
  if (process.env.BENCH_API_BREAKDOWN)
    for (const [k, xs] of [...byKind].sort()) {
      xs.sort((a, b) => a - b);
      const at = (x: number): string =>
        (xs[Math.min(xs.length - 1, Math.floor(x * xs.length))] ?? NaN).toFixed(1);
      console.log(
        `    ${k.padEnd(34)} n ${String(xs.length).padStart(6)}  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms`,
      );
    }
  return {
    achievedPerS: latencies.length / elapsedS,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    non2xx,
    errors,
  };
}

async function runDialect(dialect: 'sqlite' | 'postgres'): Promise<void> {
  let cluster: PgCluster | undefined;
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  try {
    let databaseUrl = '';
    if (dialect === 'postgres') {
      cluster = await startPostgres();
      databaseUrl = await cluster.createDatabase('bench');
    }
    const port = await freePort();
    // Seeding registers 100 businesses from one address: lift the per-address limit on public routes.
    const configFile = path.join(dataDir, 'bench-config.json');
    writeFileSync(configFile, JSON.stringify({ http: { publicRatePerS: 10_000 } }));
    child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
        '--import',
        'tsx',
        path.join(root, 'appliance', 'main.ts'),
      ],
      {
        env: {
          ...process.env,
          APPLIANCE_DATA_DIR: dataDir,
          APPLIANCE_HTTP_PORT: String(port),
          APPLIANCE_TLS: 'off', // plain HTTP on loopback: this is not about the listener
          APPLIANCE_BIND_ADDRESS: '127.0.0.1',
          APPLIANCE_SIP_PORT: '0',
          APPLIANCE_DATABASE_URL: databaseUrl,
          APPLIANCE_LOG_LEVEL: 'warn',
          APPLIANCE_CONFIG: configFile,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base);
    console.log(`\n[${dialect}]`);
    const tenants = await seed(base);
    await load(base, tenants, rate / 2); // warm-up (JIT, caches), result discarded
    for (const target of [rate, undefined]) {
      const r = await load(base, tenants, target);
      const label = target ? `fixed rate ${target} req/s` : 'max (64 in flight)';
      console.log(
        `  ${label.padEnd(24)} achieved ${r.achievedPerS.toFixed(0)} req/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  max ${r.maxMs.toFixed(1)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`,
      );
    }
  } finally {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `bench:api  ${businesses} businesses x ${agentsPer} agents, ${durationS} s per run, machine: ${os.cpus().length} cores`,
);
for (const d of dialectArg === 'both'
  ? (['sqlite', 'postgres'] as const)
  : [dialectArg as 'sqlite' | 'postgres'])
  await runDialect(d);
