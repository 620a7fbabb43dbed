import t from 'tap';
import { agentView, createAgentBody } from '../../agents/schema.js';
import { IntentIndex } from '../classifier.js';
import { intentCandidates } from '../compile.js';
import { defaultTemperature } from '../calibration.js';
import type { Embedder } from '../types.js';

const agent = agentView.parse({
  ...createAgentBody.parse({
    name: 'Test',
    faqs: [{ question: 'Do you deliver?', answer: 'Yes, within 5 km.' }],
    intents: [
      {
        name: 'book_table',
        label: 'book a table',
        examples: ['I would like to book a table', 'can I make a reservation'],
        response: 'Sure.',
      },
    ],
  }),
  id: '00000000-0000-4000-8000-000000000000',
  status: 'untrained',
  createdAt: '',
  updatedAt: '',
  version: 1,
});

t.test('nearest example with cues and calibrated confidence', async (t) => {
  const index = await IntentIndex.build(intentCandidates(agent), { temperature: defaultTemperature });
  const top = async (s: string): Promise<[string, number]> => {
    const c = (await index.classify(s)).ranked[0]!;
    return [c.candidate.name, c.probability];
  };
  t.equal((await top('what time do you open on sunday'))[0], 'hours');
  t.equal((await top('where are you located'))[0], 'location');
  t.equal((await top('put me through to a real person'))[0], 'transfer');
  t.equal((await top('I want to reserve a table'))[0], 'book_table', 'custom intent by example');
  t.equal((await top('do you do deliveries'))[0], 'question', 'FAQ question by example');
  t.equal((await top('bye now'))[0], 'goodbye');
  const [, sure] = await top('what are your opening hours');
  const [, unsure] = await top('purple elephants');
  t.ok(sure > 0.8, `an exact paraphrase is confident (${sure.toFixed(2)})`);
  t.ok(unsure < 0.5, `gibberish is not (${unsure.toFixed(2)})`);
  const probs = (await index.classify('hello')).ranked.map((r) => r.probability);
  t.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-6, 'probabilities sum to 1');
});

t.test('a failing embedder degrades to words, never fails a turn', async (t) => {
  let calls = 0;
  const flaky: Embedder = {
    name: 'flaky',
    dims: 4,
    embed: async (texts) => {
      calls++;
      if (calls > 1) throw new Error('engine crashed');
      return texts.map(() => Float32Array.from([1, 0, 0, 0]));
    },
  };
  const index = await IntentIndex.build(intentCandidates(agent), {
    embedder: flaky,
    temperature: defaultTemperature,
  });
  t.ok(index.usesEmbeddings);
  const c = await index.classify('where are you located');
  t.equal(c.ranked[0]?.candidate.name, 'location');
});
