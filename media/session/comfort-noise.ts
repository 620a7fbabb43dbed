/** Comfort noise for the outbound stream when nothing is queued (optional; default is digital silence). */
/** xorshift32 white noise at a peak `level` (16-bit): cheap and deterministic. */
export class NoiseSource {
  private seed = 0x1234567;

  fill(pcm: Int16Array, level: number): Int16Array {
    for (let i = 0; i < pcm.length; i++) {
      let x = this.seed;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.seed = x >>> 0;
      pcm[i] = Math.round(((this.seed / 0xffffffff) * 2 - 1) * level);
    }
    return pcm;
  }
}
