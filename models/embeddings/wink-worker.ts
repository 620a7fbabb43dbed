/**
 * Worker thread of the wink SIF engine: owns the word table, embeds batches off the main thread.
 * Messages: {id, op:'ready'} | {id, op:'embed', texts, wordWeights?, commonComponent?} |
 * {id, op:'fit', texts} (first principal component of their vectors).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { firstPrincipalComponent, SifEmbedder } from './sif.js';
import { loadWinkTable } from './word-table.js';

interface Request {
  id: number;
  op: 'ready' | 'embed' | 'fit';
  texts?: unknown;
  wordWeights?: [string, number][];
  commonComponent?: Float32Array;
}

const data = workerData as { cacheDir?: string };
const embedder = loadWinkTable(data.cacheDir).then((t) => new SifEmbedder(t));
embedder.catch(() => undefined);

parentPort?.on('message', (msg: Request) => {
  void (async () => {
    try {
      const sif = await embedder;
      if (msg.op === 'ready') return parentPort?.postMessage({ id: msg.id, ok: true, result: sif.dims });
      const texts = Array.isArray(msg.texts)
        ? msg.texts.map((t) => (typeof t === 'string' ? t : String(t)))
        : [];
      const opts = {
        ...(msg.wordWeights ? { wordWeights: new Map(msg.wordWeights) } : {}),
        ...(msg.commonComponent ? { commonComponent: msg.commonComponent } : {}),
      };
      const vecs = texts.map((t) => sif.embed(t, msg.op === 'fit' ? {} : opts));
      if (msg.op === 'fit')
        return parentPort?.postMessage({ id: msg.id, ok: true, result: firstPrincipalComponent(vecs) });
      // One contiguous buffer, transferred (no copy) and split on the main thread.
      const flat = new Float32Array(vecs.length * sif.dims);
      vecs.forEach((v, i) => flat.set(v, i * sif.dims));
      parentPort?.postMessage({ id: msg.id, ok: true, result: flat }, [flat.buffer]);
    } catch (err) {
      parentPort?.postMessage({ id: msg.id, ok: false, error: (err as Error).message });
    }
  })();
});
