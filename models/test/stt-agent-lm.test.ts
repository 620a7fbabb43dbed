import t from 'tap';
import { existsSync } from 'node:fs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agentLm, buildArpa, CALLER_PATTERNS, corpusSentences } from '../stt/agent-lm.js';
import { PhoneticMatcher, phoneDistance } from '../stt/phonetic.js';
import { DEFAULT_PS_MODEL_DIR, PocketsphinxEngine } from '../stt/pocketsphinx.js';
import { PronunciationDictionary } from '../stt/pronounce.js';
import { keyTerms, rescoreNbest } from '../stt/rescore.js';
import { normalizeWords } from '../stt/text.js';
import { loadSpeech, speechSamples } from './helpers.js';

/** ARPA text -> P(w | history) by the back-off rule, for checking normalisation. */
function arpaModel(arpa: string): { vocab: string[]; p: (h: string[], w: string) => number } {
  const prob = new Map<string, number>();
  const bow = new Map<string, number>();
  let order = 0;
  for (const line of arpa.split('\n')) {
    const m = /^\\(\d)-grams:$/.exec(line);
    if (m) {
      order = Number(m[1]);
      continue;
    }
    if (order === 0 || line.trim() === '' || line.startsWith('\\')) continue;
    const parts = line.trim().split(/\s+/);
    const gram = parts.slice(1, 1 + order).join(' ');
    prob.set(gram, 10 ** Number(parts[0]));
    if (parts.length > 1 + order) bow.set(gram, 10 ** Number(parts[1 + order]));
  }
  const vocab = [...prob.keys()].filter((g) => !g.includes(' ') && g !== '<s>');
  const p = (h: string[], w: string): number => {
    const key = [...h, w].join(' ');
    const direct = prob.get(key);
    if (direct !== undefined) return direct;
    if (h.length === 0) return 0;
    return (bow.get(h.join(' ')) ?? 1) * p(h.slice(1), w);
  };
  return { vocab, p };
}

t.test('agent LM: ARPA trigram is normalised for every kind of history', async (t) => {
  const sentences = corpusSentences([
    'A standard consultation costs 45 dollars. Dental cleaning costs 350 dollars.',
    'We treat dogs, cats and rabbits. Doctor Patel treats rabbits.',
    'what time do you open',
    'what time do you close',
  ]);
  t.ok(sentences.some((s) => s.join(' ') === 'a standard consultation costs forty five dollars'));
  const lm = buildArpa(sentences, 3);
  t.match(lm.arpa, /^\\data\\\nngram 1=\d+\nngram 2=\d+\nngram 3=\d+\n/);
  t.match(lm.arpa, /\\end\\\n$/);
  const { vocab, p } = arpaModel(lm.arpa);
  for (const h of [[], ['<s>'], ['costs'], ['what', 'time'], ['treats', 'rabbits'], ['dollars'], ['zzz']]) {
    const sum = vocab.reduce((a, w) => a + p(h, w), 0);
    t.ok(Math.abs(sum - 1) < 1e-3, `P(. | ${h.join(' ') || '()'}) sums to ${sum.toFixed(5)}`);
  }
  t.ok(p(['what', 'time'], 'do') > 0.5, 'seen trigram dominates');
  t.equal(buildArpa(sentences).name, lm.name, 'same corpus, same name');
});

t.test('agent LM: caller patterns always included; unpronounceable words split sentences', async (t) => {
  const lm = agentLm(['Our zxqv widget costs ten dollars.'], (w) => w !== 'zxqv');
  t.ok(lm.words.includes('widget'));
  t.notOk(lm.words.includes('zxqv'));
  t.ok(lm.words.includes('appointment'), 'caller pattern words are in the model');
  t.notMatch(lm.arpa, /\n\S+ our widget/, 'no bigram bridges the dropped word');
  t.ok(CALLER_PATTERNS.length > 50);
});

t.test('N-best rescoring prefers the hypothesis with the agent key terms', async (t) => {
  const terms = keyTerms(['Dental cleaning costs 350 dollars.', 'what time do you open']);
  t.ok(terms.has('dental') && terms.has('cleaning'));
  t.notOk(terms.has('what') || terms.has('open'), 'caller phrasing is not a key term');
  const nb = [
    { hyp: 'how much is a mental clean', score: -1000 },
    { hyp: 'how much is a dental cleaning', score: -1150 },
  ];
  t.equal(rescoreNbest(nb, terms, 100)[0]?.hyp, 'how much is a dental cleaning');
  t.equal(rescoreNbest(nb, terms, 0)[0]?.hyp, 'how much is a mental clean', 'bonus 0 keeps the order');
  t.equal(rescoreNbest(nb, terms, 50)[0]?.hyp, 'how much is a mental clean', 'a far worse score still loses');
});

const dictPath = path.join(DEFAULT_PS_MODEL_DIR, 'cmudict-en-us.dict');
const haveDict = existsSync(dictPath);

t.test('phonetic matching maps misheard key terms back', { skip: !haveDict && 'no cmudict' }, async (t) => {
  t.equal(phoneDistance(['K', 'AE', 'T'], ['K', 'AE', 'T']), 0);
  t.ok(phoneDistance(['B', 'AE', 'T'], ['P', 'AE', 'T']) < phoneDistance(['S', 'AE', 'T'], ['P', 'AE', 'T']));
  const dict = await PronunciationDictionary.load(dictPath);
  const m = await PhoneticMatcher.build(['dental cleaning', 'microchipping', 'vaccination', 'Patel'], dict);
  t.ok(m.size >= 3);
  const r = m.map('how much is the dental clean in');
  t.equal(r.text, 'how much is the dental cleaning', JSON.stringify(r.replacements));
  t.equal(m.map('can you do micro chipping').text, 'can you do microchipping');
  t.equal(m.map('i need to see doctor patel').text, 'i need to see doctor patel', 'right words untouched');
  const plain = 'what time do you open on saturday';
  t.equal(m.map(plain).text, plain, 'unrelated words are not pulled to a term');
  t.same(m.map('').replacements, []);
});

const samples = speechSamples();
const haveHelper = existsSync(new URL('../native/build/ps_helper', import.meta.url));
const libri = samples.find((s) => s.file.includes('4507'));
const skip = !haveHelper
  ? 'pocketsphinx helper not built (models/native/build.sh)'
  : !libri
    ? 'no shared speech (../shared/speech)'
    : false;

t.test('interpolated agent LM on recorded speech: open vocabulary kept, N-best', { skip }, async (t) => {
  if (!libri) return;
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'ps-lm-'));
  t.teardown(() => rmSync(cacheDir, { recursive: true, force: true }));
  const engine = await PocketsphinxEngine.load({ poolSize: 1, utteranceTimeoutMs: 120000, cacheDir });
  t.teardown(() => engine.close());
  const audio = loadSpeech(libri.file);
  // A vet clinic's words: none of "why should one halt on the way" is a vet key term.
  const vet = [
    'A standard consultation costs 45 dollars.',
    'Doctor Patel treats rabbits and exotic pets.',
    'Dental cleaning costs 350 dollars.',
  ];
  const closed = await engine.transcribe(audio, { bias: { phrases: vet, mode: 'closed' } });
  const vetWords = new Set(vet.flatMap((v) => normalizeWords(v)));
  t.ok(
    normalizeWords(closed.text).every((w) => vetWords.has(w)),
    `closed model can only say the agent's words: "${closed.text}"`,
  );
  await engine.warm({ phrases: vet }); // registers the interpolated search ahead of the call
  const lm = await engine.transcribe(audio, { bias: { phrases: vet }, alternatives: 5 });
  const outside = normalizeWords(lm.text).filter((w) => !vetWords.has(w));
  t.ok(outside.length >= 3, `interpolated model still decodes other words: "${lm.text}"`);
  t.ok(lm.alternatives && lm.alternatives.length >= 2, 'alternatives from the lattice');
  t.equal(lm.alternatives?.[0], lm.text, 'first alternative is the result');
  t.equal(new Set(lm.alternatives).size, lm.alternatives?.length, 'alternatives are distinct');
  t.equal(readdirSync(path.join(cacheDir, 'pocketsphinx-lm')).filter((f) => f.endsWith('.arpa')).length, 1);
  // Same phrases again: same cached model and registered search, no new file.
  await engine.transcribe(audio, { bias: { phrases: vet } });
  t.equal(readdirSync(path.join(cacheDir, 'pocketsphinx-lm')).length, 1, 'model cached per content');
  await t.rejects(engine.transcribe(audio, { bias: { phrases: vet, weight: 1.5 } }), { code: 'bad-input' });
});
