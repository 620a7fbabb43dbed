import t from 'tap';
import { selectAnswer } from '../answer-clauses.js';
import { priceSpeech } from '../answer-speech.js';
import { KnowledgeBook, type SourceChunk } from '../book.js';
import { extractGraph } from '../graph/extract.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { questionShape } from '../question-type.js';

/**
 * Graded matching of the asked item against the priced items of a business (issue 21): the
 * caller names the item in other words than the price list. Two businesses of trades the
 * knowledge suite does not have: a pet-care shop (a table read row by row, as the HTML and DOCX
 * extractors give it) and a heating and cooling firm (a plain-text price list).
 */

const wn = sharedWordnet('/usr/share/wordnet');

function business(name: string, chunks: { heading: string; lines: string[] }[]) {
  const source: SourceChunk[] = chunks.map((c) => ({
    documentId: 'd1',
    title: name,
    text: `${c.heading}\n${c.lines.join('\n')}`,
  }));
  const book = KnowledgeBook.build(source, wn);
  const graph = extractGraph(book, name);
  return (q: string) => selectAnswer(book, graph, q, questionShape(q));
}

const pets = business('Wagtail Pet Care', [
  {
    heading: 'Grooming prices',
    lines: [
      'Service: Nail trim; Price: $16',
      'Service: Full groom, small dogs; Price: $48',
      'Service: Flea bath, dogs; Price: $27',
      'Service: Puppy introduction groom; Price: $30',
    ],
  },
  {
    heading: 'Pet sitting',
    lines: [
      'Dog walking is $21 per hour. Home visits for cats cost $14 each. Meet-and-greet visits are free.',
    ],
  },
]);

const heating = business('Northgate Heating and Cooling', [
  {
    heading: 'Prices',
    lines: [
      'Annual heat pump service: 139 dollars.',
      'Air conditioning repair visit: 95 dollars.',
      'Labour: 84 dollars per hour.',
      'Duct cleaning: from 210 dollars.',
    ],
  },
]);

t.test('the asked item named in other words', { skip: !wn && 'wordnet-base not installed' }, async (t) => {
  const said = (sel: ReturnType<typeof pets>): string => `${sel.kind}: ${sel.sentences.join(' ')}`;
  // Kinds of the same thing: claws are nails, clipping is trimming.
  t.match(said(pets("What do you charge to clip my dog's claws?")), /^answer: .*\$16/, 'claws -> nail trim');
  // Hypernyms and synonyms: a terrier is a dog, little is small.
  t.match(
    said(pets('How much to have my little terrier groomed?')),
    /^answer: .*\$48/,
    'terrier -> small dogs',
  );
  // Morphology through WordNet: yearly is annual.
  t.match(
    said(heating("What's the price of a yearly heat pump check?")),
    /^answer: .*139/,
    'yearly -> annual',
  );
  // An abbreviation spelling the item's words.
  t.match(said(heating('How much is it to get my AC repaired?')), /^answer: .*95/, 'AC -> air conditioning');
  // The unit the caller asks in is the price's, not the item: "labour" is named by the hour.
  t.match(said(heating('What is your labour rate for each hour?')), /^answer: .*84/, 'each hour');
  t.match(said(pets('How much is a meet-and-greet visit?')), /^answer: .*free/, '"free" is a price');
});

t.test('an item not in the data is never answered with another price', async (t) => {
  for (const q of [
    'How much is a flea bath for my cat?', // dogs only: a cat is another kind
    'How much to have my cat spayed?',
    'How much is a boiler installation?',
    'How much do you charge for a bird cage clean?',
  ]) {
    const sel = q.includes('boiler') ? heating(q) : pets(q);
    t.not(sel.kind, 'answer', q);
    t.notMatch(sel.sentences.join(' '), /\$|dollars/, q);
  }
});

t.test('a price-list row is said as speech, not as its columns', async (t) => {
  t.equal(priceSpeech('Service: Standard consultation; Price: $65', '$65'), 'Standard consultation is $65.');
  t.equal(
    priceSpeech('Package: Hot buffet; Price per guest: £28', '£28'),
    'Hot buffet is £28 per guest.',
    'the unit of the price column is kept',
  );
  t.equal(
    priceSpeech('Service: Blow-dry only; Senior stylist: £30; Junior stylist: £22', '£22'),
    'Blow-dry only (junior stylist) is £22.',
    'a column that is not a price says whose price it is',
  );
  t.equal(priceSpeech('A night in a kennel costs $32.', '$32'), undefined, 'a sentence stays as written');
  const sel = pets('How much is a nail trim?');
  t.same(sel.sentences, ['Nail trim is $16.'], 'the answer reads the row as a sentence');
});
