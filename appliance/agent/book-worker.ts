/**
 * The worker thread of `book-build.ts`: builds a business's book (sentences, vocabulary, WordNet
 * relations), its knowledge graph and the numbers it states, and posts them as plain data. Its
 * own WordNet handle reads the same files as the main thread's; its caches die with the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildBook, type BookJob, type BookReply } from './book-build.js';
import { Wordnet } from './lexicon/wordnet.js';

const { lexiconDir } = workerData as { lexiconDir: string };
const lexicon = lexiconDir ? Wordnet.open(lexiconDir) : undefined;
const port = parentPort;

port?.on('message', (job: BookJob) => {
  let reply: BookReply;
  try {
    const { book, graph, grounded } = buildBook(job.chunks, job.businessName, lexicon);
    reply = { id: job.id, ok: true, data: book.toData(), graph, grounded };
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
