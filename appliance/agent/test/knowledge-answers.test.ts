import t from 'tap';
import { createAgentBody, type AgentView } from '../../agents/schema.js';
import { questionClauses, selectAnswer } from '../answer-clauses.js';
import { KnowledgeBook } from '../book.js';
import { compileAgent, type CompiledAgent } from '../compile.js';
import { extractGraph, priceItem } from '../graph/extract.js';
import { digitize } from '../lexicon/numbers.js';
import { sharedWordnet, Wordnet } from '../lexicon/wordnet.js';
import { questionShape } from '../question-type.js';
import { isUrgent } from '../urgent.js';
import { planTurn } from './checked-reply.js';

/** A kennel's page (a trade none of the other suites use), as chunks after upload. */
const chunks = [
  {
    documentId: 'd1',
    title: 'Oakfield Kennels',
    text: 'Prices\nA night in a standard kennel costs $32. A luxury suite costs $48 per night. Dog grooming is $40 and includes a bath and nail trim.',
  },
  {
    documentId: 'd1',
    title: 'Oakfield Kennels',
    text: 'Our team\nOur head handler is Maria Lopez, who has worked with dogs for twenty years. Sam Patel looks after cats and small animals.',
  },
  {
    documentId: 'd1',
    title: 'Oakfield Kennels',
    text: 'Opening times\nWe are open Monday to Saturday from 8 am to 6 pm. We are closed on Sundays.',
  },
  {
    documentId: 'd1',
    title: 'Oakfield Kennels',
    text: 'Finding us\nWe are at 12 Mill Road, Oakfield, next to the garden centre.',
  },
  {
    documentId: 'd1',
    title: 'Oakfield Kennels',
    text: 'Emergencies\nIf your pet is injured out of hours, call the Oakfield emergency vet on 555 0142.',
  },
  {
    documentId: 'd1',
    title: 'Oakfield Kennels',
    text: 'Booking\nA deposit of $20 secures a booking. You can pay the rest in instalments.',
  },
];

const wn = sharedWordnet('/usr/share/wordnet');
const book = KnowledgeBook.build(chunks, wn);
const graph = extractGraph(book, 'Oakfield Kennels');
const ask = (q: string) => selectAnswer(book, graph, q, questionShape(q));

t.test('question types', async (t) => {
  const cases: [string, string][] = [
    ['How much is grooming?', 'price'],
    ['What do you charge for a night?', 'price'],
    ['When are you open?', 'when'],
    ['What are your opening hours?', 'when'],
    ['Who looks after cats?', 'who'],
    ['Where are you?', 'where'],
    ['Do you take cats?', 'yesno'],
    ['How long does grooming take?', 'duration'],
  ];
  for (const [q, type] of cases) t.equal(questionShape(q).type, type, q);
  t.ok(questionShape('is there parking').informational, 'a question without "?" is still one');
  t.notOk(questionShape('I would like to book').informational);
});

t.test('spoken and written numbers', async (t) => {
  t.equal(digitize('forty eight dollars'), '48 dollars');
  t.equal(digitize('a hundred and forty'), '140');
  t.equal(digitize('two thousand two hundred dollars'), '2200 dollars');
  t.equal(digitize('a big one please'), 'a big one please', '"one" alone is a pronoun');
});

t.test('knowledge graph extraction', async (t) => {
  const costs = graph.relations.filter((r) => r.relation === 'costs').map((r) => `${r.from} -> ${r.to}`);
  t.ok(costs.includes('service:night in a standard kennel -> price:$32'), costs.join('; '));
  t.ok(costs.includes('service:luxury suite -> price:$48 per night'));
  t.ok(costs.includes('service:dog grooming -> price:$40'));
  const people = graph.entities.filter((e) => e.kind === 'person').map((e) => e.name);
  t.same(people.sort(), ['Maria Lopez', 'Sam Patel']);
  t.ok(
    graph.relations.some(
      (r) => r.from === 'person:sam patel' && r.relation === 'handles' && /cats/.test(r.to),
    ),
    'Sam Patel handles cats',
  );
  t.ok(graph.relations.some((r) => r.relation === 'located_at' && /12 mill road/i.test(r.to)));
  t.ok(graph.relations.some((r) => r.relation === 'open' && /monday to saturday/i.test(r.to)));
  t.equal(priceItem('Margherita: tomato and basil, $12.50.', 28), 'Margherita', 'a list label is the item');
});

t.test('answer selection by question type', async (t) => {
  t.match(ask('How much is a luxury suite?').sentences.join(' '), /\$48/);
  t.match(ask('What does dog grooming cost?').sentences.join(' '), /\$40/);
  t.match(ask('Who looks after cats?').sentences.join(' '), /Sam Patel/);
  t.match(ask('Where are you located?').sentences.join(' '), /12 Mill Road/);
  t.match(ask('Are you open on Sundays?').sentences.join(' '), /closed on Sundays/);
  t.match(ask('Can I pay in instalments?').sentences.join(' '), /instalments/);
  t.match(ask('When are you open?').sentences.join(' '), /Monday to Saturday/);
});

t.test('one price of a sentence that states several', async (t) => {
  const { priceClause } = await import('../answer-speech.js');
  t.equal(
    priceClause('Classes are $25 per class, or $220 for a pass of 10 classes.', '$25 per class'),
    'Classes are $25 per class.',
  );
  t.equal(priceClause('A night costs $32.', '$32'), 'A night costs $32.');
  const q = 'What does that cost?';
  t.equal(
    selectAnswer(book, graph, q, questionShape(q)).kind,
    'none',
    'a price of nothing named is no price',
  );
});

t.test('a question among context clauses is answered', async (t) => {
  t.same(questionClauses('Is there a deposit? I am bringing three parrots.'), ['Is there a deposit']);
  t.same(questionClauses('what is the deposit'), [], 'one clause: the whole');
  const q = 'I am bringing three parrots, is there a deposit?';
  const s = selectAnswer(book, graph, q, questionShape(q), questionShape);
  t.match(s.sentences.join(' '), /deposit of \$20/);
});

t.test("the price of an item not in the data is never another item's price", async (t) => {
  for (const q of [
    'How much is cat grooming for a rabbit?',
    'How much is a microchip?',
    'What do you charge for dog walking?',
  ]) {
    const s = ask(q);
    t.equal(s.kind, 'not-in-data', q);
    t.same(s.sentences, [], `${q}: nothing said`);
  }
  t.match(ask('How much is a microchip?').missing ?? '', /microchip/, 'the fallback names what was asked');
  t.equal(ask('Do you train parrots?').kind, 'not-in-data', 'yes/no about something absent');
});

t.test('WordNet degrades gracefully and bridges paraphrases when present', async (t) => {
  t.equal(Wordnet.open('/nonexistent'), undefined);
  const plain = KnowledgeBook.build(chunks, undefined);
  t.equal(plain.size, book.size, 'the book reads the same sentences without a lexicon');
  if (!wn) {
    t.comment('wordnet-base not installed: only the degraded path is checked');
    return;
  }
  t.ok(book.expand('canine', 'canine').has('dog'), 'a caller word the documents do not use finds theirs');
  t.notOk(plain.expand('canine', 'canine').has('dog'), 'without WordNet it does not');
  t.ok(
    wn.related('hourly').some((r) => r.lemma === 'hour'),
    'hourly -> hour',
  );
  t.ok(
    wn.related('repair').some((r) => r.lemma === 'fix'),
    'repair ~ fix',
  );
});

t.test('urgent situations and questions about emergencies', async (t) => {
  t.ok(isUrgent('my cat is badly hurt and you are closed'));
  t.ok(isUrgent('a pipe has burst in the kitchen'));
  t.ok(isUrgent('I can smell gas'));
  t.ok(isUrgent('the horse is foaling', ['foaling']), 'per-agent keywords');
  t.ok(isUrgent('this is an emergency, my dog needs help'));
  t.notOk(isUrgent('is there an extra charge for an emergency visit?'));
  t.notOk(isUrgent('do you offer emergency appointments?'));
  t.notOk(isUrgent('what are your opening hours'));
});

async function compiled(
  facts: Record<string, unknown> = {},
  urgent: Record<string, unknown> = {},
): Promise<CompiledAgent> {
  const config = createAgentBody.parse({ name: 'Oakfield', facts, behaviour: { urgent } });
  const agent: AgentView = { ...config, id: 'a1', status: 'ready', createdAt: '', updatedAt: '', version: 1 };
  return compileAgent(
    agent,
    { id: 'b1', name: 'Oakfield Kennels', timeZone: 'UTC' },
    {
      temperature: 0.1,
      chunks,
      lexicon: wn,
    },
  );
}

const turn = planTurn;

t.test('the policy: documents first, no hijacks, urgent outranks messages', async (t) => {
  const agent = await compiled({ transferExtension: '300' });
  const hours = await turn(agent, 'What are your opening hours?');
  t.match(hours.sentences.join(' '), /Monday to Saturday/, 'built-in hours answered from the document');
  t.notMatch(hours.sentences.join(' '), /to hand/);
  const where = await turn(agent, 'Where are you?');
  t.match(where.sentences.join(' '), /12 Mill Road/, 'built-in location answered from the document');
  const leave = await turn(agent, 'If I leave my dog for a week how much is the luxury suite?');
  t.not(leave.intent, 'take_message', '"leave" in a question is not a message');
  t.match(leave.sentences.join(' '), /\$48/);
  const there = await turn(agent, 'is there a deposit');
  t.not(there.intent, 'greeting', '"is there" is not a greeting');
  t.match(there.sentences.join(' '), /deposit of \$20/);
  const who = await turn(agent, 'Hello, is there someone who looks after cats?');
  t.not(who.intent, 'transfer', '"someone who" asks who, not to be put through');
  t.match(who.sentences.join(' '), /Sam Patel/);
  const missing = await turn(agent, 'How much is a microchip?');
  t.match(missing.sentences.join(' '), /don't have the price of .*microchip/);
  t.notMatch(missing.sentences.join(' '), /\d/, 'no number in the fallback');
  // The fallback names the thing in the caller's own words, little words kept; a description is
  // not said back as a string of keywords, "that" is.
  const named = await turn(agent, 'What would a new microchip scanner cost me?');
  t.match(named.sentences.join(' '), /price of a new microchip scanner in my/, 'named as the caller said it');
  const described = await turn(
    agent,
    'My dog keeps chewing the big blue ropes that hang off the gate at the park, what would you charge to stop that?',
  );
  t.match(
    described.sentences.join(' '),
    /don't have that price in my information/,
    'a description: "that price"',
  );
  const pronoun = await turn(agent, 'Could you give mine a trim as well?');
  t.notMatch(pronoun.sentences.join(' '), /about mine\b/, 'a pronoun is not named back');

  const msg = await turn(agent, 'I would like to leave a message');
  t.equal(msg.intent, 'take_message', 'a real message request still takes a message');
  const urgent = await turn(agent, 'my cat is badly hurt and you are closed', msg.state);
  t.equal(urgent.intent, 'urgent', 'urgent outranks the message flow');
  t.match(urgent.sentences.join(' '), /emergency vet on 555 0142/, "the document's emergency instructions");
  t.same(urgent.actions, [{ action: 'transfer', target: '300' }], 'and a transfer');

  const configured = await compiled(
    {},
    { instructions: 'Please call the Riverside animal hospital on 555 0199.' },
  );
  const u2 = await turn(configured, 'my dog was hit by a car');
  t.match(u2.sentences.join(' '), /Riverside animal hospital/, 'configured instructions come first');
  t.same(u2.actions, [], 'no transfer without an extension');
  const off = await compiled({}, { enabled: false });
  t.not((await turn(off, 'my dog was hit by a car')).intent, 'urgent', 'the urgent path can be turned off');
});
