import t from 'tap';
import { createAgentBody, type AgentView } from '../../agents/schema.js';
import { chunkBlocks, extract } from '../../knowledge/index.js';
import { AppError } from '../../errors.js';
import type { SourceChunk } from '../book.js';
import { inThreadBooks, workerBooks } from '../book-build.js';
import { compileAgent } from '../compile.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { checkedReply } from './checked-reply.js';
import { documentBytes, suiteBusinesses } from './knowledge-suite/businesses.js';

/**
 * Books built in the worker thread (book-build.ts) are the books built in place: same sentences,
 * vocabulary, WordNet relations and graph, so the same answers; and while a large book is built
 * the main event loop keeps running (live calls' turn-taking, the load gate, HTTP).
 */

const lexiconDir = '/usr/share/wordnet';
const lexicon = sharedWordnet(lexiconDir);

/** Every document of the knowledge suite as one business's chunks (23 documents, ~107 KB). */
async function suiteChunks(): Promise<SourceChunk[]> {
  const out: SourceChunk[] = [];
  for (const b of suiteBusinesses) {
    const { blocks } = await extract(b.file.split('.').pop() as 'docx', documentBytes(b));
    for (const c of chunkBlocks(blocks)) out.push({ documentId: b.key, title: b.name, text: c.text });
  }
  return out;
}

t.test('the worker builds the same book and graph as the calling thread', async (t) => {
  const chunks = (await suiteChunks()).slice(0, 60);
  const books = workerBooks({ lexiconDir, lexicon: () => lexicon });
  t.teardown(() => books.close());
  const here = await inThreadBooks(lexicon).build(chunks, 'Suite');
  const there = await books.build(chunks, 'Suite');
  t.ok(here.book.size > 50, `${here.book.size} sentences`);
  t.same(there.book.toData(), here.book.toData(), 'sentences, vocabulary and relations');
  t.same(there.graph, here.graph, 'graph');
  t.same([...there.grounded].sort(), [...here.grounded].sort(), 'numbers stated');
  t.ok(there.grounded.size > 10, `${there.grounded.size} numbers`);
  // The wrapped book answers look-ups with this thread's WordNet, as one built here does.
  for (const w of ['cost', 'vet', 'repair', 'open'])
    t.same([...there.book.expand(w, w)], [...here.book.expand(w, w)], `expand(${w})`);
});

t.test('an agent compiled through the worker answers as one compiled in place', async (t) => {
  const b = suiteBusinesses.find((x) => x.key === 'vet')!;
  const { blocks } = await extract('html', documentBytes(b));
  const chunks = chunkBlocks(blocks).map((c) => ({ documentId: 'p1', title: b.name, text: c.text }));
  const config = createAgentBody.parse({ name: b.name, facts: {} });
  const view: AgentView = { ...config, id: 'a1', status: 'ready', createdAt: '', updatedAt: '', version: 1 };
  const business = { id: 'b1', name: b.name, timeZone: 'UTC' };
  const books = workerBooks({ lexiconDir, lexicon: () => lexicon });
  t.teardown(() => books.close());
  const here = await compileAgent(view, business, { temperature: 0.1, chunks, lexicon });
  const there = await compileAgent(view, business, { temperature: 0.1, chunks, lexicon, books });
  const questions = [
    'how much is a dental cleaning?',
    'when are you open on saturday?',
    'who looks after rabbits?',
    'where are you?',
    'do you take pet insurance?',
    'how much is a horse x-ray?',
  ];
  for (const q of questions) {
    const reply = await checkedReply(there, q);
    t.ok(reply.length > 0, q);
    t.equal(reply, await checkedReply(here, q), q);
  }
});

t.test('the main event loop runs while a large book is built', async (t) => {
  const chunks = await suiteChunks();
  const books = workerBooks({ lexiconDir, lexicon: () => lexicon });
  t.teardown(() => books.close());
  await books.build(chunks.slice(0, 2), 'warm-up'); // the worker's start is not the point here
  // A 5 ms timer's longest gap while the book is built: the whole build (0.5-2.3 s here) when
  // it runs on this thread, a few ms plus the wrap of the result when it runs in the worker.
  let last = performance.now();
  let longest = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, 5);
  const started = performance.now();
  const { book } = await books.build(chunks, 'Suite');
  const took = performance.now() - started;
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  t.ok(book.size > 500, `${book.size} sentences`);
  t.ok(ticks > 10, `${ticks} ticks during ${took.toFixed(0)} ms`);
  t.ok(longest < took / 2, `longest stall ${longest.toFixed(0)} ms of a ${took.toFixed(0)} ms build`);
});

t.test('a build past its limit fails with a clear error; the next build starts a fresh worker', async (t) => {
  const chunks = await suiteChunks();
  const slow = workerBooks({ lexiconDir, lexicon: () => lexicon, timeoutMs: 1 });
  t.teardown(() => slow.close());
  const err = await slow.build(chunks, 'Suite').catch((e: unknown) => e);
  t.ok(err instanceof AppError, 'AppError');
  t.equal((err as AppError).code, 'internal');
  t.match((err as AppError).message, /longer than/);
  const books = workerBooks({ lexiconDir, lexicon: () => lexicon, idleMs: 50 });
  t.teardown(() => books.close());
  const a = await books.build(chunks.slice(0, 5), 'Suite');
  await new Promise((r) => setTimeout(r, 200)); // past idleMs: the worker has ended
  const b = await books.build(chunks.slice(0, 5), 'Suite');
  t.same(b.book.toData(), a.book.toData(), 'a fresh worker after the idle end builds the same book');
});

t.test('closing rejects the builds still waiting and ends the worker', async (t) => {
  const chunks = await suiteChunks();
  const books = workerBooks({ lexiconDir, lexicon: () => lexicon });
  const waiting = books.build(chunks, 'Suite').catch((e: unknown) => e);
  await books.close();
  const err = await waiting;
  t.ok(err instanceof AppError);
  t.equal((err as AppError).code, 'unavailable');
});

t.test('a worker ended for idleness does not fail the build that starts the next one', async (t) => {
  // The idle end terminates the old worker; its exit event can arrive after the next build has
  // started a fresh worker. That exit is the old worker's and must not reject the new build.
  const chunks = (await suiteChunks()).slice(0, 3);
  const books = workerBooks({ lexiconDir, lexicon: () => lexicon, idleMs: 10 });
  t.teardown(() => books.close());
  let failed = 0;
  for (let k = 0; k < 4; k++) {
    await books.build(chunks, 'Suite');
    await new Promise((r) => setTimeout(r, 10 + k));
    await books.build(chunks, 'Suite').catch(() => failed++);
  }
  t.equal(failed, 0, 'every build after an idle end succeeded');
});
