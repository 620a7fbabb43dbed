import t from 'tap';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PS_MODEL_DIR } from '../../../models/index.js';
import { agentView, createAgentBody } from '../../agents/schema.js';
import { sttPhrases } from '../stt-phrases.js';
import { heardTermMapper, sttKeyTerms } from '../stt-terms.js';

const agent = agentView.parse({
  ...createAgentBody.parse({
    name: 'Vet',
    faqs: [{ question: 'Do you see rabbits?', answer: 'Yes. Doctor Patel treats rabbits and exotic pets.' }],
  }),
  id: 'a1',
  status: 'ready',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
});

t.test('STT phrases carry the documents as the language-model corpus', async (t) => {
  const phrases = sttPhrases(agent, {
    knowledgeText: [
      'A standard consultation costs 45 dollars. Dental cleaning costs 350 dollars.\nMicrochipping',
    ],
  });
  t.ok(phrases.includes('do you see rabbits'), 'FAQ question');
  t.ok(phrases.includes('a standard consultation costs 45 dollars'), 'document sentence');
  t.ok(phrases.includes('dental cleaning costs 350 dollars'), 'each sentence separately');
  t.ok(phrases.includes('doctor patel treats rabbits and exotic pets'), 'FAQ answer sentence');
  const terms = sttKeyTerms(phrases);
  t.ok(terms.includes('dental cleaning'), 'two-word key term');
  t.ok(terms.includes('microchipping'));
  t.notOk(terms.includes('what'), 'no function words');
});

t.test(
  'heard-term hook maps a misheard key term before retrieval',
  { skip: !existsSync(path.join(DEFAULT_PS_MODEL_DIR, 'cmudict-en-us.dict')) && 'no cmudict' },
  async (t) => {
    const phrases = sttPhrases(agent, {
      knowledgeText: [
        'Dental cleaning costs 350 dollars. We are open Monday to Friday. Microchipping costs 40 dollars.',
      ],
    });
    t.notOk(sttKeyTerms(phrases).includes('forty'), 'number words are not key terms');
    const fix = await heardTermMapper(phrases);
    t.equal(fix('how much is the dental clean in').text, 'how much is the dental cleaning');
    t.equal(fix('what does micro chipped in cost').text, 'what does microchipping cost');
    t.equal(fix('what time do you open').text, 'what time do you open');
    t.equal(
      fix('are you open on sunday').text,
      'are you open on sunday',
      'a caller word is not a misheard term',
    );
    t.equal(fix('is it for my dog').text, 'is it for my dog', 'function words are not pulled to a number');
    t.equal(await heardTermMapper(phrases), fix, 'one mapper per phrase list');
  },
);
