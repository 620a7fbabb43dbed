/** Test helpers shared by the media tests (not part of the public API). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dgram from 'node:dgram';
import { rms } from '../../lib/test/signals.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedDir(): string {
  return process.env.APPLIANCE_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
}

/** Path under the shared test data, or undefined (skip the test) when absent. */
export function sharedFile(...parts: string[]): string | undefined {
  const candidates = [path.join(sharedDir(), ...parts), path.join('/work/shared', ...parts)];
  return candidates.find((p) => existsSync(p));
}

/** Deterministic PRNG (mulberry32). */
export { prng } from '../../lib/index.js';

/** A free UDP port on 127.0.0.1 (bound and closed; tiny race acceptable for test peers). */
export async function freeUdpPort(even = false): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const port = s.address().port;
    s.close();
    if (!even || port % 2 === 0) return port;
  }
  throw new Error('no free port');
}

/** A random port range of `pairs` pairs in the ephemeral area, unlikely to collide between test files. */
export function randomPortRange(
  pairs: number,
  seed = Math.random(),
): { rtpPortMin: number; rtpPortMax: number } {
  const base = 20000 + 2 * Math.floor(seed * 10000);
  return { rtpPortMin: base, rtpPortMax: base + pairs * 2 - 1 };
}

/** Normalized cross-correlation maximized over lags in [-maxLag, maxLag]. */
export function bestCorrelation(a: Int16Array, b: Int16Array, maxLag: number): { corr: number; lag: number } {
  let best = { corr: -1, lag: 0 };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < a.length; i++) {
      const j = i + lag;
      if (j < 0 || j >= b.length) continue;
      const x = a[i] ?? 0;
      const y = b[j] ?? 0;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const c = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    if (c > best.corr) best = { corr: c, lag };
  }
  return best;
}

/** Coarse envelope correlation helper: downsample |x| by `block` to find a lag fast. */
export function envelope(x: Int16Array, block: number): Int16Array {
  const out = new Int16Array(Math.floor(x.length / block));
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let k = 0; k < block; k++) s += Math.abs(x[i * block + k] ?? 0);
    out[i] = Math.min(32767, Math.round(s / block));
  }
  return out;
}

export { tone, rms, concat } from '../../lib/test/signals.js';

/**
 * Mean normalized correlation of `ref` against `rx` in windows of `windowSamples`, each window aligned
 * on its own within +-`searchSamples` of the previous window's lag (tolerates the small time shifts a
 * jitter buffer adds when it stretches playout). Windows of near-silence in `ref` are skipped and the
 * mean is weighted by window energy (quiet windows are dominated by codec quantization noise).
 */
export function windowedCorrelation(
  ref: Int16Array,
  rx: Int16Array,
  startLag: number,
  windowSamples: number,
  searchSamples: number,
): { mean: number; median: number; windows: number } {
  let lag = startLag;
  let sum = 0;
  let weight = 0;
  let count = 0;
  const all: number[] = [];
  for (let w = 0; w + windowSamples <= ref.length; w += windowSamples) {
    const seg = ref.subarray(w, w + windowSamples);
    if (rms(seg) < 100) continue;
    const from = Math.max(0, w + lag - searchSamples);
    const cand = rx.subarray(from, w + lag + windowSamples + searchSamples);
    const r = bestCorrelation(seg, cand, 0);
    // bestCorrelation with lag 0 only checks alignment 0: scan explicitly.
    let best = { corr: r.corr, lag: 0 };
    for (let l = 0; l + windowSamples <= cand.length; l += 1) {
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (let i = 0; i < windowSamples; i++) {
        const x = seg[i] ?? 0;
        const y = cand[l + i] ?? 0;
        sab += x * y;
        saa += x * x;
        sbb += y * y;
      }
      const c = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
      if (c > best.corr) best = { corr: c, lag: l };
    }
    lag = from + best.lag - w;
    const energy = rms(seg) ** 2;
    sum += best.corr * energy;
    all.push(best.corr);
    weight += energy;
    count++;
  }
  all.sort((a, b) => a - b);
  return {
    mean: weight > 0 ? sum / weight : 0,
    median: all[Math.floor(all.length / 2)] ?? 0,
    windows: count,
  };
}
