/**
 * Knowledge benchmark (npm run bench:knowledge): ingest throughput through the real pipeline
 * (stored file -> job runner: extract, chunk, embed with the wink SIF engine, DB, HNSW + BM25)
 * and hybrid query latency (query embedding, HNSW, BM25, RRF, passage fetch from SQLite) with
 * 10k and 100k chunks in one business's index. Loopback only; bounded to ~5 minutes.
 *
 * Env: BENCH_KNOWLEDGE_MAX_CHUNKS (default 100000), BENCH_KNOWLEDGE_QUERIES (default 500).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDb } from '../../appliance/db/index.js';
import { KnowledgeEvents } from '../../appliance/knowledge/events.js';
import { DocumentFiles } from '../../appliance/knowledge/files.js';
import { HybridIndexes } from '../../appliance/knowledge/hybrid-index.js';
import { IngestRunner } from '../../appliance/knowledge/jobs.js';
import { webhookOutbox } from '../../appliance/knowledge/module.js';
import { KnowledgeService } from '../../appliance/knowledge/service.js';
import { prng, sentence, syntheticDocument } from '../../appliance/knowledge/test/synthetic.js';
import { WinkSifEngine } from '../../models/index.js';

const MAX_CHUNKS = Number(process.env.BENCH_KNOWLEDGE_MAX_CHUNKS ?? 100_000);
const QUERIES = Number(process.env.BENCH_KNOWLEDGE_QUERIES ?? 500);
const DEADLINE_MS = 290_000;
const started = Date.now();
const watchdog = setTimeout(() => {
  console.log(`\nstopped: the ${DEADLINE_MS / 1000} s bound was reached`);
  process.exit(2);
}, DEADLINE_MS);
watchdog.unref();

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-knowledge-'));
const db = openDb({ databaseUrl: '', dataDir });
await migrateToLatest(db);
const now = (): Date => new Date();
const businessId = randomUUID();
await db.kysely
  .insertInto('businesses')
  .values({
    id: businessId,
    name: 'Bench Motors',
    email: 'bench@motors.test',
    phone: null,
    address: null,
    timezone: 'UTC',
    website: null,
    description: null,
    created_at: now().toISOString(),
    updated_at: now().toISOString(),
  })
  .execute();

// The engine the appliance runs here (models layer, worker thread), as in production.
let t0 = performance.now();
const embedder = await WinkSifEngine.load({
  cacheDir: process.env.APPLIANCE_MODEL_CACHE_DIR ?? path.join(os.tmpdir(), 'appliance-model-cache'),
});
console.log(
  `embedder ${embedder.name} (${embedder.dims} d) loaded in ${(performance.now() - t0).toFixed(0)} ms`,
);

const files = new DocumentFiles(dataDir);
const events = new KnowledgeEvents();
const indexes = new HybridIndexes({ db: db.kysely, embedder, dataDir, now });
const runner = new IngestRunner(
  { db: db.kysely, embedder, indexes, files, events, outbox: webhookOutbox, now },
  { concurrency: 2 },
);
const service = new KnowledgeService({ db, files, indexes, runner, events, now });

let seed = 1;
/** Stores documents of ~330 chunks (50k words) each, as an upload does, until `target` chunks exist. */
async function ingestUntil(target: number): Promise<{ chunks: number; seconds: number }> {
  const before = await chunkCount();
  let planned = before;
  const tStart = performance.now();
  while (planned < target) {
    const words = Math.min(50_000, Math.max(2_000, (target - planned) * 150));
    const bytes = Buffer.from(syntheticDocument(seed++, words));
    const id = randomUUID();
    await files.write(businessId, id, bytes);
    const at = now().toISOString();
    await db.kysely
      .insertInto('knowledge_documents')
      .values({
        id,
        business_id: businessId,
        title: `Manual ${seed}`,
        filename: `manual-${seed}.txt`,
        kind: 'txt',
        size_bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        status: 'queued',
        error: null,
        chunks_total: 0,
        chunks_done: 0,
        attempts: 0,
        lease_until: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    planned += Math.round(words / 150);
  }
  await runner.drain();
  await indexes.idle();
  const after = await chunkCount();
  return { chunks: after - before, seconds: (performance.now() - tStart) / 1000 };
}

async function chunkCount(): Promise<number> {
  const r = await db.kysely
    .selectFrom('knowledge_chunks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const r = prng(99);
const questions = Array.from({ length: QUERIES }, (_, i) => {
  const s = sentence(r).replace(/\.$/, '');
  const w = s.split(' ');
  // Callers ask with part of a sentence, often with a code or a number.
  return i % 3 === 0 ? `how much is ${w.slice(0, 3).join(' ')}?` : `${w.slice(0, 6).join(' ')}?`;
});

async function measureQueries(label: string): Promise<void> {
  for (const q of questions.slice(0, 20)) await service.query(businessId, q, 5); // warm-up
  const times: number[] = [];
  let empty = 0;
  for (const q of questions) {
    const ts = performance.now();
    const res = await service.query(businessId, q, 5);
    times.push(performance.now() - ts);
    if (res.length === 0) empty++;
  }
  times.sort((a, b) => a - b);
  const p = (x: number): string =>
    times[Math.min(times.length - 1, Math.floor(x * times.length))]!.toFixed(2);
  console.log(
    `${label}: query latency over ${times.length} hybrid queries (k=5): p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, max ${times.at(-1)!.toFixed(2)} ms${empty ? `, ${empty} empty` : ''}`,
  );
}

console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
console.log(`\n== 10k chunks ==`);
const first = await ingestUntil(Math.min(10_000, MAX_CHUNKS));
console.log(
  `ingest: ${first.chunks} chunks in ${first.seconds.toFixed(1)} s = ${(first.chunks / first.seconds).toFixed(0)} chunks/s (extract + chunk + embed + DB + HNSW/BM25, 2 jobs)`,
);
console.log(
  `index size: ${await indexes.size(businessId)} chunks, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
await measureQueries('10k');

if (MAX_CHUNKS > 10_000) {
  console.log(`\n== ${Math.round(MAX_CHUNKS / 1000)}k chunks ==`);
  // Grow in rounds of 10k so the run stays bounded on a busy box: stop growing when less than
  // 70 s of the budget is left (queries and the cold load still need time).
  let grown = 0;
  let growSeconds = 0;
  while ((await chunkCount()) < MAX_CHUNKS * 0.995 && Date.now() - started < DEADLINE_MS - 70_000) {
    const round = await ingestUntil(Math.min(MAX_CHUNKS, (await chunkCount()) + 10_000));
    grown += round.chunks;
    growSeconds += round.seconds;
  }
  const reached = await chunkCount();
  console.log(
    `ingest: ${grown} more chunks in ${growSeconds.toFixed(1)} s = ${(grown / growSeconds).toFixed(0)} chunks/s (index growing ${first.chunks} -> ${reached})${reached < MAX_CHUNKS * 0.995 ? `; stopped early at ${reached} chunks to stay within the time bound` : ''}`,
  );
  console.log(
    `index size: ${await indexes.size(businessId)} chunks, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  await measureQueries(`${Math.round(MAX_CHUNKS / 1000)}k`);

  // A restart: the index is loaded lazily from its file (BM25 rebuilt from the chunk text).
  t0 = performance.now();
  const cold = new HybridIndexes({ db: db.kysely, embedder, dataDir, now });
  await cold.search(businessId, 'warranty', 5);
  console.log(
    `cold load of the ${await cold.size(businessId)}-chunk index from disk + DB: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await cold.stop();
}

await runner.stop();
await indexes.stop();
await db.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
