import { deserialize, serialize } from 'node:v8';
import t from 'tap';
import { FlatRelationLookup, flattenRelations } from '../relations.js';

/** A seeded generator: the same maps on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

t.test('flat relations read as the nested maps they came from, after a structured clone', async (t) => {
  for (let seed = 1; seed <= 20; seed++) {
    const r = rng(seed);
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const nested = new Map<string, Map<string, number>>();
    for (let k = 0; k < 1 + Math.floor(r() * 30); k++) {
      const inner = new Map<string, number>();
      // Empty inner maps too: a key with no targets must still be found.
      for (let j = 0; j < Math.floor(r() * 6); j++) inner.set(words[Math.floor(r() * words.length)]!, r());
      nested.set(`k${Math.floor(r() * 50)}`, inner);
    }
    const flat = deserialize(serialize(flattenRelations(nested))) as ReturnType<typeof flattenRelations>;
    const read = new FlatRelationLookup(flat);
    for (const [k, inner] of nested) t.same([...(read.get(k) ?? [])], [...inner], `seed ${seed}: ${k}`);
    t.equal(read.get('absent'), undefined);
    t.same(
      [...read].map(([k, m]) => [k, [...m]]),
      [...nested].map(([k, m]) => [k, [...m]]),
      'iteration keeps the order',
    );
    t.same(flattenRelations(read), flat, 'flattening a flat lookup gives it back');
  }
});

t.test('weights keep full precision (float32 would reorder near ties)', async (t) => {
  const w = 0.1 + 0.2;
  const read = new FlatRelationLookup(flattenRelations(new Map([['a', new Map([['b', w]])]])));
  t.equal(read.get('a')?.get('b'), w);
});
