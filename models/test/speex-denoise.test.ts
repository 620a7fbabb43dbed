import t from 'tap';
import { rmsDbfs } from '../audio/pcm.js';
import { SpeexDenoiser, speexAvailable } from '../denoise/speex.js';
import { whiteNoise } from './helpers.js';

/**
 * speexdsp's preprocessor through the real helper (models/native/dsp_helper.c), the denoiser
 * bench:noise compares with RNNoise: streams kept apart, whole 20 ms frames out, noise down,
 * a helper that dies fails what is in flight and the next request starts a new one.
 */
const RATE = 16000;
const skip = speexAvailable() ? false : 'the speexdsp helper is not built (libspeexdsp-dev)';

const join = (parts: Int16Array[]): Int16Array => {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

t.test('steady noise comes down; samples come out in whole 20 ms frames, per stream', { skip }, async (t) => {
  const d = new SpeexDenoiser();
  t.teardown(() => d.destroy());
  const noise = whiteNoise(RATE * 4, -30, 7);
  const parts: Int16Array[] = [];
  // 30 ms chunks: a carry of half a frame waits for the next one.
  for (let i = 0; i < noise.length; i += 480) parts.push(await d.process(1, noise.subarray(i, i + 480)));
  t.same(
    parts.slice(0, 3).map((p) => p.length),
    [320, 640, 320],
    'whole frames only, the rest carried',
  );
  const out = join(parts);
  t.equal(out.length, noise.length, 'every sample out once the last frame is whole');
  const before = rmsDbfs(noise.subarray(RATE));
  const after = rmsDbfs(out.subarray(RATE));
  t.ok(before - after > 3, `noise ${before.toFixed(1)} -> ${after.toFixed(1)} dBFS`);

  // Another stream starts fresh: its first frame is not shaped by stream 1's noise estimate.
  const first = whiteNoise(320, -30, 9);
  const a = await d.process(2, first);
  const b = new SpeexDenoiser();
  t.teardown(() => b.destroy());
  const alone = await b.process(1, first);
  t.same(a, alone, 'a stream of its own');
  await d.close(2);
  t.same(await d.process(2, first), alone, 'a closed stream starts again fresh');
});

t.test(
  'a helper that dies fails what is in flight; the next request starts a new one',
  { skip },
  async (t) => {
    const d = new SpeexDenoiser();
    t.teardown(() => d.destroy());
    await d.process(1, new Int16Array(320));
    const pid = d.pid;
    t.ok(pid, 'helper started');
    // Stopped first, so the request is surely still in flight when the helper dies.
    process.kill(pid!, 'SIGSTOP');
    const pending = d.process(1, new Int16Array(320 * 40));
    process.kill(pid!, 'SIGKILL');
    await t.rejects(pending, /speex denoiser helper/);
    const again = await d.process(1, new Int16Array(320));
    t.equal(again.length, 320, 'a new helper answers');
    t.not(d.pid, pid, 'another process');
  },
);

t.test('a missing helper binary is an error, not a crash', async (t) => {
  const d = new SpeexDenoiser('/nonexistent/dsp_helper');
  await t.rejects(d.process(1, new Int16Array(320)), /speex denoiser helper/);
  d.destroy();
});
