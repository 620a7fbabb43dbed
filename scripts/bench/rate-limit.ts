/**
 * bench:ratelimit — what sharing the API rate limit across cluster nodes costs per request: the
 * in-memory token bucket (SQLite, one node) against the PostgreSQL bucket (one atomic upsert per
 * request, `appliance/http/shared-rate-limit.ts`) on a throw-away cluster on 127.0.0.1, with a
 * bare `select 1` round trip for reference. Sequential calls (the added latency a request sees);
 * then N concurrent callers on one bucket (contention on one row). Prints mean/p50/p99 in µs.
 *
 *   npm run bench:ratelimit [-- --n 5000 --concurrency 16]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest, openDb } from '../../appliance/db/index.js';
import { RateLimiter } from '../../appliance/http/rate-limit.js';
import { SharedRateLimiter } from '../../appliance/http/shared-rate-limit.js';
import { createLogger } from '../../appliance/log.js';
import { startPostgres } from '../../appliance/test/helpers/postgres.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]?.replace(/^--/, '') ?? '', process.argv[i + 1] ?? '');
const n = Number(args.get('n') ?? 5000);
const concurrency = Number(args.get('concurrency') ?? 16);

function report(name: string, us: number[]): void {
  const s = [...us].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  console.log(
    `${name.padEnd(44)} n=${String(s.length).padStart(6)}  mean ${mean.toFixed(0).padStart(6)} µs  p50 ${q(0.5).toFixed(0).padStart(6)} µs  p99 ${q(0.99).toFixed(0).padStart(6)} µs`,
  );
}

async function timed(count: number, fn: (i: number) => Promise<void> | void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

const pg = await startPostgres();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-ratelimit-'));
try {
  const db = openDb({ databaseUrl: await pg.createDatabase('bench_ratelimit'), dataDir });
  await migrateToLatest(db);
  const mem = new RateLimiter();
  const shared = new SharedRateLimiter(db.kysely, createLogger('silent'));
  // A high rate so that no call is refused: the figure is the bookkeeping, not 429s.
  const rate = 1e9;
  await timed(200, (i) => shared.take(`warm:${i % 10}`, rate));
  report('in-memory bucket (SQLite nodes)', await timed(n, (i) => mem.take(`b:${i % 100}`, rate)));
  report(
    'select 1 round trip (PostgreSQL, reference)',
    await timed(n, async () => {
      await sql`select 1`.execute(db.kysely);
    }),
  );
  report('shared bucket, 100 keys (PostgreSQL)', await timed(n, (i) => shared.take(`b:${i % 100}`, rate)));
  // Concurrency on ONE business's bucket: callers queue on the row lock.
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const s = performance.now();
        await shared.take('b:hot', rate);
        lat.push((performance.now() - s) * 1000);
      }
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  report(`shared bucket, one key, ${concurrency} concurrent`, lat);
  console.log(`  ${(lat.length / wallS).toFixed(0)} takes/s on one bucket through one pool`);
  await db.close();
} finally {
  await pg.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
