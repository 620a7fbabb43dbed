import t from 'tap';
import { createAgentBody, type AgentView } from '../../agents/schema.js';
import { selectAnswer } from '../answer-clauses.js';
import { daysIn } from '../question-subject.js';
import { KnowledgeBook } from '../book.js';
import { compileAgent, type CompiledAgent } from '../compile.js';
import { extractGraph } from '../graph/extract.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { questionShape } from '../question-type.js';
import { initialState } from '../state.js';
import { planTurn } from './checked-reply.js';

/**
 * Who / where / when / count / yes-no questions answered by question type, and the built-in
 * intents consulting the documents (issue 21). The document is a dog-grooming parlour and
 * day-care of our own, written for these tests (no trade of the knowledge suite).
 */

const chunks = [
  {
    documentId: 'g1',
    title: 'Fluffy Tails',
    text: 'Q: Where is the parlour?\nA: Unit 3, 45 Orchard Street, Dunmore. For an injured animal out of hours, go to the Dunmore Animal Hospital at 12 Quay Road, or call 999.',
  },
  {
    documentId: 'g1',
    title: 'Fluffy Tails',
    text: 'Q: When are you open?\nA: Mon & Tue 8am-5pm. Wed & Thu 9am-6pm. Fri 8am-4pm. Sat 9am-1pm. Closed on Sundays.',
  },
  {
    documentId: 'g1',
    title: 'Fluffy Tails',
    text: "Our team\nOlga Petrova is our owner and senior groomer. Ravi Shah specialises in nervous and elderly dogs. Kim Ng is our paediatric dog trainer and runs the puppy school. Aoife O'Connor clips nails and cleans ears. Sean McCarthy walks the day-care dogs.",
  },
  {
    documentId: 'g1',
    title: 'Fluffy Tails',
    text: 'Day care\nThe day-care yard holds up to 16 dogs. We serve Dunmore, Ashvale and Kirkby. Most of our customers live in Dunmore and come in on foot. Customer parking is in the yard behind the parlour, entrance on Mill Lane.',
  },
  {
    documentId: 'g1',
    title: 'Fluffy Tails',
    text: 'Before your visit\nOur groomers wear aprons and covers over their shoes. The Kirkby Bus Company stops outside. Dogs are groomed the same day.',
  },
  {
    documentId: 'g1',
    title: 'Fluffy Tails',
    text: 'Q: What is your cancellation policy?\nA: Please give 48 hours notice. Late cancellations are charged a fee.',
  },
  {
    documentId: 'g1',
    title: 'Fluffy Tails',
    text: 'Q: Do I need a vaccination card?\nA: No card is needed for grooming. If you have one, please bring it to day care.',
  },
];

const wn = sharedWordnet('/usr/share/wordnet');
const book = KnowledgeBook.build(chunks, wn);
const graph = extractGraph(book, 'Fluffy Tails');
const ask = (q: string) => selectAnswer(book, graph, q, questionShape(q), questionShape);
const said = (q: string): string => ask(q).sentences.join(' ');

async function compiled(): Promise<CompiledAgent> {
  const config = createAgentBody.parse({ name: 'Fluffy Tails desk', greeting: 'Fluffy Tails, hello!' });
  const agent: AgentView = { ...config, id: 'a1', status: 'ready', createdAt: '', updatedAt: '', version: 1 };
  return compileAgent(
    agent,
    { id: 'b1', name: 'Fluffy Tails', timeZone: 'UTC' },
    { temperature: 0.08, chunks, lexicon: wn },
  );
}

async function turn(agent: CompiledAgent, text: string) {
  const p = await planTurn(agent, text, { ...initialState(), lastReply: ['Fluffy Tails, hello!'] });
  return { text: p.sentences.join(' '), intent: p.intent };
}

t.test('question types: who first, count, area, a day with coming in', async (t) => {
  t.equal(questionShape("Who's in charge of the prices?").type, 'who', 'a who-question naming a price word');
  t.equal(questionShape('is there someone who treats puppies?').type, 'who');
  t.equal(questionShape('How many dogs fit in the yard?').type, 'count');
  t.equal(questionShape('How small a group can you take?').type, 'count');
  t.equal(questionShape('Which towns do you collect from?').type, 'where');
  t.equal(questionShape('Can I come in on a Saturday?').type, 'when');
  t.equal(
    questionShape('Do you sell leads on Saturdays?').type,
    'yesno',
    'a day alone does not make it a when',
  );
});

t.test("who: names written O'Connor or McCarthy are people too", async (t) => {
  t.match(ask('Who would clip my dog\u2019s nails?').sentences.join(' '), /Aoife O'Connor/);
  t.match(ask('Who walks the dogs?').sentences.join(' '), /Sean McCarthy/);
});

t.test('coming to the business is not what a question is about', async (t) => {
  t.match(ask('Where can I leave my car when I come in?').sentences.join(' '), /Mill Lane/);
});

t.test('a price word inside an idiom or describing the thing does not ask a price', async (t) => {
  t.not(questionShape('Can I spread the cost of an expensive operation?').type, 'price');
  t.not(questionShape('Could I split the bill over a few months?').type, 'price');
  t.equal(questionShape('How expensive is a cat spay?').type, 'price');
  t.equal(questionShape('What is the cost of an expensive operation?').type, 'price');
  t.equal(questionShape('How much does it cost?').type, 'price');
});

t.test('days a text names: abbreviations, ranges, weekends', async (t) => {
  t.same([...daysIn('Sat 9am-1pm.')], ['sat']);
  t.same([...daysIn('Monday to Thursday, 9-5')].sort(), ['mon', 'thu', 'tue', 'wed']);
  t.same([...daysIn('can I come at the weekend')].sort(), ['sat', 'sun']);
  t.same([...daysIn('we sat down on the sun lounger')], [], "a caller's lower-case 'sat' is no day");
});

t.test('when: the asked day decides the sentence', async (t) => {
  const a = said('Can I come in at the weekend?');
  t.match(a, /Sat 9am-1pm/);
  t.match(a, /Closed on Sundays/);
  t.notMatch(a, /Mon & Tue/);
});

t.test("where: the business's own address, not another organisation's", async (t) => {
  const a = said("What's your address?");
  t.match(a, /45 Orchard Street/);
  t.notMatch(a, /Quay Road/);
});

t.test('where: the area served, not a word of another sense ("covers" over shoes)', async (t) => {
  const a = said('Which towns do you cover?');
  t.match(a, /Ashvale/);
  t.notMatch(a, /shoes/);
});

t.test('who: a person sentence, found by what they do', async (t) => {
  t.match(said('Who owns the company?'), /Olga Petrova/);
  const none = ask('Who cleans the shoes?');
  t.not(
    none.kind === 'answer' && /aprons/.test(none.sentences.join(' ')),
    true,
    'no person: not that sentence',
  );
});

t.test('count: a sentence with a count and the asked thing', async (t) => {
  t.match(said('How many dogs fit in the day-care yard?'), /up to 16/);
  t.match(
    said('How many people fit in the day-care yard?'),
    /up to 16/,
    'what is counted is not the subject',
  );
  t.match(said('How big a group can the yard take?'), /up to 16/, 'how big a group: a size limit');
});

t.test('phrasal verbs: "call off" means cancel', async (t) => {
  t.ok((book.phrase('call', 'off')?.get('cancellation') ?? 0) > 0.5, 'call off -> cancellation');
});

t.test('a sentence leaning on the one before is said with it', async (t) => {
  const a = said('Should I bring a card to day care?');
  t.match(a, /No card is needed/);
  t.match(a, /please bring it/);
});

t.test('built-in intents consult the documents before saying they lack something', async (t) => {
  const agent = await compiled();
  const hours = await turn(agent, 'Can I come in at the weekend?');
  t.match(hours.text, /Sat 9am-1pm/);
  t.notMatch(hours.text, /don't have/);
  const address = await turn(agent, "What's your address?");
  t.match(address.text, /45 Orchard Street/);
});

t.test('a long question is not a request to repeat', async (t) => {
  const agent = await compiled();
  for (const q of [
    'Can the groomer come to my house?',
    'Will the trainer come to my place?',
    'Could you come and groom at my home?',
  ]) {
    const r = await turn(agent, q);
    t.not(r.intent, 'repeat', q);
    t.notMatch(r.text, /Fluffy Tails, hello/, q);
  }
});

t.test('urgent: the emergency service before other notices', async (t) => {
  const agent = await compiled();
  const r = await turn(agent, 'My dog was hit by a car and is bleeding, can you see him now?');
  t.equal(r.intent, 'urgent');
  t.match(r.text, /Animal Hospital|999/);
});

t.test('a greeting that opens a check of whom the caller reached is that check', async (t) => {
  const agent = await compiled();
  // Before, the salutation made it a greeting ("Hello! How can I help you today?").
  const vet = await turn(agent, 'Hello, is that the vet?');
  t.not(vet.intent, 'greeting');
  t.match(vet.text, /^This is Fluffy Tails/);
  const hospital = await turn(agent, 'Hi, is this the animal hospital?');
  t.match(hospital.text, /^This is Fluffy Tails/, 'its page names a hospital: no yes from a word match');
  // Small talk after a salutation stays small talk.
  for (const q of ['Hello, can you hear me?', 'Hi there, how are you?', 'Good morning!']) {
    const r = await turn(agent, q);
    t.equal(r.intent, 'greeting', q);
  }
});
