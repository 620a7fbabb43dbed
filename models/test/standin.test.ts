/**
 * The production engines (Piper, MiniLM, Whisper via sherpa-onnx) on stand-in models: random
 * weights with the real models' input/output names, types and shapes (models/test/standin). This
 * checks plumbing (feeds, shapes, sample rates, tokenisation, batching, streaming, sherpa-onnx's
 * metadata), not quality: the audio is noise and the transcripts are garbage words.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { encodeOnnx } from './standin/onnx-writer.js';
import { PIPER_SAMPLES_PER_ID, whisperStandin } from './standin/models.js';
import { standinSources, writeStandinBundle } from './standin/bundle.js';
import { MiniLmEngine } from '../embeddings/minilm.js';
import { createModelRuntime } from '../runtime.js';
import { WhisperEngine, whisperFiles } from '../stt/whisper.js';
import { readOnnxMetadata } from '../stt/whisper-export.js';
import { loadPiperConfig, phonemesToIds, piperFiles, piperPhonemize, PiperTts } from '../tts/piper.js';
import { speak } from '../tts/stream.js';
import { hasCommand, sharedModelsDir } from './helpers.js';

const sources = standinSources(sharedModelsDir);
if (!sources || !hasCommand('espeak-ng')) {
  t.plan(0, 'needs ../shared/models (Piper voice config, MiniLM vocab) and espeak-ng');
  process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'standin-models-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
writeStandinBundle(dir, sources);

const rms = (pcm: Int16Array): number =>
  Math.sqrt(pcm.reduce((a, s) => a + s * s, 0) / Math.max(1, pcm.length));

t.test('piper: 22.05 kHz noise whose length follows the phoneme ids; streamed; sid fed', async (t) => {
  const tts = await PiperTts.load({ modelsDir: dir });
  t.teardown(() => tts.close());
  t.equal(tts.sampleRateHz, 22050, 'sample rate from the voice config');
  const text = 'Hello, thank you for calling.';
  const cfg = await loadPiperConfig(piperFiles(dir).config);
  const { ids } = phonemesToIds(await piperPhonemize(text, cfg.espeak.voice), cfg.phoneme_id_map);
  const a = await tts.synthesize(text);
  t.equal(a.sampleRateHz, 22050);
  t.equal(a.pcm.length, ids.length * PIPER_SAMPLES_PER_ID, 'output [1,1,1,T] flattened, T from the ids');
  t.ok(rms(a.pcm) > 1000, `audible (rms ${Math.round(rms(a.pcm))})`);
  const chunks = [];
  for await (const c of speak(
    tts,
    'Hello and welcome. Our office is open from nine to five. How can I help?',
  ))
    chunks.push(c);
  t.same(
    chunks.map((c) => c.sentenceIndex),
    [0, 1, 2],
    'sentence-streamed',
  );
  t.equal((await tts.synthesize('  ')).pcm.length, 0, 'blank text -> no audio');
});

t.test('minilm: 384-d unit vectors, padding does not change a text vector', async (t) => {
  const m = await MiniLmEngine.load({ modelsDir: dir });
  t.teardown(() => m.close());
  const short = 'opening hours';
  const long = 'what are your opening hours on a public holiday weekend, and do you take card payments?';
  const [alone] = await m.embed([short]);
  const batch = await m.embed([short, long, 'x']);
  t.equal(batch.length, 3);
  t.ok(
    batch.every((v) => v.length === 384),
    'last_hidden_state [B, S, 384] pooled to 384',
  );
  t.ok(
    batch.every((v) => Math.abs(Math.hypot(...v) - 1) < 1e-4),
    'L2-normalised',
  );
  const diff = Math.max(...Array.from(alone ?? [], (x, i) => Math.abs(x - (batch[0]?.[i] ?? 0))));
  t.ok(diff < 1e-5, `same vector alone and padded in a batch (max diff ${diff})`);
  const many = await m.embed(Array.from({ length: 70 }, (_, i) => `text number ${i}`));
  t.equal(many.length, 70, 'batches of 32 reassembled in order');
});

t.test('whisper via sherpa-onnx: loads the export, transcribes, streams', async (t) => {
  const meta = await readOnnxMetadata(whisperFiles(dir, 'tiny.en').encoder);
  t.equal(meta.get('n_mels'), '80', 'encoder metadata read back');
  t.equal(meta.get('is_multilingual'), '0');
  const w = await WhisperEngine.load({ modelsDir: dir, numThreads: 1 });
  t.teardown(() => w.close());
  const pcm = new Int16Array(8000 * 2);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(3000 * Math.sin(i / 3) + ((i * 7919) % 200));
  const r = await w.transcribe({ pcm, sampleRateHz: 8000 });
  t.equal(r.engine, 'whisper-tiny.en');
  t.ok(r.text.split(' ').length >= 3, `garbage words decoded: "${r.text}"`);
  const s = w.startStream();
  s.write(pcm.subarray(0, 8000), 8000);
  s.write(pcm.subarray(8000), 8000);
  const r2 = await s.end();
  t.equal(r2.text, r.text, 'streamed parts decode like the whole');
});

t.test('whisper: a malformed export is refused with an error, the process lives on', async (t) => {
  const w = whisperStandin();
  const cases: Array<{ name: string; encoder: Buffer; tokens?: string; want: RegExp }> = [
    { name: 'no metadata', encoder: encodeOnnx({ ...w.encoder, metadata: {} }), want: /'n_mels' missing/ },
    {
      name: 'non-numeric value',
      encoder: encodeOnnx({ ...w.encoder, metadata: { ...w.encoder.metadata, eot: 'end' } }),
      want: /'eot'/,
    },
    {
      name: 'multilingual without en',
      encoder: encodeOnnx({
        ...w.encoder,
        metadata: {
          ...w.encoder.metadata,
          is_multilingual: '1',
          all_language_tokens: '200,201',
          all_language_codes: 'de,fr',
        },
      }),
      want: /language 'en'/,
    },
    {
      name: 'tokens line with 3 fields',
      encoder: encodeOnnx(w.encoder),
      tokens: 'aGk= 0 extra\n',
      want: /line 1/,
    },
    { name: 'not ONNX', encoder: Buffer.from('this is not a model'), want: /not an ONNX model/ },
    { name: 'truncated', encoder: encodeOnnx(w.encoder).subarray(0, 3000), want: /not an ONNX model/ },
  ];
  for (const c of cases) {
    const d = mkdtempSync(path.join(os.tmpdir(), 'standin-bad-whisper-'));
    t.teardown(() => rmSync(d, { recursive: true, force: true }));
    const f = whisperFiles(d, 'tiny.en');
    writeStandinFile(f.encoder, c.encoder);
    writeStandinFile(f.decoder, encodeOnnx(w.decoder));
    writeStandinFile(f.tokens, c.tokens ?? w.tokens);
    // Before the check, sherpa-onnx ended this process (exit 255) on the first three cases.
    await t.rejects(WhisperEngine.load({ modelsDir: d }), { code: 'bad-input', message: c.want }, c.name);
  }
});

t.test('runtime picks the installed engines', async (t) => {
  const rt = await createModelRuntime({ modelsDir: dir, sttPoolSize: 1 });
  t.teardown(() => rt.close());
  const st = rt.status();
  t.equal(st.interfaces.tts.active, 'piper-en_US-libritts_r-medium');
  t.equal(st.interfaces.embeddings.active, 'all-MiniLM-L6-v2');
  t.equal(st.interfaces.stt.active, 'whisper-tiny.en');
  if (sources.sileroVad) t.equal(st.interfaces.vad.active, 'silero-vad');
});

function writeStandinFile(file: string, data: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
}
