import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import type { Db } from '../../db/index.js';
import { forEachDialect } from '../../test/helpers/dialects.js';
import { chunkBlocks } from '../chunk.js';
import { textBlocks } from '../blocks.js';
import { HybridIndexes } from '../hybrid-index.js';
import { decodeVector, indexVersion, replaceChunks, saveVectors, setStatus } from '../store.js';
import { MiniLmEngine, WinkSifEngine } from '../../../models/index.js';
import { standinSources, writeStandinBundle } from '../../../models/test/standin/bundle.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import type { Embedder } from '../types.js';
import { syntheticDocument } from './synthetic.js';

// The real engine the appliance uses (models layer), loaded once for this file.
let engine: Promise<WinkSifEngine> | undefined;
const embedder: Embedder = {
  name: 'wink-sg-100d-sif',
  dims: 100,
  embed: async (texts) =>
    (
      await (engine ??= WinkSifEngine.load({ cacheDir: path.join(os.tmpdir(), 'appliance-model-cache') }))
    ).embed(texts),
};
t.teardown(async () => (await engine)?.close());
const now = (): Date => new Date();

async function business(db: Db): Promise<string> {
  const id = randomUUID();
  const at = now().toISOString();
  await db.kysely
    .insertInto('businesses')
    .values({
      id,
      name: 'B',
      email: 'b@b.test',
      phone: null,
      address: null,
      timezone: 'UTC',
      website: null,
      description: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

/** A document through the real chunk + embed steps, left in 'indexing' like the job leaves it. */
async function document(db: Db, businessId: string, text: string): Promise<string> {
  const id = randomUUID();
  const at = now().toISOString();
  await db.kysely
    .insertInto('knowledge_documents')
    .values({
      id,
      business_id: businessId,
      title: 't',
      filename: null,
      kind: 'txt',
      size_bytes: text.length,
      sha256: id,
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
  const chunks = chunkBlocks(textBlocks(text)).map((c) => ({ id: randomUUID(), ...c }));
  await replaceChunks(db.kysely, { id, business_id: businessId }, chunks, at);
  const vectors = await embedder.embed(chunks.map((c) => c.text));
  await saveVectors(
    db.kysely,
    id,
    chunks.map((c, i) => ({ ...c, business_id: businessId, position: i, vector: vectors[i]! })),
    embedder.name,
    at,
  );
  await setStatus(db.kysely, id, 'indexing', at);
  return id;
}

const tmpDir = (t: Test): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'knowledge-index-'));
  t.teardown(() => rmSync(d, { recursive: true, force: true }));
  return d;
};

// The stand-in MiniLM (random weights, the real model's I/O) as the engine a customer switches to.
const standin = standinSources(sharedModelsDir());
forEachDialect(
  t,
  'hybrid index: after an embedding-engine switch, chunks are re-embedded once and saved',
  async (t, db) => {
    if (!standin) {
      t.comment('skipped: needs ../shared/models (MiniLM vocab)');
      return;
    }
    const modelsDir = tmpDir(t);
    writeStandinBundle(modelsDir, standin);
    const mini = await MiniLmEngine.load({ modelsDir });
    t.teardown(() => mini.close());
    let embedded = 0;
    const miniEmbedder: Embedder = {
      name: mini.name,
      dims: mini.dims,
      embed: (texts) => {
        embedded += texts.length;
        return mini.embed(texts);
      },
    };
    const dataDir = tmpDir(t);
    const b = await business(db);
    const doc = await document(db, b, `${syntheticDocument(2, 6_000)}\n\nThe QX-9 pump is serviced yearly.`);
    const before = new HybridIndexes({ db: db.kysely, embedder, dataDir, now });
    await before.addDocument(b, doc);
    await setStatus(db.kysely, doc, 'ready', now().toISOString());
    await before.idle();
    await before.stop();
    const rows = () =>
      db.kysely
        .selectFrom('knowledge_chunks')
        .select(['embed_model', 'vector'])
        .where('business_id', '=', b)
        .execute();
    const n = (await rows()).length;

    const switched = new HybridIndexes({ db: db.kysely, embedder: miniEmbedder, dataDir, now });
    t.ok((await switched.search(b, 'QX-9 pump', 3)).length > 0, 'searchable after the switch');
    await switched.idle();
    await switched.stop();
    t.equal(embedded, n + 1, 'every chunk re-embedded (plus the query)');
    t.ok(
      (await rows()).every((r) => r.embed_model === mini.name && decodeVector(r.vector ?? '').length === 384),
      'the new vectors are in the database',
    );
    const v = await indexVersion(db.kysely, b);

    embedded = 0;
    const restarted = new HybridIndexes({ db: db.kysely, embedder: miniEmbedder, dataDir, now });
    t.ok((await restarted.search(b, 'QX-9 pump', 3)).length > 0);
    await restarted.stop();
    t.equal(embedded, 1, 'a restart embeds only the query');
    t.equal(await indexVersion(db.kysely, b), v, 'loaded from disk, not rebuilt');
  },
);

forEachDialect(t, 'hybrid index: persist, reload, corrupt file, delete, rebuild', async (t, db) => {
  const dataDir = tmpDir(t);
  const b = await business(db);
  const idx = new HybridIndexes({ db: db.kysely, embedder, dataDir, now });
  t.teardown(() => idx.stop());
  const doc = await document(
    db,
    b,
    `${syntheticDocument(1, 20_000)}\n\nThe ZK-77 valve is replaced for free.`,
  );
  await idx.addDocument(b, doc);
  await setStatus(db.kysely, doc, 'ready', now().toISOString());
  const hits = await idx.search(b, 'ZK-77 valve', 3);
  t.ok(hits.length > 0, 'found');
  const v1 = await indexVersion(db.kysely, b);
  t.ok(v1 >= 1, `index version ${v1}`);
  await idx.idle();
  const dir = path.join(dataDir, 'knowledge-index', b);
  t.same(readdirSync(dir).sort(), [`v${v1}.bin`, `v${v1}.json`], 'the current version is on disk');

  // A restarted node loads the file: same version, same answers.
  const again = new HybridIndexes({ db: db.kysely, embedder, dataDir, now });
  t.same(
    (await again.search(b, 'ZK-77 valve', 3)).map((h) => h.chunkId),
    hits.map((h) => h.chunkId),
  );
  t.equal(await indexVersion(db.kysely, b), v1, 'loaded from disk, not rebuilt');
  await again.stop();

  // A corrupt file is rebuilt from the database.
  writeFileSync(path.join(dir, `v${v1}.bin`), 'garbage');
  const third = new HybridIndexes({ db: db.kysely, embedder, dataDir, now });
  t.equal(
    (await third.search(b, 'ZK-77 valve', 3))[0]?.chunkId,
    hits[0]?.chunkId,
    'rebuilt answers the same',
  );
  t.ok((await indexVersion(db.kysely, b)) > v1, 'rebuild published a new version');
  await third.stop();

  // Deleting chunks hides them at once; many deletes trigger a rebuild.
  const chunkIds = (
    await db.kysely.selectFrom('knowledge_chunks').select('id').where('document_id', '=', doc).execute()
  ).map((r) => r.id);
  const gone = chunkIds.slice(0, Math.ceil(chunkIds.length / 2));
  await db.kysely.deleteFrom('knowledge_chunks').where('id', 'in', gone).execute();
  await idx.removeChunks(b, gone);
  const left = new Set(chunkIds.slice(Math.ceil(chunkIds.length / 2)));
  const after = await idx.search(b, 'warranty inspection', 20);
  t.ok(after.length > 0 && after.every((h) => left.has(h.chunkId)), 'deleted chunks never returned');
  await idx.idle();
  t.equal(await idx.size(b), left.size, 'the rebuilt index holds the remaining chunks');
});

forEachDialect(t, 'a second node sees a new index version', async (t, db) => {
  const b = await business(db);
  const node1 = new HybridIndexes({ db: db.kysely, embedder, dataDir: tmpDir(t), now });
  const node2 = new HybridIndexes({ db: db.kysely, embedder, dataDir: tmpDir(t), now });
  t.teardown(async () => {
    await node1.stop();
    await node2.stop();
  });
  const d1 = await document(db, b, 'The garage opens at 7:30 on weekdays.');
  await node1.addDocument(b, d1);
  await setStatus(db.kysely, d1, 'ready', now().toISOString());
  t.equal((await node2.search(b, 'garage opens', 5)).length, 1, 'node 2 builds from the database');
  const d2 = await document(db, b, 'Tyre storage costs 40 euros per season.');
  await node1.addDocument(b, d2);
  await setStatus(db.kysely, d2, 'ready', now().toISOString());
  const until = Date.now() + 10_000;
  let seen = 0;
  while (Date.now() < until && seen < 2) {
    seen = (await node2.search(b, 'tyre storage garage', 5)).length;
    await new Promise((r) => setTimeout(r, 200));
  }
  t.equal(seen, 2, 'node 2 picked up the new version');
});
