import t from 'tap';
import { createAgentBody, type AgentView } from '../../agents/schema.js';
import { subjectWords } from '../question-subject.js';
import { compileAgent, type CompiledAgent } from '../compile.js';
import { KnowledgeBook } from '../book.js';
import { extractGraph } from '../graph/extract.js';
import { chooseOption, itemHeads, kindOptions, usualOfKind } from '../item-kind.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { stem } from '../text.js';
import { checkedReply, checkedTurns } from './checked-reply.js';

/**
 * Items of one kind (item-kind.ts), the marks of the usual item, and the affix
 * bridge, on a clinic and a garage no suite uses.
 */

const wordnet = sharedWordnet('/usr/share/wordnet');
const clinicChunks = [
  {
    documentId: 'c1',
    title: 'Hillside Veterinary Clinic',
    text: 'Fees\nStandard consultation $70\nMissed appointments $30\nSimple extraction $160\nWisdom tooth surgical extraction $410\nRoutine check-up $55\nPuppy check-up $40\nScale and polish $90',
  },
  {
    documentId: 'c1',
    title: 'Hillside Veterinary Clinic',
    text: 'Sedation\nHillside Veterinary Clinic cares for dogs, cats and rabbits. Our vets are all RCVS registered. Parking is free behind the clinic. We are open Monday to Saturday. Bring your pet in a carrier or on a lead. Repeat prescriptions take two days. Keep a wound clean and dry. We offer sedation for nervous animals at no extra charge for the first visit.',
  },
  {
    documentId: 'c1',
    title: 'Hillside Veterinary Clinic',
    text: 'Cancellations\nPlease tell us a day ahead; late cancellation costs $30. Children are welcome.',
  },
];
const garageChunks = [
  {
    documentId: 'g1',
    title: 'Northgate Motors',
    text: 'Prices\nLabour: $85 per hour\nFront brake pads $140\nRear brake pads $120\nTyre fitting $20\nFour-wheel alignment $95\nLine boring $300',
  },
];
const clinic = KnowledgeBook.build(clinicChunks, wordnet);
const clinicGraph = extractGraph(clinic, 'Hillside Veterinary Clinic');
const garage = KnowledgeBook.build(garageChunks, wordnet);
const garageGraph = extractGraph(garage, 'Northgate Motors');
const agents = new Map<string, CompiledAgent>();

t.before(async () => {
  for (const [name, chunks] of [
    ['Hillside Veterinary Clinic', clinicChunks],
    ['Northgate Motors', garageChunks],
  ] as const) {
    const config = createAgentBody.parse({ name, facts: {} });
    const view: AgentView = {
      ...config,
      id: 'a1',
      status: 'ready',
      createdAt: '',
      updatedAt: '',
      version: 1,
    };
    agents.set(
      name,
      await compileAgent(
        view,
        { id: 'b1', name, timeZone: 'UTC' },
        { temperature: 0.1, chunks, lexicon: wordnet },
      ),
    );
  }
});

/** One caller turn as a conversation says it: the policy's plan, then the final check. */
const reply = (business: string, text: string): Promise<string> => checkedReply(agents.get(business)!, text);
const vet = (q: string) => reply('Hillside Veterinary Clinic', q);
const motors = (q: string) => reply('Northgate Motors', q);
const items = (graph: typeof clinicGraph) =>
  graph.relations
    .filter((r) => r.relation === 'costs')
    .map((r) => ({ item: r.from.replace(/^service:/, ''), amount: r.to.replace(/^price:/, '') }));
const words = (book: KnowledgeBook, q: string) => subjectWords(book, q).subject;

t.test('the usual item of a kind answers a caller who names only the kind', async (t) => {
  t.match(await vet('How much is an extraction?'), /\$160/);
  t.match(await vet('How much is a check-up?'), /\$55/);
  t.match(await vet('How much is a surgical extraction?'), /\$410/);
  t.match(await vet('What do you charge to pull a tooth?'), /\$160/, 'an idiom for the kind');
  t.match(await vet('How much is a check-up for a puppy?'), /\$40/);
  const usual = usualOfKind(clinic, words(clinic, 'extraction'), items(clinicGraph));
  t.equal(usual?.item, 'simple extraction');
  t.equal(
    usualOfKind(clinic, words(clinic, 'wisdom tooth extraction'), items(clinicGraph)),
    undefined,
    'a caller who names what tells one apart gets no default',
  );
  t.same(itemHeads('Simple extraction'), [stem('extraction')]);
});

t.test('no usual item of the kind: neither price is said, the caller is asked which one', async (t) => {
  const first = await motors('How much are brake pads?');
  t.match(first, /front brake pads and rear brake pads/i, first);
  t.match(first, /which one/i, 'a question');
  t.notMatch(first, /\$|\d/, 'no price');
  t.match(first, /message/, 'and a message offered');
  t.equal(usualOfKind(garage, words(garage, 'brake pads'), items(garageGraph)), undefined);
  t.same(kindOptions(garage, words(garage, 'brake pads'), items(garageGraph))?.sort(), [
    'front brake pads',
    'rear brake pads',
  ]);
  t.match(await motors('How much are rear brake pads?'), /\$120/);
  const garageAgent = agents.get('Northgate Motors')!;
  const [, rear] = await checkedTurns(garageAgent, ['How much are brake pads?', 'The rear ones please']);
  t.match(rear, /\$120/, `the caller's pick is answered: ${rear}`);
  t.notMatch(rear, /\$140/);
  const [, second] = await checkedTurns(garageAgent, ['What do brake pads cost?', 'the second one']);
  t.match(second, /\$1[24]0/, `an ordinal picks one: ${second}`);
  const [, other] = await checkedTurns(garageAgent, [
    'How much are brake pads?',
    'How much is tyre fitting?',
  ]);
  t.match(other, /\$20/, 'another question is answered as one');
});

t.test('chooseOption: telling words, ordinals, nothing or several', async (t) => {
  const opts = ['Front brake pads', 'Rear brake pads'];
  t.equal(chooseOption(opts, 'the front ones'), 'Front brake pads');
  t.equal(chooseOption(opts, 'rear'), 'Rear brake pads');
  t.equal(chooseOption(opts, 'the last one'), 'Rear brake pads');
  t.equal(chooseOption(opts, 'brake pads'), undefined, 'the shared words pick none');
  t.equal(chooseOption(opts, 'front and rear'), undefined, 'both: no single pick');
});

t.test('a mark of the usual item ("standard") is not a qualifier the caller left out', async (t) => {
  const r = await vet('What do you charge for a normal appointment with a vet?');
  t.match(r, /\$70/, r);
});

t.test(
  'a caller\u2019s verb the documents use elsewhere is an idiom\u2019s wording, not the item',
  async (t) => {
    t.match(await vet('How much is it to get my dog\u2019s teeth cleaned?'), /\$90/);
  },
);

t.test('an item asked for by what it does: a word of its definition', async (t) => {
  t.match(await motors('How much to get my wheels lined up?'), /\$95/);
});

t.test('the stem of a verb meets its noun through a silent e', async (t) => {
  for (const [a, b] of [
    ['lined', 'line'],
    ['tuned', 'tune'],
    ['taking', 'take'],
  ] as const)
    t.equal(stem(a), stem(b), `${a} ${b}`);
  for (const [a, b] of [
    ['cars', 'care'],
    ['fitted', 'fite'],
    ['eating', 'eate'],
  ] as const)
    t.not(stem(a), stem(b), `${a} ${b}`);
});

t.test('a unit inside a caller idiom is part of the asked item, in selection and the check', async (t) => {
  t.match(await motors('What do your guys charge for each hour on the job?'), /\$85/);
  t.match(await motors('How much is labour per hour?'), /\$85/);
});

t.test('affixes bridge words to their derivations, not to any longer word', async (t) => {
  t.notOk(clinic.expand('extra', 'extra').has('extraction'), '"extra" is not "extraction"');
  t.ok(clinic.expand(stem('sedated'), 'sedated').has(stem('sedation')));
  t.ok(clinic.expand('cancel', 'cancel').has(stem('cancellation')), 'a doubled consonant');
  t.ok(clinic.expand('child', 'child').has(stem('children')));
  t.notMatch(await vet('How much extra is it to be sedated?'), /\$160|\$410/);
});
