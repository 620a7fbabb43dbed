import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { PocketsphinxEngine } from '../stt/pocketsphinx.js';
import { EspeakTts, FliteTts } from '../tts/cli-engines.js';
import { FestivalTts } from '../tts/festival.js';
import {
  loadPiperConfig,
  phonemesToIds,
  piperFiles,
  piperPhonemize,
  piperStatus,
  PiperTts,
} from '../tts/piper.js';
import { cutLeadQuiet, KEPT_LEAD_MS } from '../tts/lead-quiet.js';
import { splitSentences } from '../tts/sentences.js';
import { speak } from '../tts/stream.js';
import type { TtsEngine } from '../tts/types.js';
import { hasCommand, sharedModelsDir } from './helpers.js';

t.test('lead-quiet cut: keeps 30 ms before the first sound, nothing else', async (t) => {
  const rate = 8000;
  const pcm = new Int16Array(rate); // 1 s
  for (let i = 2000; i < 6000; i++) pcm[i] = i % 2 ? 3000 : -3000; // sound from 250 ms
  for (let i = 0; i < 2000; i++) pcm[i] = i % 2 ? 20 : -20; // -64 dBFS hiss before it
  const cut = cutLeadQuiet(pcm, rate);
  t.equal(cut.length, pcm.length - 2000 + (KEPT_LEAD_MS * rate) / 1000, '220 ms of the lead gone');
  t.equal(cut[cut.length - 1], pcm[pcm.length - 1], 'the tail untouched');
  t.equal(cutLeadQuiet(new Int16Array(800), rate).length, 800, 'all quiet: returned whole');
  t.equal(cutLeadQuiet(new Int16Array(0), rate).length, 0, 'empty stays empty');
  const early = pcm.slice(1900);
  t.equal(cutLeadQuiet(early, rate).length, early.length, 'a lead shorter than 30 ms is kept');
});

t.test('sentence splitting', async (t) => {
  t.same(splitSentences('Hello there. How are you? Fine!'), ['Hello there.', 'How are you?', 'Fine!']);
  t.same(splitSentences('Dr. Smith sees you at 9 a.m. tomorrow. Bring your card.'), [
    'Dr. Smith sees you at 9 a.m. tomorrow.',
    'Bring your card.',
  ]);
  t.same(splitSentences('The rate is 3.5 percent. That is low.'), [
    'The rate is 3.5 percent.',
    'That is low.',
  ]);
  t.same(splitSentences('We open at 9 a.m. Monday to Friday.'), ['We open at 9 a.m. Monday to Friday.']);
  t.same(splitSentences('Call J. R. Smith, e.g. tomorrow. Thanks.'), [
    'Call J. R. Smith, e.g. tomorrow.',
    'Thanks.',
  ]);
  t.same(splitSentences('  '), []);
  const long =
    'Our technicians are available on weekdays between eight and six, on Saturdays between nine and one, and on public holidays only for emergencies, which are billed at the standard call-out rate plus a surcharge.';
  const parts = splitSentences(long, { maxChars: 100, firstMaxChars: 60 });
  t.ok(parts.length >= 3, `long sentence cut: ${JSON.stringify(parts)}`);
  t.ok((parts[0]?.length ?? 0) <= 60, 'first piece short for fast first audio');
  t.ok(
    parts.every((p) => p.length <= 100),
    'no piece over maxChars',
  );
  t.equal(parts.join(' '), long, 'nothing lost');
});

t.test('piper: phonemes and ids against the voice config; engine reports missing weights', async (t) => {
  const cfgFile = piperFiles(sharedModelsDir).config;
  if (!existsSync(cfgFile) || !hasCommand('espeak-ng')) {
    t.comment('skipped: piper voice config or espeak-ng absent');
    return;
  }
  const cfg = await loadPiperConfig(cfgFile);
  const ph = await piperPhonemize('Hello, world.', cfg.espeak.voice);
  t.same(ph.join(''), 'həlˈoʊ, wˈɜːld.', 'espeak IPA with clause punctuation re-attached');
  const { ids, missing } = phonemesToIds(ph, cfg.phoneme_id_map);
  t.same(missing, [], 'every phoneme is in the voice map');
  const id = (s: string): number => cfg.phoneme_id_map[s]?.[0] ?? -1;
  t.equal(ids[0], id('^'), 'BOS first');
  t.equal(ids[1], id('_'), 'PAD after BOS');
  t.equal(ids[2], id('h'));
  t.equal(ids[3], id('_'), 'PAD interleaved');
  t.equal(ids[ids.length - 1], id('$'), 'EOS last');
  t.equal(ids.length, 2 + ph.length * 2 + 1);
  t.same(phonemesToIds(['☃'], cfg.phoneme_id_map).missing, ['☃'], 'unknown symbols skipped and reported');
  // Punctuation inside a number or time is not a clause end: espeak must read "$1,200" as one
  // number and "5:30" as a time (split clauses read "one, two hundred" and "five: thirty").
  const num = (await piperPhonemize('It costs $1,200 at 5:30, or 3.5 now.', cfg.espeak.voice)).join('');
  t.match(num, /θˈaʊzənd/, `one thousand two hundred: ${num}`);
  t.equal(num.match(/[,:.]/g)?.join(''), ',.', 'only the clause punctuation is kept');
  const st = piperStatus(sharedModelsDir);
  if (st.state === 'missing-weights') {
    t.match(st.reason ?? '', /en_US-libritts_r-medium\.onnx/);
    await t.rejects(PiperTts.load({ modelsDir: sharedModelsDir }), { code: 'missing-weights' });
  }
  await t.rejects(loadPiperConfig(path.join(sharedModelsDir, 'silero-vad', 'LICENSE')), {
    code: 'bad-input',
  });
});

const candidates = [
  'Your appointment is confirmed for Tuesday morning.',
  'Please hold while I transfer your call.',
  'We are closed on public holidays.',
  'Thank you for calling, goodbye.',
];

const engines: Array<{ name: string; make: () => TtsEngine; skip?: string }> = [
  { name: 'piper', make: () => new FliteTts(), skip: `piper: ${piperStatus(sharedModelsDir).state}` },
  {
    name: 'flite',
    make: () => new FliteTts(),
    ...(hasCommand('flite') ? {} : { skip: 'flite not installed' }),
  },
  {
    name: 'festival',
    make: () => new FestivalTts(),
    ...(hasCommand('festival') ? {} : { skip: 'festival not installed' }),
  },
  {
    name: 'espeak-ng',
    make: () => new EspeakTts(),
    ...(hasCommand('espeak-ng') ? {} : { skip: 'espeak-ng not installed' }),
  },
];
if (piperStatus(sharedModelsDir).state === 'ready') {
  engines[0] = { name: 'piper', make: () => new FliteTts() };
}
const haveHelper = existsSync(new URL('../native/build/ps_helper', import.meta.url));

for (const def of engines) {
  t.test(`TTS conformance: ${def.name}`, { skip: def.skip ?? false }, async (t) => {
    const engine = def.name === 'piper' ? await PiperTts.load({ modelsDir: sharedModelsDir }) : def.make();
    t.teardown(() => engine.close());
    t.equal(engine.status().state, 'ready');

    // Streaming: 3 sentences; the first chunk must arrive before the last one is synthesized.
    const text = 'Hello and welcome. Our office is open from nine to five. How can I help you today?';
    const t0 = performance.now();
    const arrivals: number[] = [];
    const chunks = [];
    for await (const c of speak(engine, text)) {
      arrivals.push(performance.now() - t0);
      chunks.push(c);
    }
    t.equal(chunks.length, 3);
    t.same(
      chunks.map((c) => c.sentenceIndex),
      [0, 1, 2],
    );
    t.ok(
      chunks.every((c) => c.pcm.length > c.sampleRateHz * 0.3),
      'each sentence has audio',
    );
    t.ok((arrivals[0] ?? Infinity) < (arrivals[2] ?? 0), 'first chunk before the last');
    t.comment(
      `${def.name}: first audio after ${Math.round(arrivals[0] ?? 0)} ms, all after ${Math.round(arrivals[2] ?? 0)} ms`,
    );

    // Barge-in: abort after the first chunk ends the stream quietly.
    const ac = new AbortController();
    const got = [];
    for await (const c of speak(engine, text, { signal: ac.signal })) {
      got.push(c);
      ac.abort();
    }
    t.equal(got.length, 1, 'abort stops the stream');

    // The quiet before the first sound, as written and as the call's speech port sends it.
    const a = await engine.synthesize('Thank you for calling.');
    const cut = cutLeadQuiet(a.pcm, a.sampleRateHz);
    const leadMs = (pcm: Int16Array): number => {
      const i = pcm.findIndex((v) => Math.abs(v) > 32768 * 10 ** (-54 / 20));
      return ((i < 0 ? pcm.length : i) / a.sampleRateHz) * 1000;
    };
    t.comment(
      `${def.name}: quiet lead ${Math.round(leadMs(a.pcm))} ms as written, ${Math.round(leadMs(cut))} ms cut`,
    );
    t.ok(leadMs(cut) <= KEPT_LEAD_MS + 10, `${def.name}: the lead is cut to at most ${KEPT_LEAD_MS + 10} ms`);
    t.same(cut, a.pcm.subarray(a.pcm.length - cut.length), 'only the front is cut');
    await t.rejects(engine.synthesize(123 as unknown as string), { code: 'bad-input' });
    t.equal((await engine.synthesize('   ')).pcm.length, 0, 'blank text -> no audio');
    t.ok(
      (await engine.synthesize('-v --help "quotes" \\ (parens)')).pcm.length > 0,
      'hostile text is just text',
    );

    // Round trip: each candidate synthesized and recognized by pocketsphinx constrained to the candidates.
    if (!haveHelper) {
      t.comment('skipped round trip: pocketsphinx helper not built');
      return;
    }
    const stt = await PocketsphinxEngine.load({ poolSize: 1, utteranceTimeoutMs: 60000 });
    t.teardown(() => stt.close());
    for (const sentence of candidates) {
      const audio = await engine.synthesize(sentence);
      const r = await stt.transcribe(audio, { bias: { phrases: candidates, mode: 'grammar' } });
      const want = sentence.toLowerCase().replace(/[.,]/g, '');
      t.equal(r.text, want, `${def.name} round trip: "${sentence}"`);
      // The call's speech port cuts the quiet lead: the words must survive the cut.
      const cut = { pcm: cutLeadQuiet(audio.pcm, audio.sampleRateHz), sampleRateHz: audio.sampleRateHz };
      const rc = await stt.transcribe(cut, { bias: { phrases: candidates, mode: 'grammar' } });
      t.equal(rc.text, want, `${def.name} round trip with the lead cut: "${sentence}"`);
    }
  });
}

t.test(
  'festival survives a crash of its process',
  { skip: hasCommand('festival') ? false : 'festival not installed' },
  async (t) => {
    const f = new FestivalTts();
    t.teardown(() => f.close());
    await f.warm();
    const pid = Number(readFileSync('/proc/self/stat', 'utf8').split(' ')[0]);
    t.ok(pid > 0);
    const first = await f.synthesize('One.');
    t.ok(first.pcm.length > 0);
    // Kill the warm process behind its back: the next request restarts it.
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    for (const c of children) {
      try {
        if (readFileSync(`/proc/${c}/comm`, 'utf8').trim() === 'festival') process.kill(c, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 100));
    const again = await f.synthesize('Two.');
    t.ok(again.pcm.length > 0, 'synthesizes after restart');
  },
);
