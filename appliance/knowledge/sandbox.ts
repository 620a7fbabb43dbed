/**
 * Document extraction off the main thread (issue 23.2): each document is parsed in its own
 * worker thread with a V8 heap limit, a wall-clock limit (the worker is terminated) and, inside
 * the worker, limits on decompressed bytes and pages. Whatever goes wrong becomes an
 * ExtractError with a reason a person can act on, so the document fails once (not retried) and
 * the main thread (HTTP, SIP, calls) never waits on a parser.
 */
import { workerEntry } from '../../lib/index.js';
import { Worker } from 'node:worker_threads';
import type { Extracted } from './blocks.js';
import { ExtractError } from './extract.js';
import type { ExtractJob, ExtractReply } from './extract-worker.js';
import type { DocumentKind } from './types.js';

export interface ExtractLimits {
  /** Wall-clock time for one document, ms (default 45 000; below the job lease). */
  timeoutMs: number;
  /** V8 heap of the worker, MB (default 512). */
  maxMemoryMb: number;
  /** Decompressed bytes (DOCX entries, PDF content streams), default 64 MiB. */
  maxInflatedBytes: number;
  /** PDF pages (default 2000). */
  maxPages: number;
}

export const defaultExtractLimits: ExtractLimits = {
  timeoutMs: 45_000,
  maxMemoryMb: 512,
  maxInflatedBytes: 64 * 1024 * 1024,
  maxPages: 2000,
};

const mb = (n: number): string => `${Math.round(n / 1048576)} MiB`;

export function extractIsolated(
  kind: DocumentKind,
  bytes: Buffer,
  limits: ExtractLimits = defaultExtractLimits,
): Promise<Extracted> {
  const copy = new Uint8Array(bytes); // the worker gets its own copy, transferred
  const job: ExtractJob = {
    kind,
    bytes: copy,
    maxInflatedBytes: limits.maxInflatedBytes,
    maxPages: limits.maxPages,
  };
  return new Promise<Extracted>((resolve, reject) => {
    const worker = new Worker(workerEntry(new URL('./extract-worker.js', import.meta.url)), {
      workerData: job,
      transferList: [copy.buffer],
      // No test-runner or coverage hooks of the parent in the parser's thread.
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: limits.maxMemoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(limits.maxMemoryMb / 8))),
        stackSizeMb: 4,
      },
    });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new ExtractError(
              `reading the ${kind} file took longer than ${Math.round(limits.timeoutMs / 1000)} s (stopped)`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.once('message', (r: ExtractReply) =>
      settle(() => (r.ok ? resolve(r.extracted) : reject(new ExtractError(r.message)))),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          new ExtractError(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `reading the ${kind} file needed more than ${mb(limits.maxMemoryMb * 1048576)} of memory (stopped)`
              : `cannot read the ${kind} file: ${err.message}`,
            { cause: err },
          ),
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new ExtractError(`the ${kind} reader stopped unexpectedly (exit ${code})`))),
    );
  });
}
