import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import {
  PortAllocator,
  PortRangeExhaustedError,
  StereoRecorder,
  WavWriter,
  parseWav,
  readWav,
} from '../index.js';
import { randomPortRange } from './helpers.js';

t.test('WavWriter streams and patches RIFF sizes; readWav reads it back', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wav-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'a.wav');
  const w = new WavWriter(file, 16000, 1);
  w.write(Int16Array.of(1, -2, 3));
  w.write(Int16Array.of(32767, -32768));
  const r = await w.close();
  t.equal(r.dataBytes, 10);
  const buf = await readFile(file);
  t.equal(buf.length, 54);
  t.equal(buf.readUInt32LE(4), 46, 'RIFF size = file - 8');
  t.equal(buf.readUInt32LE(40), 10, 'data size');
  const wav = await readWav(file);
  t.equal(wav.sampleRateHz, 16000);
  t.same([...wav.samples], [1, -2, 3, 32767, -32768]);
  t.throws(() => parseWav(Buffer.from('nope')), { name: 'WavFormatError' });
  await writeFile(path.join(dir, 'bad.wav'), Buffer.from('RIFF\0\0\0\0WAVEfmt \x10\0\0\0'));
  await t.rejects(readWav(path.join(dir, 'bad.wav')), { name: 'WavFormatError' });
});

t.test('StereoRecorder aligns both sides by sample position and fills gaps', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rec-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'call.wav');
  const rec = new StereoRecorder(file, 8000);
  // Agent speaks from 0..160, caller starts at sample 320 (40 ms later).
  rec.write('agent', 0, new Int16Array(160).fill(100));
  rec.write('caller', 320, new Int16Array(160).fill(-7));
  rec.write('agent', 2000, new Int16Array(10).fill(5));
  const r = await rec.close();
  t.equal(r.durationMs, (2010 / 8000) * 1000);
  const wav = await readWav(file);
  t.equal(r.sampleRateHz, 8000, 'close() reports the rate it recorded at');
  t.equal(wav.sampleRateHz, r.sampleRateHz, 'WAV header agrees');
  t.equal(wav.channels, 2);
  const [left, right] = wav.channelData as [Int16Array, Int16Array];
  t.equal(left[319], 0);
  t.equal(left[320], -7);
  t.equal(left[479], -7);
  t.equal(left[480], 0);
  t.equal(right[0], 100);
  t.equal(right[160], 0, 'gap filled with silence');
  t.equal(right[2009], 5);
});

t.test('PortAllocator: even pairs, round-robin reuse, clear exhaustion', async (t) => {
  const a = new PortAllocator(30001, 30008);
  t.equal(a.capacity, 3, '30002/4/6 (+1 each) fit in 30001-30008');
  t.same([a.reserve(), a.reserve(), a.reserve()], [30002, 30004, 30006]);
  t.throws(() => a.reserve(), PortRangeExhaustedError);
  a.release(30004);
  t.equal(a.reserve(), 30004, 'freed pair is reused');
  t.throws(() => new PortAllocator(40000, 40000), RangeError);

  // Real binding: a range of 2 pairs; a third allocation fails clearly.
  // Retry on another random range if another process happens to hold one of these ports.
  let b = new PortAllocator(20000, 20003);
  let pairs: Awaited<ReturnType<PortAllocator['bindPair']>>[] = [];
  for (let attempt = 0; attempt < 10 && pairs.length < 2; attempt++) {
    for (const p of pairs) {
      p.rtp.close();
      p.rtcp.close();
    }
    const range = randomPortRange(2);
    b = new PortAllocator(range.rtpPortMin, range.rtpPortMax);
    pairs = [];
    try {
      pairs.push(await b.bindPair('127.0.0.1'));
      pairs.push(await b.bindPair('127.0.0.1'));
    } catch {
      // range partly busy: try another
    }
  }
  const [p1, p2] = pairs as [(typeof pairs)[number], (typeof pairs)[number]];
  t.teardown(() => {
    for (const p of [p1, p2]) {
      p.rtp.close();
      p.rtcp.close();
    }
  });
  t.equal(p1.rtp.address().port, p1.rtpPort);
  t.equal(p1.rtcp.address().port, p1.rtpPort + 1);
  await t.rejects(b.bindPair('127.0.0.1'), { code: 'PORTS_EXHAUSTED' });
});
