import t from 'tap';
import { Resampler, resample, resampleAligned } from '../index.js';
import { concat, rms, tone } from './signals.js';

const db = (x: number): number => 20 * Math.log10(x);

t.test('1 kHz tone keeps its amplitude across all conversions', (t) => {
  const pairs: [number, number][] = [
    [8000, 16000],
    [16000, 8000],
    [24000, 16000],
    [22050, 16000],
    [22050, 8000],
    [24000, 8000],
    [16000, 24000],
  ];
  for (const [from, to] of pairs) {
    const x = tone(1000, from, from);
    const y = resample(x, from, to);
    t.ok(Math.abs(y.length - to) <= 1, `${from}->${to}: length ${y.length}`);
    // Skip the filter warm-up (first 10 ms).
    const gain = db(rms(y, Math.floor(to / 100)) / rms(x, Math.floor(from / 100)));
    t.ok(Math.abs(gain) < 0.1, `${from}->${to}: gain ${gain.toFixed(3)} dB`);
  }
  t.end();
});

t.test('anti-aliasing: out-of-band tones are attenuated > 40 dB', (t) => {
  const cases: [number, number, number][] = [
    [16000, 8000, 6000],
    [16000, 8000, 4500],
    [22050, 8000, 7000],
    [24000, 16000, 9000],
    [22050, 16000, 10000],
  ];
  for (const [from, to, f] of cases) {
    const x = tone(f, from, from);
    const y = resample(x, from, to);
    const att = db(Math.max(0.5, rms(y, Math.floor(to / 100))) / rms(x, Math.floor(from / 100)));
    t.ok(att < -40, `${f} Hz ${from}->${to}: ${att.toFixed(1)} dB`);
  }
  // Passband edge for telephony: 3.4 kHz within 1 dB going 16k -> 8k.
  const edge = resample(tone(3400, 16000, 16000), 16000, 8000);
  t.ok(Math.abs(db(rms(edge, 160) / rms(tone(3400, 16000, 16000)))) < 1, '3.4 kHz passes 16k->8k');
  t.end();
});

t.test('streaming in 20 ms chunks equals one-shot', (t) => {
  for (const [from, to] of [
    [22050, 16000],
    [24000, 8000],
    [8000, 16000],
    [16000, 8000],
  ] as const) {
    const x = new Int16Array(from * 2);
    for (let i = 0; i < x.length; i++) x[i] = Math.round(9000 * Math.sin(i / 5) * Math.cos(i / 2000));
    const oneShot = new Resampler(from, to).process(x);
    const r = new Resampler(from, to);
    const chunk = (from * 20) / 1000;
    const parts: Int16Array[] = [];
    for (let k = 0; k < x.length; k += Math.floor(chunk))
      parts.push(r.process(x.subarray(k, k + Math.floor(chunk))));
    const streamed = concat(parts);
    t.equal(streamed.length, oneShot.length, `${from}->${to} same length`);
    t.ok(
      streamed.every((v, i) => v === oneShot[i]),
      `${from}->${to} identical samples`,
    );
  }
  t.end();
});

t.test('invalid rates and passthrough', (t) => {
  t.throws(() => new Resampler(0, 8000), RangeError);
  t.throws(() => new Resampler(8000.5, 8000), RangeError);
  const x = Int16Array.of(1, 2, 3);
  t.same([...new Resampler(16000, 16000).process(x)], [1, 2, 3]);
  t.end();
});

t.test('resampleAligned: exact length, no group delay, tail flushed', (t) => {
  const pairs: [number, number][] = [
    [22050, 16000],
    [22050, 8000],
    [16000, 8000],
    [8000, 16000],
    [24000, 16000],
    [48000, 16000],
  ];
  for (const [from, to] of pairs) {
    const n = from; // one second
    const x = new Int16Array(n);
    const at = Math.floor(n * 0.5);
    x[at] = 30000;
    const y = resampleAligned(x, from, to);
    t.equal(y.length, Math.floor((n * to) / from), `${from}->${to}: length`);
    let peak = 0;
    for (let i = 1; i < y.length; i++) if (Math.abs(y[i] ?? 0) > Math.abs(y[peak] ?? 0)) peak = i;
    const expected = (at * to) / from;
    t.ok(
      Math.abs(peak - expected) <= 1,
      `${from}->${to}: impulse at ${peak}, expected ${expected.toFixed(1)}`,
    );
    // The last samples of a tone are there (tail flushed), not zeros.
    const s = tone(440, from, from);
    const z = resampleAligned(s, from, to);
    t.ok(rms(z.subarray(z.length - Math.floor(to / 200))) > 1000, `${from}->${to}: tail present`);
  }
  t.end();
});
