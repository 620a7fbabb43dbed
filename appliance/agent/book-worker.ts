/**
 * The worker thread of `book-build.ts`: builds a business's book (sentences, vocabulary, WordNet
 * relations), its knowledge graph and the numbers it states, and posts them as plain data. Its
 * own WordNet handle reads the same files as the main thread's; its caches die with the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildBook, type BookJob, type BookReply } from './book-build.js';
import { Wordnet } from './lexicon/wordnet.js';
import { relationBuffers } from './relations.js';

const { lexiconDir } = workerData as { lexiconDir: string };
const lexicon = lexiconDir ? Wordnet.open(lexiconDir) : undefined;
const port = parentPort;

port?.on('message', (job: BookJob) => {
  let reply: BookReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { book, graph, grounded } = buildBook(job.chunks, job.businessName, lexicon);
    const data = book.toData();
    reply = { id: job.id, ok: true, data, graph, grounded };
    // The relations' typed arrays are moved to the main thread, not copied.
    transfer = [...relationBuffers(data.related), ...relationBuffers(data.glossRelated)];
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply, transfer);
});
