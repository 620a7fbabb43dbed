/**
 * The worker thread of `book-build.ts`: builds a business's book (sentences, vocabulary, WordNet
 * relations) and its knowledge graph, and posts them as plain data. Its own WordNet handle reads
 * the same files as the main thread's; its caches die with the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeBook, type SourceChunk } from './book.js';
import type { BookJob, BookReply } from './book-build.js';
import { extractGraph } from './graph/extract.js';
import { Wordnet } from './lexicon/wordnet.js';

const { lexiconDir } = workerData as { lexiconDir: string };
const lexicon = lexiconDir ? Wordnet.open(lexiconDir) : undefined;
const port = parentPort;

port?.on('message', (job: BookJob) => {
  let reply: BookReply;
  try {
    const book = KnowledgeBook.build(job.chunks as SourceChunk[], lexicon);
    reply = { id: job.id, ok: true, data: book.toData(), graph: extractGraph(book, job.businessName) };
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
