import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import t from 'tap';
import { createDecryptStream, createEncryptStream, RecordingIntegrityError } from '../recording-crypto.js';

async function run(stream: NodeJS.ReadWriteStream, input: Buffer, pieces = 7): Promise<Buffer> {
  const out: Buffer[] = [];
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += Math.max(1, Math.ceil(input.length / pieces)))
    parts.push(input.subarray(i, i + Math.ceil(input.length / pieces)));
  await pipeline(Readable.from(parts), stream, async (src: AsyncIterable<unknown>) => {
    for await (const c of src) out.push(c as Buffer);
  });
  return Buffer.concat(out);
}

const key = randomBytes(32);

t.test('round-trips any size, including empty and exact chunk multiples', async (t) => {
  for (const size of [0, 1, 100, 1024, 4096, 4097, 50_000]) {
    const plain = randomBytes(size);
    const enc = await run(createEncryptStream(key, 1024), plain);
    t.notOk(size > 16 && enc.includes(plain.subarray(0, 16)), 'ciphertext hides plaintext');
    const dec = await run(createDecryptStream(key), enc, 13);
    t.ok(dec.equals(plain), `size ${size}`);
  }
});

t.test('tampering, truncation, reordering and a wrong key are detected', async (t) => {
  const plain = randomBytes(5000);
  const enc = await run(createEncryptStream(key, 1024), plain);
  const flipped = Buffer.from(enc);
  flipped[200] = (flipped[200] ?? 0) ^ 1;
  await t.rejects(run(createDecryptStream(key), flipped), RecordingIntegrityError, 'bit flip');
  const chunkLen = 4 + 1024 + 16;
  const truncated = enc.subarray(0, 21 + chunkLen * 2);
  await t.rejects(run(createDecryptStream(key), truncated), RecordingIntegrityError, 'dropping the tail');
  const swapped = Buffer.concat([
    enc.subarray(0, 21),
    enc.subarray(21 + chunkLen, 21 + 2 * chunkLen),
    enc.subarray(21, 21 + chunkLen),
    enc.subarray(21 + 2 * chunkLen),
  ]);
  await t.rejects(run(createDecryptStream(key), swapped), RecordingIntegrityError, 'reordered chunks');
  await t.rejects(run(createDecryptStream(randomBytes(32)), enc), RecordingIntegrityError, 'wrong key');
  await t.rejects(
    run(createDecryptStream(key), Buffer.from('RIFF....WAVEfmt ')),
    RecordingIntegrityError,
    'plain WAV',
  );
});
