/** Normalised correlation of a and b with b delayed by lag samples, over their overlap. */
export function correlation(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  lag: number,
  from = 0,
  length = Infinity,
): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  const end = Math.min(a.length, b.length - lag, from + length);
  for (let i = Math.max(from, -lag); i < end; i++) {
    const x = a[i] ?? 0;
    const y = b[i + lag] ?? 0;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * How well `recorded` holds `source`: finds where the source starts (searching the first
 * maxOffsetS seconds with a 2 s probe), then compares 1 s windows, each at its best lag within
 * +-200 ms of that start, because a real-time path may shift timing slightly (jitter buffer
 * adaptation) but must not change the content.
 */
export function compareAudio(
  source: Int16Array,
  recorded: Int16Array,
  rateHz: number,
  maxOffsetS = 8,
): { offsetS: number; probe: number; windows: number[]; median: number; coveredS: number } {
  const probeStart = Math.min(rateHz, Math.floor(source.length / 4));
  const probe = source.subarray(probeStart, probeStart + 2 * rateHz);
  let best = { lag: 0, r: -1 };
  for (let lag = 0; lag + probe.length < recorded.length && lag < maxOffsetS * rateHz; lag++) {
    const r = correlation(probe, recorded.subarray(lag), 0, 0, probe.length);
    if (r > best.r) best = { lag, r };
  }
  const offset = best.lag - probeStart;
  const windows: number[] = [];
  for (let from = 0; from + rateHz <= source.length; from += rateHz) {
    let w = -1;
    for (let d = -0.2 * rateHz; d <= 0.2 * rateHz; d += 4)
      w = Math.max(w, correlation(source.subarray(from, from + rateHz), recorded, from + offset + d));
    windows.push(w);
  }
  const sorted = [...windows].sort((a, b) => a - b);
  return {
    offsetS: offset / rateHz,
    probe: best.r,
    windows,
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    coveredS: (recorded.length - offset) / rateHz,
  };
}
