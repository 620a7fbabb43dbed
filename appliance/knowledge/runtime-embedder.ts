import type { AppContext } from '../context.js';
import type { Embedder } from './types.js';

/** Vector sizes of the embedding engines the models layer can pick. */
const dimsByEngine: Record<string, number> = { 'all-MiniLM-L6-v2': 384, 'wink-sg-100d-sif': 100 };

/**
 * The knowledge index's embedder: the models layer's warm engine (shared with the rest of the
 * appliance, one copy of its tables in memory). Name and size are fixed when the module starts,
 * from the engine the runtime will choose, because stored vectors are tagged with them; if the
 * loaded engine turns out different, embedding fails loudly instead of mixing vector spaces.
 */
export async function runtimeEmbedder(app: AppContext): Promise<Embedder> {
  const status = await app.models.status();
  const name = status.interfaces.embeddings.active ?? 'wink-sg-100d-sif';
  const dims = dimsByEngine[name];
  if (dims === undefined) throw new Error(`unknown embedding engine ${name}`);
  return {
    name,
    dims,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const engine = (await app.models.runtime()).embeddings;
      if (engine.name !== name || engine.dims !== dims)
        throw new Error(
          `embedding engine is ${engine.name}/${engine.dims}, the index expects ${name}/${dims}`,
        );
      return engine.embed(texts);
    },
  };
}
