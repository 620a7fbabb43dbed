import t from 'tap';
import { selectAnswer } from '../answer-clauses.js';
import { checkAnswer } from '../answer-check.js';
import { KnowledgeBook, type SourceChunk } from '../book.js';
import { extractGraph } from '../graph/extract.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
import { questionShape } from '../question-type.js';

/**
 * Answers shaped by the document's structure and the question's kind (issue 21): a letterhead's
 * address is the business's own, a section's heading says what its sentences answer, a yes/no
 * question is answered with the polarity the document states. Trades none of the suites use.
 */

const wn = sharedWordnet('/usr/share/wordnet');

function agentOf(name: string, texts: string[]) {
  const chunks: SourceChunk[] = texts.map((text) => ({ documentId: 'd1', title: name, text }));
  const book = KnowledgeBook.build(chunks, wn);
  return { book, graph: extractGraph(book, name), businessName: name };
}

/** The reply as the caller hears it: selected, then checked ('' when it falls back). */
function reply(agent: ReturnType<typeof agentOf>, q: string): string {
  const sel = selectAnswer(agent.book, agent.graph, q, questionShape(q), questionShape);
  if (sel.kind !== 'answer') return '';
  const checked = checkAnswer(agent, q, sel.sentences);
  return checked.ok ? checked.sentences.join(' ') : '';
}

const florist = agentOf('Bloom Street Florist', [
  'Bloom Street Florist\nFresh flowers and wedding bouquets since 1998. 4410 Route 16, Ashby. Phone 555-0121.',
  'Deliveries\nOur partner Swift Couriers collects from their depot at 12 Mill Road. Ask them for a tracking number.',
  'Wedding flowers\nA bridal bouquet is $150. Buttonholes are $12 each.',
  'Things we do not do\nWe do not sell house plants or garden supplies.',
  'Late orders\nOutside opening hours, our night courier delivers from 6 pm to 10 pm on weekdays.',
  'Opening hours\nMonday to Thursday | 9:00 am – 5:00 pm\nFriday | 9:00 am – 7:00 pm\nSaturday | 10:00 am – 2:00 pm\nSunday | Closed',
  'Cancellations\nPlease give us at least 48 hours notice to cancel a wedding order. Orders cancelled later are charged a $30 fee.',
]);

t.test('where: the letterhead address is the business own, a numbered road is an address', async (t) => {
  t.match(reply(florist, "What's your address?"), /4410 Route 16/);
  t.match(reply(florist, 'Where are you located?'), /4410 Route 16/);
  t.notMatch(reply(florist, "What's your address?"), /Mill Road/, "the partner's depot is not ours");
});

t.test('where: "the shop" in a where-question is the business called', async (t) => {
  t.match(reply(florist, 'What is the address of the shop?'), /4410 Route 16/);
  t.match(reply(florist, 'Where is your shop?'), /4410 Route 16/);
});

t.test(
  'when: a timetable section is read whole, row by row, before a sentence that mentions it',
  async (t) => {
    for (const q of ['What are your opening hours?', 'When are you open?']) {
      const r = reply(florist, q);
      t.match(
        r,
        /^Monday to Thursday: 9:00 am – 5:00 pm\. Friday: 9:00 am – 7:00 pm\. Saturday: 10:00 am – 2:00 pm\. Sunday: Closed\.$/,
        q,
      );
    }
  },
);

t.test('a short section titled with what was asked is said whole: the rule and its penalty', async (t) => {
  const r = reply(florist, 'What happens if I cancel at short notice?');
  t.match(r, /48 hours notice/);
  t.match(r, /\$30 fee/);
});

const studio = agentOf('Lantern Tattoo Studio', [
  'Lantern Tattoo Studio\nCustom tattoos and piercing in Eastford since 2015.',
  'Mara Quinn\nStudio manager. Mara handles bookings, deposits and aftercare questions.',
  'Dr. Felix Hart\nConsultant dermatologist. Laser removal of old tattoos on Mondays.',
  'Our artists\nTheo Vance - senior artist. Fine line work, lettering and portraits.\nIris Cole - apprentice artist. Flash designs and small pieces.',
]);

t.test('who: a section titled with a name is about that person, said in full', async (t) => {
  t.match(reply(studio, 'Who is the studio manager?'), /Mara Quinn/);
  t.match(reply(studio, 'Who does laser removal?'), /Dr\. Felix Hart/);
});

t.test("who: a team list's line names the person of the line after it", async (t) => {
  t.match(reply(studio, 'Who does lettering?'), /^Theo Vance - senior artist\. Fine line work, lettering/);
  t.match(reply(studio, 'Who does flash designs?'), /Iris Cole/);
});

const caterer = agentOf('Copper Pot Catering', [
  'Copper Pot Catering\nParty food and buffets for offices and weddings.',
  'Booking\nA 30% deposit secures your event date; the rest is due a week before. Students get a 15 percent discount on buffets.',
  'Menus\nThe finger buffet is $18 per guest.',
]);

t.test('price: a share answers "how much" for what it is a share of, never for anything else', async (t) => {
  t.equal(reply(caterer, 'How much is the deposit?'), 'A 30% deposit secures your event date.');
  t.match(reply(caterer, 'How much discount do students get?'), /15 percent discount/);
  t.equal(reply(caterer, 'How much is the finger buffet?'), 'The finger buffet is $18 per guest.');
  t.equal(reply(caterer, 'How much is the delivery charge?'), '', 'no share of a delivery charge');
});

t.test('phone: the number for the asked purpose, else the business own, never another party', async (t) => {
  // The florist's letterhead has its number; the courier's is theirs.
  const courier = agentOf('Bloom Street Florist', [
    'We use cookies to improve your experience.',
    'Bloom Street Florist\nFresh flowers since 1998. 4410 Route 16, Ashby. Phone 555-0121.',
    'Deliveries\nFor a same-day courier, call our partner Swift Couriers on their line 555-0188.',
    'Our team\nNina Ross arranges wedding flowers and plans consultations.',
  ]);
  t.equal(reply(courier, "What's your phone number?"), 'Phone 555-0121.');
  t.equal(reply(courier, 'What number do I call to order a bouquet?'), 'Phone 555-0121.');
  t.match(reply(courier, 'What number do I call for a same-day courier?'), /555-0188/);
});
