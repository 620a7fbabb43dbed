import t from 'tap';
import { asksForPerson, spoken } from '../answer-people.js';
import { selectAnswer } from '../answer-clauses.js';
import { contradicts, reverseCoverage } from '../item-match.js';
import { subjectWords } from '../question-subject.js';
import { identityAnswer } from '../answers.js';
import { continuation, KnowledgeBook } from '../book.js';
import { extractGraph } from '../graph/extract.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { questionShape } from '../question-type.js';
import { stem } from '../text.js';

/**
 * The general bridges between a caller's words and a document's (issue 21): WordNet definitions
 * and kind-of-a-kind links, sentences that go on about the previous one's subject, a priced item
 * matched both ways and refused when it is another item, the business's own address, and a
 * caller checking whom they reached. Examples are a hair salon and a bakery of our own.
 */

const salon = [
  {
    documentId: 's1',
    title: 'Copper Comb Salon',
    text: 'Our stylists\nMs. Ines Duarte – senior colourist. Ines handles highlights and balayage on Mondays and Thursdays. Marek Wojcik – barber.',
  },
  {
    documentId: 's1',
    title: 'Copper Comb Salon',
    text: "Price list\nService: Men's haircut; Price: $28\nService: Women's haircut; Price: $45\nService: Beard shaping (20 min); Price: $15\nService: Children's haircut; Price: $18",
  },
  {
    documentId: 's1',
    title: 'Copper Comb Salon',
    text: 'Finding us\nAfter hours, the Elm Street Pharmacy at 4 Elm Street sells our products. You will find us at 61 Harbour Road, Kelso.',
  },
  {
    documentId: 's1',
    title: 'Copper Comb Salon',
    text: 'Workshops\nWe run braiding workshops for parents. Workshops take place on the first Sunday of each month at 10 am.',
  },
];

const wn = sharedWordnet('/usr/share/wordnet');
const book = KnowledgeBook.build(salon, wn);
const graph = extractGraph(book, 'Copper Comb Salon');
const ask = (q: string) => selectAnswer(book, graph, q, questionShape(q), questionShape);

t.test('unit abbreviations are read as the words a caller says', async (t) => {
  t.equal(stem('min'), stem('minutes'));
  t.equal(stem('hrs'), stem('hours'));
  t.equal(stem('wk'), stem('weeks'));
});

t.test('a sentence continuing the previous one carries its subject', async (t) => {
  const prev = { text: 'Dr. Ada Brandt is our farrier.', terms: new Set(['ada', 'brandt', 'farrier']) };
  t.same(continuation('Ada shoes horses on Fridays.', prev), {
    person: { first: 'Ada', full: 'Dr. Ada Brandt' },
  });
  t.same(
    continuation('They are open late.', { text: 'Our stables are new.', terms: new Set(['stabl']) }),
    {},
  );
  t.same(
    continuation('Lessons run on Saturdays.', {
      text: 'Riding lessons are $30.',
      terms: new Set(['lesson']),
    }),
    {},
  );
  t.equal(
    continuation('Service: Mane trim; Price: $20', {
      text: 'Service: Hoof oil; Price: $9',
      terms: new Set(['servic']),
    }),
    undefined,
    'rows of a list are parallel, not continuing',
  );
  t.equal(continuation('Parking is free.', prev), undefined);
  const ines = book.sentences.find((s) => s.text.startsWith('Ines handles'));
  t.ok(ines?.headingTerms.has(stem('colourist')), "the introduction's words reach the sentence");
  if (ines) t.match(spoken(ines), /^Ms\. Ines Duarte handles/, 'said with the full name');
  const workshops = ask('When are the braiding workshops?');
  t.match(workshops.sentences.join(' '), /first Sunday/, 'the continuing sentence answers when');
});

t.test(
  'WordNet bridges a caller word the document does not use',
  { skip: !wn && 'wordnet-base not installed' },
  async (t) => {
    t.ok(wn?.glossWords('dentistry').includes('teeth'), "a definition's words");
    t.ok(wn?.isA('barber', 'person'));
    t.ok(wn?.isA('firm', 'organization'));
    t.notOk(wn?.isA('haircut', 'person'));
    t.ok(
      wn?.related('terrier').some((r) => r.lemma === 'dog'),
      'terrier -> hunting dog -> dog: two hypernym steps',
    );
    const kid = subjectWords(book, 'kid').all[0];
    t.ok(kid && [...kid.expansions.keys()].some((k) => k.startsWith('child')), 'kid -> child');
    t.ok(asksForPerson(book, 'Which hairdresser does highlights?'), 'which + a kind of person asks who');
    t.notOk(asksForPerson(book, 'Which haircut is cheapest?'));
    t.match(ask('Which hairdresser does highlights?').sentences.join(' '), /Ines Duarte/);
    t.match(ask("What's the price of a kid's haircut?").sentences.join(' '), /\$18/);
    t.match(ask('How much is it to have my beard trimmed for 20 minutes?').sentences.join(' '), /\$15/);
  },
);

t.test('a priced item is another item when it contradicts the question', async (t) => {
  const q = (text: string) => subjectWords(book, text).subject;
  const men = book.sentences.find((s) => s.text.includes("Men's"))!;
  const children = book.sentences.find((s) => s.text.includes("Children's"))!;
  t.ok(contradicts(book, q('haircut for my children'), "Men's haircut", men), 'men are not children');
  t.notOk(
    contradicts(book, q('haircut for a child'), "Children's haircut", children),
    'the item is what was asked',
  );
  t.ok(reverseCoverage(book, q('haircut for a child'), "Children's haircut") > 0.5);
  // A size the caller gives that the item does not have is not the item's price.
  const long = ask('How much is a 40 minute beard shaping?');
  t.equal(long.kind, 'not-in-data', 'a 40 minute beard shaping is not the 20 minute one');
  t.notMatch(long.sentences.join(' '), /\$/);
  // "A women's haircut for a boy": boys and women are not the same customers.
  const wrong = ask('How much is a perm?');
  t.equal(wrong.kind, 'not-in-data');
});

t.test("the business's own address before another organisation's", async (t) => {
  t.match(ask("What's your address?").sentences.join(' '), /61 Harbour Road/);
});

t.test('a caller checking whom they reached hears the name', async (t) => {
  t.match(
    identityAnswer('Copper Comb Salon', 'Is this the fish shop?')?.sentences[0] ?? '',
    /^No, this is Copper Comb Salon/,
  );
  t.match(
    identityAnswer('Copper Comb Salon', 'Hello, is this Copper Comb?')?.sentences[0] ?? '',
    /^Yes, this is Copper Comb Salon/,
  );
  t.match(identityAnswer('Copper Comb Salon', 'Am I speaking to Kelso Dental?')?.sentences[0] ?? '', /^No/);
  t.equal(identityAnswer('Copper Comb Salon', 'Are you open on Sundays?'), undefined, 'asks something else');
  t.equal(identityAnswer('Copper Comb Salon', 'Is it Tuesday you close early?'), undefined);
  t.equal(identityAnswer('Copper Comb Salon', 'Is this expensive?'), undefined);
});
