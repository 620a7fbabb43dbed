/**
 * Prints the phone channel's cepstral mean for pocketsphinx (PHONE_CMN_INIT in
 * models/stt/pocketsphinx.ts): the TUNE part of the human speech in ../shared/speech (the same
 * split as bench:stt; the held-out part is never read here) after a G.711 u-law round trip at
 * 8 kHz and the call path's upsampling to 16 kHz, quiet frames (below -50 dBFS) dropped as the
 * call's voice detector would, decoded in a few passes on one decoder so that its live mean
 * converges to the channel's. `npx tsx scripts/bench/stt-cmn.ts`
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linearToUlaw, Resampler, ulawToLinear } from '../../media/index.js';
import { DEFAULT_PS_MODEL_DIR, parseWav, resample } from '../../models/index.js';
import { DEFAULT_PS_HELPER } from '../../models/stt/pocketsphinx.js';
import { PsHelper } from '../../models/stt/ps-helper.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const speech = path.join(
  process.env['APPLIANCE_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared'),
  'speech',
);
/** bench:stt's tune part: these files, and the 1st, 3rd, ... sentence of the OSR recording. */
const TUNE = ['whisper.cpp/jfk.wav', 'librispeech/2830-3980-0043.wav'];
const OSR = 'osr/OSR_us_000_0034_8k.wav';

const loud = (f: Int16Array): boolean => {
  let e = 0;
  for (const s of f) e += s * s;
  return 10 * Math.log10(e / f.length / 32768 ** 2 + 1e-12) > -50;
};

/** The file as the call path delivers it, in its voiced stretches (20 ms frames, gaps >= 0.5 s split). */
function phone(file: string): Int16Array[] {
  const w = parseWav(readFileSync(path.join(speech, file)));
  const n8 = resample(w.pcm, w.sampleRateHz, 8000).map((s) => ulawToLinear(linearToUlaw(s)));
  const up = new Resampler(8000, 16000).process(n8);
  const parts: Int16Array[][] = [];
  let quiet = Infinity;
  for (let i = 0; i + 320 <= up.length; i += 320) {
    const f = up.subarray(i, i + 320);
    if (!loud(f)) {
      quiet++;
      continue;
    }
    if (quiet >= 25) parts.push([]);
    quiet = 0;
    parts.at(-1)?.push(f);
  }
  return parts.map((fs) => {
    const out = new Int16Array(fs.length * 320);
    fs.forEach((f, k) => out.set(f, k * 320));
    return out;
  });
}

const M = DEFAULT_PS_MODEL_DIR;
const h = new PsHelper(DEFAULT_PS_HELPER, [
  '-hmm',
  path.join(M, 'en-us'),
  '-lm',
  path.join(M, 'en-us.lm.bin'),
  '-dict',
  path.join(M, 'cmudict-en-us.dict'),
  '-logfn',
  '/dev/null',
]);
await h.ready;
const osr = phone(OSR);
console.log(`OSR: ${osr.length} stretches, the odd ones used`);
const audio = [...TUNE.flatMap(phone), ...osr.filter((_, i) => i % 2 === 0)];
for (let pass = 0; pass < 4; pass++)
  for (const a of audio) {
    await h.check('START default');
    const b = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (let i = 0; i < b.length; i += 6400) {
      const piece = b.subarray(i, Math.min(b.length, i + 6400));
      await h.check(`DATA ${piece.length}`, piece);
    }
    await h.check('END');
  }
const r = await h.check('CMN');
console.log(`phone channel cepstral mean (tune speech, ${TUNE.join(', ')}):`);
console.log((r.cmn ?? []).map((v) => v.toFixed(2)).join(', '));
h.kill();
