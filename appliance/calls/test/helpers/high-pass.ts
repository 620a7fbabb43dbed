/**
 * A linear-phase FIR high-pass (windowed sinc, Blackman window) for tests that must tell a
 * wideband path from a narrowband one: a narrowband (8 kHz) leg removes everything above 4 kHz.
 * Zero-phase in effect: the output is aligned with the input (the filter delay is compensated).
 */
export function highPass(pcm: Int16Array, rateHz: number, cutoffHz: number, taps = 129): Int16Array {
  const mid = (taps - 1) / 2;
  const fc = cutoffHz / rateHz;
  const h = new Float64Array(taps);
  for (let i = 0; i < taps; i++) {
    const n = i - mid;
    const lowPass = n === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * n) / (Math.PI * n);
    const w =
      0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
    // High-pass = unit impulse minus low-pass.
    h[i] = (n === 0 ? 1 : 0) - lowPass * w;
  }
  const out = new Int16Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) {
    let acc = 0;
    for (let k = 0; k < taps; k++) acc += (h[k] ?? 0) * (pcm[i - k + mid] ?? 0);
    out[i] = Math.max(-32768, Math.min(32767, Math.round(acc)));
  }
  return out;
}
