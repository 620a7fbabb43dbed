/**
 * Our G.722 (media/codecs/g722.ts) against spandsp's (Debian libspandsp-dev 0.0.6: the reference-derived
 * codec that passes the ITU vectors and that baresip's g722 module links), through the tiny C harness
 * media/test/native/g722_ref.c compiled here at test time.
 *
 * Encoder: byte for byte. Decoder: sample for sample, with one documented exception, the output
 * limiter. spandsp 0.0.6 ends its receive QMF with `(int16_t) (xout >> 11)`: where the QMF output
 * overshoots int16 (only near full scale) it WRAPS to the other rail, a loud click. Ours saturates, as
 * the ITU reference software does (qmf_rx: L_shl + extract_h, saturating basic operators) and as
 * WebRTC's copy of this same spandsp code was patched to ("Added saturation check on output").
 * So the test also runs our decoder with spandsp's cast in place of the limiter (the protected
 * `limitOutput` seam): that must equal spandsp on every sample of every stream, and ours must be
 * exactly the saturation of the same unlimited values. Inputs that never reach full scale must match
 * spandsp outright. The ADPCM state never depends on the limiter, so a wrap cannot change later samples.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import { G722Decoder, G722Encoder, readWav, resample } from '../index.js';
import { prng, repoRoot, sharedFile, tone } from './helpers.js';

const RATE_HZ = 16000;
/** 20 ms at 16 kHz: what the RTP path encodes per packet (160 G.722 bytes). */
const FRAME_SAMPLES = 320;

interface Harness {
  bin?: string;
  skip?: string;
  error?: string;
}

/** Compile the harness; a missing compiler or missing spandsp is a skip, any other failure a failure. */
function buildHarness(): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'g722-ref-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const bin = path.join(dir, 'g722_ref');
  const src = path.join(repoRoot, 'media', 'test', 'native', 'g722_ref.c');
  const r = spawnSync('cc', ['-O2', '-o', bin, src, '-lspandsp'], { encoding: 'utf8' });
  if (r.error) return { skip: `no C compiler (cc): ${r.error.message}` };
  if (r.status !== 0) {
    if (/spandsp\.h: No such file|cannot find -lspandsp/.test(r.stderr)) {
      return { skip: 'spandsp headers/library missing (apt-get install libspandsp-dev)' };
    }
    return { error: r.stderr };
  }
  return { bin };
}

const harness = buildHarness();

function runRef(args: string[], input: Uint8Array): Buffer {
  const r = spawnSync(harness.bin as string, args, { input, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`g722_ref ${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
  return r.stdout;
}

/** spandsp encode; `chunkSamples` feeds it in pieces (state carries across calls). */
function refEncode(pcm: Int16Array, chunkSamples?: number): Uint8Array {
  const input = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  return new Uint8Array(runRef(chunkSamples ? ['enc', String(chunkSamples)] : ['enc'], input));
}

function refDecode(bytes: Uint8Array, chunkBytes?: number): Int16Array {
  const out = runRef(chunkBytes ? ['dec', String(chunkBytes)] : ['dec'], bytes);
  const copy = new Uint8Array(out); // aligned copy for the Int16Array view
  return new Int16Array(copy.buffer, 0, copy.length >> 1);
}

/** Encode with one encoder in consecutive pieces of the given (even) sizes, cycling through them. */
function encodeChunked(pcm: Int16Array, sizes: readonly number[]): Uint8Array {
  const enc = new G722Encoder();
  const out = new Uint8Array(pcm.length >> 1);
  let off = 0;
  for (let k = 0; off < pcm.length; k++) {
    const size = sizes[k % sizes.length] ?? FRAME_SAMPLES;
    out.set(enc.encode(pcm.subarray(off, off + size)), off >> 1);
    off += size;
  }
  return out;
}

function decodeChunked(bytes: Uint8Array, chunkBytes: number): Int16Array {
  const dec = new G722Decoder();
  const out = new Int16Array(bytes.length * 2);
  for (let off = 0; off < bytes.length; off += chunkBytes) {
    out.set(dec.decode(bytes.subarray(off, off + chunkBytes)), off * 2);
  }
  return out;
}

/** Number of differing positions (and the first one) of two equal-length sequences. */
function diffCount(a: ArrayLike<number>, b: ArrayLike<number>): { count: number; first: string } {
  let count = 0;
  let first = 'none';
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      if (count === 0) first = `#${i}: ${a[i]} vs ${b[i]}`;
      count++;
    }
  }
  return { count, first };
}

/** Our decoder with spandsp 0.0.6's output stage: the Int16Array store wraps like its int16 cast. */
class SpandspCastDecoder extends G722Decoder {
  /** Every QMF output before the limiter, in order. */
  readonly unlimited: number[] = [];
  protected override limitOutput(pcm: number): number {
    this.unlimited.push(pcm);
    return pcm;
  }
}

const saturate16 = (v: number): number => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);

interface Input {
  name: string;
  pcm: Int16Array;
  /** Reaches full scale: the decoder may differ by spandsp's wrap (see the file comment). */
  loud: boolean;
}

const clip16 = (v: number): number => Math.max(-32768, Math.min(32767, Math.round(v)));

async function speech(): Promise<Input[]> {
  const out: Input[] = [];
  for (const parts of [
    ['speech', 'whisper.cpp', 'jfk.wav'],
    ['speech', 'librispeech', '4507-16021-0012.wav'],
    ['speech', 'osr', 'OSR_us_000_0034_8k.wav'],
  ]) {
    const file = sharedFile(...parts);
    if (!file) continue;
    const wav = await readWav(file);
    let pcm = wav.channelData[0] as Int16Array;
    // The 8 kHz telephone recording goes through our resampler, like G.711 audio bridged to G.722.
    if (wav.sampleRateHz !== RATE_HZ)
      pcm = resample(pcm.subarray(0, wav.sampleRateHz * 10), wav.sampleRateHz, RATE_HZ);
    // Whole sample pairs only: ours drops an odd trailing sample, spandsp would read past the buffer.
    pcm = pcm.subarray(0, pcm.length & ~1);
    out.push({ name: `speech ${parts.at(-1)} (${wav.sampleRateHz} Hz)`, pcm, loud: false });
  }
  const jfk = out[0];
  if (jfk) {
    // A hot caller: +18 dB, hard-clipped at the int16 rails.
    out.push({ name: 'speech +18 dB, clipped', pcm: jfk.pcm.map((v) => clip16(v * 8)), loud: true });
  }
  return out;
}

function synthetic(): Input[] {
  const n = RATE_HZ * 2;
  const rnd = prng(722);
  // Exponential sweep 20 Hz .. 7.9 kHz over 3 s.
  const sweepSamples = RATE_HZ * 3;
  const k = Math.log(7900 / 20);
  const sweep = Int16Array.from({ length: sweepSamples }, (_, i) => {
    const tt = i / RATE_HZ;
    const phase = ((2 * Math.PI * 20 * 3) / k) * (Math.exp((k * tt) / 3) - 1);
    return Math.round(16000 * Math.sin(phase));
  });
  const square = (periodSamples: number): Int16Array =>
    Int16Array.from({ length: n }, (_, i) => (Math.floor((2 * i) / periodSamples) % 2 ? -32768 : 32767));
  return [
    { name: 'sine sweep 20 Hz-7.9 kHz', pcm: sweep, loud: false },
    {
      name: 'white noise +-8000',
      pcm: Int16Array.from({ length: n }, () => Math.round((rnd() * 2 - 1) * 8000)),
      loud: false,
    },
    {
      name: 'white noise full scale',
      pcm: Int16Array.from({ length: n }, () => Math.floor(rnd() * 65536) - 32768),
      loud: true,
    },
    { name: 'silence', pcm: new Int16Array(RATE_HZ), loud: false },
    {
      name: 'very quiet (440 Hz at 2 LSB plus +-1 LSB noise)',
      pcm: tone(440, RATE_HZ, n, 2).map((v) => v + Math.round(rnd() * 2 - 1)),
      loud: false,
    },
    { name: 'DC -1', pcm: new Int16Array(RATE_HZ).fill(-1), loud: false },
    { name: 'full-scale square 1 kHz', pcm: square(16), loud: true },
    { name: 'full-scale square 8 kHz (Nyquist)', pcm: square(2), loud: true },
    { name: 'full-scale square 333 Hz', pcm: square(48), loud: true },
    {
      name: 'rail steps (32767 / -32768 / 0, 50 ms each)',
      pcm: Int16Array.from(
        { length: n },
        (_, i) => [32767, -32768, 0, -32768, 32767][Math.floor(i / 800) % 5] ?? 0,
      ),
      loud: true,
    },
    {
      name: 'sine 1 kHz at 4x full scale, clipped',
      pcm: tone(1000, RATE_HZ, n, 4 * 32768).map(clip16),
      loud: true,
    },
    {
      name: 'random rails',
      pcm: Int16Array.from({ length: n }, () => (rnd() < 0.5 ? -32768 : 32767)),
      loud: true,
    },
    { name: 'one sample pair', pcm: Int16Array.of(32767, -32768), loud: true },
  ];
}

/**
 * Decode `bytes` (one decoder each, fed `chunkBytes` at a time) with ours and with ours-with-spandsp's-
 * cast, and check both against `ref`, spandsp's decode of the same stream.
 */
function checkDecode(
  t: Test,
  what: string,
  bytes: Uint8Array,
  ref: Int16Array,
  loud: boolean,
  chunkBytes = Math.max(1, bytes.length),
): void {
  const ours = new G722Decoder();
  const cast = new SpandspCastDecoder();
  const oursPcm = new Int16Array(bytes.length * 2);
  const castPcm = new Int16Array(bytes.length * 2);
  for (let off = 0; off < bytes.length; off += chunkBytes) {
    const part = bytes.subarray(off, off + chunkBytes);
    oursPcm.set(ours.decode(part), off * 2);
    castPcm.set(cast.decode(part), off * 2);
  }
  t.equal(ref.length, oursPcm.length, `${what}: spandsp decodes as many samples`);
  const castDiff = diffCount(castPcm, ref);
  t.equal(
    castDiff.count,
    0,
    `${what}: with spandsp's int16 cast, equal to spandsp (first difference ${castDiff.first})`,
  );
  const satDiff = diffCount(oursPcm, cast.unlimited.map(saturate16));
  t.equal(
    satDiff.count,
    0,
    `${what}: ours saturates the same QMF output (first difference ${satDiff.first})`,
  );
  const vsRef = diffCount(oursPcm, ref);
  if (!loud) {
    t.equal(vsRef.count, 0, `${what}: sample for sample equal to spandsp (first difference ${vsRef.first})`);
  } else {
    const overshoot = cast.unlimited.filter((v) => v !== saturate16(v));
    t.equal(
      vsRef.count,
      overshoot.length,
      `${what}: differs from spandsp only where the QMF output overshoots int16`,
    );
    const peak = overshoot.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    t.comment(
      `${what}: ${overshoot.length} of ${oursPcm.length} samples overshoot int16 (peak |QMF out| ${peak})`,
    );
  }
}

t.test('spandsp harness compiles', { skip: harness.skip ?? false }, (t) => {
  t.equal(harness.error, undefined, `cc g722_ref.c -lspandsp: ${harness.error ?? 'ok'}`);
  t.end();
});

t.test(
  'G.722 matches spandsp',
  { skip: harness.bin ? false : (harness.skip ?? 'harness did not build') },
  async (t) => {
    const speechInputs = await speech();
    if (speechInputs.length === 0) {
      t.test('real speech', { skip: 'shared speech data (../shared/speech) not found' }, (t) => t.end());
    }
    const inputs = [...speechInputs, ...synthetic()];
    for (const input of inputs) {
      t.test(input.name, (t) => {
        const { pcm, loud } = input;
        const ref = refEncode(pcm);
        const ours = new G722Encoder().encode(pcm);
        t.equal(ours.length, pcm.length >> 1, 'one byte per sample pair');
        const enc = diffCount(ours, ref);
        t.equal(enc.count, 0, `encoder byte for byte (${ours.length} bytes; first difference ${enc.first})`);

        // The RTP path: one encoder fed 20 ms at a time; also ragged (even) pieces.
        const framed = diffCount(encodeChunked(pcm, [FRAME_SAMPLES]), ref);
        t.equal(framed.count, 0, `20 ms chunks == spandsp one-shot (first difference ${framed.first})`);
        const ragged = diffCount(encodeChunked(pcm, [2, 318, 640, 4, 1000, 96]), ref);
        t.equal(ragged.count, 0, `ragged chunks == spandsp one-shot (first difference ${ragged.first})`);
        const refFramed = diffCount(refEncode(pcm, FRAME_SAMPLES), ref);
        t.equal(refFramed.count, 0, 'spandsp in 20 ms chunks == spandsp one-shot (harness sanity)');

        // Decoders on the same streams: spandsp's and ours, whole and in 20 ms packets (160 bytes).
        const packetBytes = FRAME_SAMPLES / 2;
        checkDecode(t, 'decode spandsp stream', ref, refDecode(ref), loud);
        checkDecode(t, 'spandsp decodes our stream', ours, refDecode(ours), loud);
        checkDecode(t, 'packet-wise decode', ref, refDecode(ref, packetBytes), loud, packetBytes);
        t.equal(
          diffCount(decodeChunked(ref, packetBytes), new G722Decoder().decode(ref)).count,
          0,
          'our decoder in 160-byte packets == one-shot',
        );
        t.end();
      });
    }
  },
);

t.test(
  'decoder matches spandsp on arbitrary byte streams',
  { skip: harness.bin ? false : (harness.skip ?? 'harness did not build') },
  (t) => {
    const rnd = prng(9);
    // Random codes drive both sub-band predictors to their limits; every code value appears.
    const random = Uint8Array.from({ length: RATE_HZ }, () => Math.floor(rnd() * 256));
    const ramp = Uint8Array.from({ length: 256 * 40 }, (_, i) => Math.floor(i / 40));
    for (const [name, bytes] of [
      ['random bytes', random],
      ['every code 40 times in a row', ramp],
    ] as const) {
      checkDecode(t, name, bytes, refDecode(bytes), true);
      checkDecode(t, `${name} in 160-byte packets`, bytes, refDecode(bytes, 160), true, 160);
    }
    t.end();
  },
);
