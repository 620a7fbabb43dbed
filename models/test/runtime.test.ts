import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import t from 'tap';
import { createModelRuntime, probeEngines } from '../runtime.js';
import { loadSpeech, sharedModelsDir, speechSamples } from './helpers.js';

const haveHelper = existsSync(new URL('../native/build/ps_helper', import.meta.url));

t.test(
  'runtime: picks available engines, falls back, reports status',
  { skip: haveHelper ? false : 'pocketsphinx helper not built' },
  async (t) => {
    const registry = new Registry();
    const rt = await createModelRuntime({
      modelsDir: sharedModelsDir,
      prefer: { tts: 'piper' },
      sttPoolSize: 1,
      cacheDir: path.join(os.tmpdir(), 'models-test-wink-cache'),
      registry,
    });
    t.teardown(() => rt.close());
    const st = rt.status();
    t.equal(
      st.interfaces.vad.active,
      existsSync(path.join(sharedModelsDir, 'silero-vad/silero_vad.onnx')) ? 'silero-vad' : 'energy',
    );
    t.equal(st.interfaces.stt.active, 'pocketsphinx');
    t.ok(
      st.interfaces.stt.candidates.some((c) => c.engine === 'whisper' && c.state === 'missing-weights'),
      'whisper: missing-weights',
    );
    t.ok(
      st.interfaces.tts.candidates.some((c) => c.engine === 'piper' && c.state === 'missing-weights'),
      'preferred piper fell back',
    );
    t.equal(st.interfaces.tts.active, 'flite');
    t.equal(st.interfaces.llm.active, null, 'no LLM configured: the appliance runs without one');
    t.doesNotThrow(() => JSON.stringify(st), 'status is JSON-able');

    // One call's path: VAD -> STT, then TTS.
    const s = speechSamples().find((x) => x.file.includes('2830'));
    if (s) {
      const { pcm, sampleRateHz } = loadSpeech(s.file);
      const vad = rt.vad();
      const ev = [...(await vad.push(pcm, sampleRateHz)), ...(await vad.flush())];
      const end = ev.find((e) => e.kind === 'speech-end');
      t.ok(end, 'utterance detected');
      if (end?.kind === 'speech-end') {
        const r = await rt.stt.transcribe(
          { pcm: end.pcm, sampleRateHz: 16000 },
          { bias: { phrases: [s.reference, 'cancel my order'] } },
        );
        t.equal(r.text, s.normalized);
      }
    }
    const chunks = [];
    for await (const c of rt.speak('Hello. Goodbye.')) chunks.push(c);
    t.equal(chunks.length, 2);
    if (s)
      t.match(
        await registry.metrics(),
        /models_request_latency_seconds_count\{kind="stt",engine="pocketsphinx"\} [1-9]/,
      );
  },
);

t.test('probeEngines on an empty models dir', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'models-empty-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const p = await probeEngines({ modelsDir: dir });
  t.equal(p.interfaces.vad.active, 'energy');
  t.equal(p.interfaces.embeddings.active, 'wink-sg-100d-sif');
  t.equal(p.interfaces.llm.active, null);
});

t.test('no STT engine loads: the rest of the runtime still serves, STT fails clearly', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'models-nostt-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rt = await createModelRuntime({
    modelsDir: dir,
    pocketsphinx: { helperPath: path.join(dir, 'no-such-helper') },
    cacheDir: path.join(os.tmpdir(), 'models-test-wink-cache'),
  });
  t.teardown(() => rt.close());
  const st = rt.status().interfaces;
  t.equal(st.stt.active, null, 'no active STT engine');
  t.same(
    st.stt.candidates.map((c) => c.engine).sort(),
    ['pocketsphinx', 'whisper'],
    'each candidate says why it is not active',
  );
  t.ok(st.tts.active, 'TTS still loaded');
  t.equal(st.embeddings.active, 'wink-sg-100d-sif', 'embeddings (knowledge search) still loaded');
  const v = await rt.embeddings.embed(['opening hours']);
  t.equal(v.length, 1, 'embeddings work');
  await t.rejects(rt.stt.transcribe({ pcm: new Int16Array(1600), sampleRateHz: 16000 }), {
    name: 'ModelError',
    code: 'unavailable',
    message: /no stt engine is available: .*pocketsphinx/,
  });
  const s = rt.stt.startStream();
  s.write(new Int16Array(320), 16000);
  await t.rejects(s.end(), { code: 'unavailable' });
});
