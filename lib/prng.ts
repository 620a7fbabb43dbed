/**
 * A deterministic PRNG (mulberry32): uniform numbers in [0, 1) from a 32-bit seed, so generated
 * audio, corpora and fuzz inputs are the same every run and a failure can be replayed.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
