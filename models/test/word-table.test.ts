/**
 * The word-vector table read from its cache (word-table.ts): only the most frequent rows are held,
 * rarer rows are read from the file, words are found by binary search. It must answer exactly as
 * the whole table in memory does: same ranks (the first of duplicate words), same rows, -1 for
 * absent words, on a table larger than the rows kept in memory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { HEAD_ROWS, loadWinkTable, memoryTable, writeWordCache } from '../embeddings/word-table.js';

t.test('the cached table answers as the table in memory', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'word-table-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const n = HEAD_ROWS + 5000;
  const special = ['the', 'café', 'naïve', 'zürich', "don't", 'xr-200', '日本', 'a', 'b', ''];
  const words = Array.from({ length: n }, (_, i) => special[i] ?? `w${(i * 7919) % n}x${i % 13}`);
  words[n - 1] = 'the'; // a duplicate: the first (most frequent) rank wins
  words[n - 2] = 'rareword';
  const vectors = new Float32Array(n * 100).map((_, k) => Math.sin(k * 0.37));
  await writeWordCache(dir, words, vectors, 100);
  const file = await loadWinkTable(dir);
  const mem = memoryTable(words, vectors, 100);
  t.equal(file.size, n);
  let ranks = 0;
  for (const w of new Set(words)) if (file.rank(w) === mem.rank(w)) ranks++;
  t.equal(ranks, new Set(words).size, 'every word has the rank the Map gives');
  t.equal(file.rank('the'), 0, 'a duplicate word keeps its first rank');
  t.equal(file.rank('rareword'), n - 2, 'a word past the rows held in memory');
  for (const absent of ['zzz-not-there', 'caf', 'cafés', 'THE', ' '])
    t.equal(file.rank(absent), -1, `absent: "${absent}"`);
  for (const r of [0, 1, HEAD_ROWS - 1, HEAD_ROWS, n - 2, n - 1])
    t.same(Array.from(file.row(r)), Array.from(mem.row(r)), `row ${r}`);
});

t.test('words with newlines and other dimensions are refused when the cache is written', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'word-table-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await t.rejects(writeWordCache(dir, ['a\nb'], new Float32Array(100), 100), { code: 'bad-input' });
  await t.rejects(writeWordCache(dir, ['a'], new Float32Array(50), 50), /50 dimensions/);
});

t.test('a cache of rows and words without its order (or with a wrong one) gets the order made', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'word-table-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const words = ['delta', 'alpha', 'charlie', 'bravo', 'alpha'];
  const vectors = new Float32Array(words.length * 100).map((_, k) => k);
  await writeWordCache(dir, words, vectors, 100);
  const order = path.join(dir, 'wink-sg-100d.v1.order');
  rmSync(order); // a cache made before the order file existed
  let table = await loadWinkTable(dir);
  t.same(
    ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((w) => table.rank(w)),
    [1, 3, 2, 0, -1],
    'made from the words file (no JSON parse)',
  );
  writeFileSync(order, new Uint8Array(Uint32Array.from([0, 1, 2, 3, 4]).buffer)); // not sorted
  table = await loadWinkTable(dir);
  t.equal(table.rank('bravo'), 3, 'an unsorted order is made again');
  t.same(Array.from(table.row(3).subarray(0, 2)), [300, 301]);
});
