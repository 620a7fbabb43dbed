import t from 'tap';
import { dialects } from '../../test/helpers/dialects.js';
import { startTestApi } from '../../test/helpers/app.js';
import type { BusinessId } from '../../ids.js';
import type { KnowledgeEvent, KnowledgeModule } from '../index.js';
import {
  bellaFiles,
  fixture,
  northwindFiles,
  query,
  upload,
  uploadFixtures,
  waitAllFinal,
  type DocView,
} from './helpers.js';

for (const dialect of dialects) {
  t.test(`knowledge upload, ingest, query, delete, isolation [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const bella = await api.register('Bella Napoli');
    const north = await api.register('Northwind Dental');
    const knowledge = api.app.modules.knowledge as KnowledgeModule;
    const events: KnowledgeEvent[] = [];
    t.teardown(knowledge.onEvent((e) => events.push(e)));

    const up = await uploadFixtures(api, bella.token, bellaFiles);
    t.equal(up.status, 201, 'new documents: 201');
    t.same(
      up.body.items.map((d) => [d.kind, d.created, d.sha256.length]),
      [
        ['txt', true, 64],
        ['csv', true, 64],
        ['html', true, 64],
      ],
      'sniffed kinds, created, sha256',
    );
    t.ok(
      ['queued', 'extracting', 'chunking', 'embedding', 'indexing', 'ready'].includes(
        up.body.items[0]!.status,
      ),
    );
    t.equal((await uploadFixtures(api, north.token, northwindFiles)).status, 201);

    const bellaDocs = await waitAllFinal(api, bella.token);
    t.same(
      bellaDocs.map((d) => d.status),
      ['ready', 'ready', 'ready'],
      'every Bella document ready',
    );
    for (const d of bellaDocs)
      t.ok(d.chunksTotal > 0 && d.chunksDone === d.chunksTotal, `${d.title} progress complete`);
    t.same(
      (await waitAllFinal(api, north.token)).map((d) => d.status),
      ['ready', 'ready', 'ready'],
    );

    t.same(
      events
        .filter((e) => e.businessId === bella.businessId)
        .map((e) => e.kind)
        .sort(),
      ['knowledge.ready', 'knowledge.ready', 'knowledge.ready'],
      'a knowledge.ready event per document',
    );
    // The export the conversation engine calls.
    const direct = await knowledge.search.query(bella.businessId as BusinessId, 'Do you deliver?', { k: 2 });
    t.equal(direct.length, 2);
    t.match(direct[0]?.text ?? '', /deliver/);
    t.ok((await knowledge.search.indexVersion(bella.businessId as BusinessId)) >= 1);

    // Idempotent re-upload: same bytes -> the same document, 200.
    const again = await uploadFixtures(api, bella.token, ['bella-napoli-faq.txt']);
    t.equal(again.status, 200, 're-upload answers 200');
    t.equal(again.body.items[0]!.created, false);
    t.equal(again.body.items[0]!.id, up.body.items[0]!.id, 'the existing document');
    const list = await api.call<{ items: DocView[]; total: number }>('GET', '/knowledge', {
      token: bella.token,
    });
    t.equal(list.body.total, 3, 'no duplicate document');

    // One document with its chunk count.
    const one = await api.call<DocView & { chunkCount: number }>(
      'GET',
      `/knowledge/${up.body.items[0]!.id}`,
      {
        token: bella.token,
      },
    );
    t.equal(one.status, 200);
    t.equal(one.body.chunkCount, one.body.chunksTotal);
    t.ok(one.body.chunkCount >= 10, 'FAQ pairs are chunks of their own');

    // Hybrid query: product code and a paraphrase.
    const code = await query(api, bella.token, 'How much is the PZ-104?');
    t.match(code[0]?.text ?? '', /Quattro Formaggi/, 'product code found by keyword');
    const hours = await query(api, north.token, 'When is the clinic open on Friday?');
    t.ok(
      hours.some((p) => /Friday 8:00 to 14:00/.test(p.text)),
      'Northwind opening hours found',
    );
    t.ok(
      hours.every((p) => !/Bella|pizza/i.test(p.text)),
      "no Bella passage in Northwind's answers",
    );
    const bellaHours = await query(api, bella.token, 'When is the clinic open on Friday?', 10);
    t.ok(bellaHours.length > 0);
    t.ok(
      bellaHours.every((p) => !/Northwind|dental|dentist/i.test(p.text)),
      "no Northwind passage in Bella's answers",
    );
    const docIdsOfBella = new Set(bellaDocs.map((d) => d.id));
    t.ok(
      bellaHours.every((p) => docIdsOfBella.has(p.documentId)),
      'only Bella documents',
    );

    // Pasted text (JSON) and a product code that only BM25 can find.
    const pasted = await api.call<{ items: DocView[] }>('POST', '/knowledge/upload', {
      token: bella.token,
      body: { title: 'Specials', text: 'This week the XR-200 special is a truffle pizza for 19.90 euros.' },
    });
    t.equal(pasted.status, 201);
    t.equal(pasted.body.items[0]!.kind, 'txt');
    await waitAllFinal(api, bella.token);
    const xr = await query(api, bella.token, 'xr-200', 1);
    t.match(xr[0]?.text ?? '', /truffle/, 'pasted text is searchable');
    t.equal(xr[0]?.title, 'Specials');

    // Delete: the passage is gone at once.
    const del = await api.call('DELETE', `/knowledge/${pasted.body.items[0]!.id}`, { token: bella.token });
    t.equal(del.status, 204);
    t.ok(
      events.some((e) => e.kind === 'knowledge.deleted' && e.documentId === pasted.body.items[0]!.id),
      'knowledge.deleted event',
    );
    const after = await query(api, bella.token, 'xr-200 truffle special', 10);
    t.notOk(
      after.some((p) => /truffle/.test(p.text)),
      'deleted passage no longer returned',
    );
    t.equal(
      (await api.call('GET', `/knowledge/${pasted.body.items[0]!.id}`, { token: bella.token })).status,
      404,
    );
    t.equal(
      (await api.call('DELETE', `/knowledge/${pasted.body.items[0]!.id}`, { token: bella.token })).status,
      404,
      'second delete: 404',
    );

    // Tenant isolation on the id routes.
    const aDoc = bellaDocs[0]!.id;
    t.equal((await api.call('GET', `/knowledge/${aDoc}`, { token: north.token })).status, 404);
    t.equal((await api.call('DELETE', `/knowledge/${aDoc}`, { token: north.token })).status, 404);
    t.equal((await api.call('GET', `/knowledge/${aDoc}`, { token: bella.token })).status, 200, 'still there');

    // Index version is bumped by changes.
    const st = await api.call<{ indexVersion: number }>('GET', '/knowledge/status', { token: bella.token });
    t.ok(st.body.indexVersion >= 2, `index version ${st.body.indexVersion}`);
  });
}

t.test('upload refusals: sniffing, size, count, bad bodies', async (t) => {
  const api = await startTestApi(t, 'sqlite');
  const a = await api.register('Refusals');
  const events: KnowledgeEvent[] = [];
  t.teardown((api.app.modules.knowledge as KnowledgeModule).onEvent((e) => events.push(e)));
  const elf = await upload(api, a.token, [
    { name: 'menu.txt', bytes: fixture('bella-napoli-faq.txt') },
    {
      name: 'price-list.pdf',
      bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000, 3)]),
    },
  ]);
  t.equal(elf.status, 415, 'renamed binary refused');
  t.equal(elf.body.error?.code, 'unsupported_media_type');
  t.equal(elf.body.error?.details?.file, 'price-list.pdf', 'details name the file');
  t.equal(
    (await api.call<{ total: number }>('GET', '/knowledge', { token: a.token })).body.total,
    0,
    'nothing stored',
  );

  const zip = await upload(api, a.token, [
    { name: 'x.docx', bytes: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 1)]) },
  ]);
  t.equal(zip.status, 415, 'a zip that is not a docx is refused');

  const big = await upload(api, a.token, [
    { name: 'huge.txt', bytes: Buffer.alloc(20 * 1024 * 1024 + 10, 0x61) },
  ]);
  t.equal(big.status, 413, 'over 20 MiB: 413');
  t.equal(big.body.error?.details?.file, 'huge.txt');

  const many = await upload(
    api,
    a.token,
    Array.from({ length: 21 }, (_, i) => ({ name: `f${i}.txt`, bytes: Buffer.from(`note number ${i}`) })),
  );
  t.equal(many.status, 413, 'more than 20 files: 413');

  const empty = await upload(api, a.token, [{ name: 'empty.txt', bytes: Buffer.alloc(0) }]);
  t.equal(empty.status, 415, 'empty file refused');

  const badJson = await api.call('POST', '/knowledge/upload', {
    token: a.token,
    body: { title: 'x', text: 'y', url: 'http://x' },
  });
  t.equal(badJson.status, 400, 'unknown field (url) refused');
  const wrongType = await api.call('POST', '/knowledge/upload', {
    token: a.token,
    raw: 'hello',
    headers: { 'content-type': 'text/plain' },
  });
  t.equal(wrongType.status, 415);
  const broken = await api.call('POST', '/knowledge/upload', {
    token: a.token,
    raw: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc',
    headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
  });
  t.ok([400].includes(broken.status), `truncated multipart: ${broken.status}`);
  const q = await api.call('POST', '/knowledge/query', { token: a.token, body: { query: '', k: 3 } });
  t.equal(q.status, 400);
  const none = await api.call<{ items: unknown[] }>('POST', '/knowledge/query', {
    token: a.token,
    body: { query: 'anything' },
  });
  t.same(none.body.items, [], 'no knowledge yet: empty');

  // A corrupt PDF is accepted (the bytes say PDF) and then fails with a reason.
  const bad = await upload(api, a.token, [
    { name: 'broken.pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj garbage') },
  ]);
  t.equal(bad.status, 201);
  const [doc] = await waitAllFinal(api, a.token);
  t.equal(doc?.status, 'failed');
  t.match(doc?.error ?? '', /pdf/i, `failure says why: ${doc?.error}`);
  t.same(
    events.map((e) => e.kind),
    ['knowledge.failed'],
    'a knowledge.failed event',
  );
  const viewer = await api.call<{ key: string }>('POST', '/api-keys', {
    token: a.token,
    body: { name: 'v', role: 'viewer' },
  });
  const denied = await api.call('POST', '/knowledge/upload', {
    token: viewer.body.key,
    body: { title: 'x', text: 'y' },
  });
  t.equal(denied.status, 403, 'a viewer cannot upload');
  t.equal(
    (await api.call('POST', '/knowledge/query', { token: viewer.body.key, body: { query: 'x' } })).status,
    200,
    'a viewer can query',
  );
});
