/**
 * Building an agent's book off the main event loop. Reading a business's documents sentence by
 * sentence and relating their words through WordNet is CPU work that grows with the documents:
 * 0.5 s for 23 one-page documents (107 KB) on a warm WordNet, 2.3 s cold, seconds more up to the
 * 5000-chunk cap. On the main thread that stalled every live call's turn-taking and made the load
 * gate refuse new calls (503) while a business retrained. One worker thread builds books in turn
 * and posts them as plain data; the main thread only wraps them (`KnowledgeBook.fromData`) with
 * its own WordNet handle for the callers' words.
 */
import { workerEntry } from '../../lib/index.js';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { KnowledgeBook, type BookData, type SourceChunk } from './book.js';
import { extractGraph, type KnowledgeGraph } from './graph/extract.js';
import { groundingSet } from './grounding.js';
import type { Wordnet } from './lexicon/wordnet.js';

export interface BookJob {
  id: number;
  chunks: readonly SourceChunk[];
  businessName: string;
}
export type BookReply =
  | { id: number; ok: true; data: BookData; graph: KnowledgeGraph; grounded: Set<string> }
  | { id: number; ok: false; message: string };

export interface BuiltBook {
  book: KnowledgeBook;
  graph: KnowledgeGraph;
  /** The numbers the book's sentences state (grounding.ts), for the grounding guard. */
  grounded: Set<string>;
}

/** What a builder computes from the chunks, wherever it runs. */
export function buildBook(
  chunks: readonly SourceChunk[],
  businessName: string,
  lexicon: Wordnet | undefined,
): BuiltBook {
  const book = KnowledgeBook.build(chunks, lexicon);
  return {
    book,
    graph: extractGraph(book, businessName),
    grounded: groundingSet(book.sentences.map((x) => x.text)),
  };
}

/** Builds a business's book and knowledge graph from its chunks. */
export interface BookBuilder {
  build(chunks: readonly SourceChunk[], businessName: string): Promise<BuiltBook>;
  close(): Promise<void>;
}

/** On the calling thread: tests, benches and scripts that answer one business's questions. */
export function inThreadBooks(lexicon: Wordnet | undefined): BookBuilder {
  return {
    build: (chunks, businessName) => Promise.resolve(buildBook(chunks, businessName, lexicon)),
    close: () => Promise.resolve(),
  };
}

export interface WorkerBookOptions {
  /** WordNet's folder for the worker ("" = none). */
  lexiconDir: string;
  /** The main thread's WordNet, for the built book's look-ups of callers' words (asked per build). */
  lexicon: () => Wordnet | undefined;
  /** The worker ends after this long without work, ms (default 30 000): an idle box holds no copy. */
  idleMs?: number;
  /** One build's wall-clock limit, ms (default 120 000); the worker is ended past it. */
  timeoutMs?: number;
  /** The worker's V8 old-space limit, MB (default 1536: the 5000-chunk cap with room). */
  maxMemoryMb?: number;
  log?: Logger;
}

interface Pending {
  resolve: (b: BuiltBook) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One worker thread, started on the first build and ended after `idleMs` without work. Builds
 * queue in the worker (one at a time: they are CPU-bound, and the box has few cores for calls).
 * A build that fails, or a worker that dies, rejects with an AppError ('internal') and the next
 * build starts a fresh worker.
 */
export function workerBooks(opts: WorkerBookOptions): BookBuilder {
  const idleMs = opts.idleMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const maxMemoryMb = opts.maxMemoryMb ?? 1536;
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const fail = (w: Worker, why: string, cause?: unknown): void => {
    if (worker === w) worker = undefined;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new AppError('internal', `reading the business's documents failed: ${why}`, { cause }));
      pending.delete(id);
    }
    void w.terminate();
  };

  const settleIdle = (w: Worker): void => {
    if (pending.size > 0) return;
    // Not waiting on a build: the worker alone must not keep the process alive.
    w.unref();
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (worker === w && pending.size === 0) {
        worker = undefined;
        void w.terminate();
      }
    }, idleMs);
    idle.unref();
  };

  const start = (): Worker => {
    const w = new Worker(workerEntry(new URL('./book-worker.js', import.meta.url)), {
      workerData: { lexiconDir: opts.lexiconDir },
      // No test-runner or coverage hooks of the parent in this thread.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, stackSizeMb: 4 },
    });
    w.on('message', (r: BookReply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      clearTimeout(p.timer);
      if (r.ok)
        p.resolve({
          book: KnowledgeBook.fromData(r.data, opts.lexicon()),
          graph: r.graph,
          grounded: r.grounded,
        });
      else p.reject(new AppError('internal', `reading the business's documents failed: ${r.message}`));
      settleIdle(w);
    });
    // Only the current worker's end fails the waiting builds: one ended for idleness or after a
    // failure can report its exit after the next build has started a fresh worker.
    w.on('error', (err: Error & { code?: string }) => {
      opts.log?.error({ err }, 'book builder worker failed');
      if (worker !== w) return;
      fail(
        w,
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `they needed more than ${maxMemoryMb} MB of memory`
          : err.message,
        err,
      );
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = undefined;
      if (pending.size > 0) fail(w, `the builder stopped unexpectedly (exit ${code})`);
    });
    return w;
  };

  return {
    build(chunks, businessName) {
      clearTimeout(idle);
      const w = (worker ??= start());
      w.ref();
      const id = nextId++;
      return new Promise<BuiltBook>((resolve, reject) => {
        const timer = setTimeout(
          () => fail(w, `it took longer than ${Math.round(timeoutMs / 1000)} s (stopped)`),
          timeoutMs,
        );
        pending.set(id, { resolve, reject, timer });
        const job: BookJob = { id, chunks, businessName };
        w.postMessage(job);
      });
    },
    async close() {
      clearTimeout(idle);
      const w = worker;
      worker = undefined;
      if (w) {
        for (const [id, p] of pending) {
          clearTimeout(p.timer);
          p.reject(new AppError('unavailable', 'the appliance is stopping'));
          pending.delete(id);
        }
        await w.terminate();
      }
    },
  };
}
