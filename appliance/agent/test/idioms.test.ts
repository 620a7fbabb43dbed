import t from 'tap';
import { selectAnswer } from '../answer-clauses.js';
import { subjectWords } from '../question-subject.js';
import { KnowledgeBook } from '../book.js';
import { extractGraph } from '../graph/extract.js';
import { callerIdioms, idiomsIn } from '../lexicon/idioms.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { questionShape } from '../question-type.js';
import { tokens } from '../text.js';

/**
 * The caller-idiom lexicon (lexicon/idioms.ts) on a trade none of the suites use: a pet-care
 * centre's own page. An idiom bridges only to words the documents use, never to a neighbour,
 * and adds nothing where the caller already said the documents' word.
 */

const chunks = [
  {
    documentId: 'p1',
    title: 'Pawsome Pet Care',
    text: 'Prices\nService: Overnight boarding; Price: $38 per night\nService: Full groom; Price: $55\nService: Nail clipping; Price: $12\nService: Microchipping; Price: $30',
  },
  {
    documentId: 'p1',
    title: 'Pawsome Pet Care',
    text: 'Our team\nOur head groomer is Dana Whitfield. Omar Haddad manages bookings and the diary.',
  },
  {
    documentId: 'p1',
    title: 'Pawsome Pet Care',
    text: 'Payment\nA deposit of $20 secures a boarding booking. We accept cash and cards.',
  },
];

const book = KnowledgeBook.build(chunks, sharedWordnet('/usr/share/wordnet'));
const graph = extractGraph(book, 'Pawsome Pet Care');
const ask = (q: string) => selectAnswer(book, graph, q, questionShape(q));
const said = (q: string): string => ask(q).sentences.join(' ');
const subjectOf = (q: string) => subjectWords(book, q, questionShape(q)).subject;

t.test('idiomsIn finds phrases as token spans', async (t) => {
  const words = tokens('How much do I put down to lock in the date?');
  const found = idiomsIn(words);
  t.ok(found.length >= 1);
  const first = found[0]!;
  t.equal(words.slice(first.first, first.last + 1).join(' '), first.text.trim());
  t.ok(first.means.includes('deposit'));
  t.same(idiomsIn(tokens('What are your opening hours?')), [], 'no idiom in a plain question');
  t.same(idiomsIn(tokens('When did the dentist open?')), [], '"dent" is not a word of "dentist"');
});

t.test('every entry matches at word boundaries and names some meaning', async (t) => {
  for (const i of callerIdioms) {
    t.ok(i.means.length > 0, i.when.source);
    t.ok(i.when.source.startsWith('\\b(?:') && i.when.source.endsWith(')\\b'), i.when.source);
  }
});

t.test('an idiom asks for the documents\u2019 words', async (t) => {
  const subject = subjectOf('How much do I put down to lock in the date?');
  t.ok(
    subject.some((q) => q.expansions.has('deposit')),
    'put down / lock in -> deposit',
  );
  t.match(said('How much do I put down to lock in the date?'), /\$20/);
  t.match(said('What does it cost to keep my dog with you overnight while we are away?'), /\$38/);
  t.match(said('How much to have my dog chipped?'), /\$30/);
});

t.test('roles read through idioms', async (t) => {
  t.match(said('Who looks after the appointments?'), /Omar Haddad/);
});

t.test('no meaning in the documents: the caller\u2019s words are read alone', async (t) => {
  const subject = subjectOf('How much is a pet passport?');
  t.notOk(
    subject.some((q) => q.surface.includes(' ')),
    'the passport idiom names nothing this business writes',
  );
  t.notMatch(said('How much is a pet passport?'), /\$\d/, 'no figure for what is not offered');
  t.notMatch(said('How much to fix a puncture?'), /\$\d/);
});

t.test('the documents\u2019 own word: the idiom adds nothing', async (t) => {
  const subject = subjectOf('How much is boarding?');
  t.same(
    subject.map((q) => q.surface),
    ['boarding'],
  );
});

/** Answers from a small page of one business (each text: a heading line, then its sentences). */
function pageAnswers(title: string, texts: readonly string[]): (q: string) => string {
  const page = KnowledgeBook.build(
    texts.map((text) => ({ documentId: 'x1', title, text })),
    sharedWordnet('/usr/share/wordnet'),
  );
  const g = extractGraph(page, title);
  return (q) => selectAnswer(page, g, q, questionShape(q)).sentences.join(' ');
}

t.test('pet-care idioms: a dog given a wash is its bath, a bitch in heat is in season', async (t) => {
  const answer = pageAnswers('Brookside Kennels', [
    'Extras\nA bath and brush before going home: $18. Nail trim: $10.',
    'Health rules\nWe cannot take dogs that are unwell or in season. Vaccinations must be up to date.',
  ]);
  t.match(answer('Can you give my dog a wash before I pick him up?'), /bath and brush/);
  t.match(answer('My dog is in heat, can she still stay?'), /in season/);
});

t.test('money back is the deposit back where the page says so', async (t) => {
  const answer = pageAnswers('Clay Corner Pottery', [
    'Booking\nA deposit of $15 holds your place on a course. Cancel more than 7 days before the first class and you get the deposit back.',
    'Courses\nSix-week wheel course: $180. Kiln firing is included.',
  ]);
  t.match(answer('If I can no longer come, do I get my money back?'), /deposit back/);
});
