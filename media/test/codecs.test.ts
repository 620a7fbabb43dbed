import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import {
  G722Decoder,
  G722Encoder,
  createCodec,
  decodePcma,
  decodePcmu,
  encodePcma,
  linearToUlaw,
  encodePcmu,
} from '../index.js';
import { prng, tone } from './helpers.js';

function hasSox(): boolean {
  try {
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

t.test('G.711 known table values', (t) => {
  // -1 rounds to 0 (14-bit) and codes as +0, like sox.
  t.same([...encodePcmu(Int16Array.of(0, -1, 32767, -32768, 1000))], [0xff, 0xff, 0x80, 0x00, 0xce]);
  t.same([...decodePcmu(Uint8Array.of(0xff, 0x7f, 0x80, 0x00))], [0, 0, 32124, -32124]);
  t.same([...encodePcma(Int16Array.of(0, -8, 32767, -32768))], [0xd5, 0x55, 0xaa, 0x2a]);
  t.equal(linearToUlaw(-4), 0x7e, 'g711.c reference for a 14-bit input');
  t.same([...decodePcma(Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a))], [8, -8, 32256, -32256]);
  t.end();
});

t.test(
  'G.711 is bit-exact with sox in both directions',
  { skip: hasSox() ? false : 'sox not installed' },
  (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'g711-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    // Every 16-bit value once.
    const all = new Int16Array(65536);
    for (let i = 0; i < 65536; i++) all[i] = i - 32768;
    const pcmFile = path.join(dir, 'all.raw');
    writeFileSync(pcmFile, Buffer.from(all.buffer));
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const [enc, ours, oursDec] of [
      ['u-law', encodePcmu, decodePcmu],
      ['a-law', encodePcma, decodePcma],
    ] as const) {
      const out = path.join(dir, `${enc}.raw`);
      execFileSync('sox', [
        '-D',
        '-t',
        'raw',
        '-r',
        '8000',
        '-e',
        'signed',
        '-b',
        '16',
        '-c',
        '1',
        '-L',
        pcmFile,
        '-t',
        'raw',
        '-e',
        enc,
        out,
      ]);
      const ref = new Uint8Array(readFileSync(out));
      const mine = ours(all);
      let diffs = 0;
      for (let i = 0; i < 65536; i++) if (ref[i] !== mine[i]) diffs++;
      t.equal(diffs, 0, `${enc} encode of all 65536 values matches sox`);

      const codeFile = path.join(dir, `${enc}-codes.raw`);
      writeFileSync(codeFile, bytes);
      const decOut = path.join(dir, `${enc}-dec.raw`);
      execFileSync('sox', [
        '-D',
        '-t',
        'raw',
        '-r',
        '8000',
        '-e',
        enc,
        '-b',
        '8',
        '-c',
        '1',
        codeFile,
        '-t',
        'raw',
        '-e',
        'signed',
        '-b',
        '16',
        '-L',
        decOut,
      ]);
      const refDec = new Int16Array(new Uint8Array(readFileSync(decOut)).buffer);
      t.same([...oursDec(bytes)], [...refDec], `${enc} decode of all 256 codes matches sox`);
    }
    t.end();
  },
);

function snrDb(ref: Int16Array, out: Int16Array, delay: number, from: number): number {
  let s = 0;
  let e = 0;
  for (let i = from; i < out.length; i++) {
    const a = ref[i - delay] ?? 0;
    const b = out[i] ?? 0;
    s += a * a;
    e += (a - b) ** 2;
  }
  return 10 * Math.log10(s / Math.max(1, e));
}

t.test('G.722 round trip', (t) => {
  // A linear chirp 100 Hz .. 7 kHz (non-periodic, so the codec delay is unambiguous).
  const n = 32000;
  const chirp = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const tt = i / 16000;
    chirp[i] = Math.round(8000 * Math.sin(2 * Math.PI * (100 * tt + ((6900 / 2) * tt * tt) / 2)));
  }
  const enc = new G722Encoder();
  const bytes = enc.encode(chirp);
  t.equal(bytes.length, n / 2, 'one byte per two 16 kHz samples (64 kbit/s)');
  const out = new G722Decoder().decode(bytes);
  t.equal(out.length, n);
  let best = { delay: -1, snr: -Infinity };
  for (let d = 0; d < 64; d++) {
    const snr = snrDb(chirp, out, d, 1000);
    if (snr > best.snr) best = { delay: d, snr };
  }
  t.equal(best.delay, 22, 'codec delay is the QMF delay (22 samples at 16 kHz)');
  t.ok(best.snr > 20, `chirp SNR ${best.snr.toFixed(1)} dB > 20 dB`);

  // Wideband: a 6 kHz tone survives (G.711 would remove it).
  const hi = tone(6000, 16000, 16000, 8000);
  const hiOut = new G722Decoder().decode(new G722Encoder().encode(hi));
  t.ok(snrDb(hi, hiOut, 22, 2000) > 10, '6 kHz tone passes through G.722');
  const lo = tone(1000, 16000, 16000, 10000);
  const loOut = new G722Decoder().decode(new G722Encoder().encode(lo));
  t.ok(snrDb(lo, loOut, 22, 2000) > 25, '1 kHz tone SNR > 25 dB');

  // Streaming in 20 ms frames equals one shot, and silence stays near silence.
  const e2 = new G722Encoder();
  const chunks: Uint8Array[] = [];
  for (let k = 0; k < n; k += 320) chunks.push(e2.encode(chirp.subarray(k, k + 320)));
  const joined = Buffer.concat(chunks);
  t.ok(Buffer.from(bytes).equals(joined), '20 ms framing gives identical bitstream');
  const silentOut = new G722Decoder().decode(new G722Encoder().encode(new Int16Array(3200)));
  t.ok(Math.max(...silentOut.map(Math.abs)) < 50, 'silence decodes to near silence');

  // Random bytes must decode without throwing and stay within 16 bits.
  const rnd = prng(7);
  const junk = Uint8Array.from({ length: 4000 }, () => Math.floor(rnd() * 256));
  const junkOut = new G722Decoder().decode(junk);
  t.equal(junkOut.length, 8000);
  t.end();
});

t.test('codec adapters', (t) => {
  const g722 = createCodec({ name: 'G722' });
  t.equal(g722.audioRateHz, 16000);
  t.equal(g722.rtpClockHz, 8000, 'RFC 3551: G.722 RTP clock is 8000');
  t.equal(g722.samplesForBytes(160), 320);
  const pcmu = createCodec({ name: 'PCMU' });
  t.equal(pcmu.encode(new Int16Array(160)).length, 160);
  t.throws(() => createCodec({ name: 'OPUS' as 'PCMU' }), { name: 'UnsupportedCodecError' });
  t.end();
});
