import t from 'tap';
import { documentAsker } from './checked-reply.js';
import { priceSpeech } from '../answer-speech.js';

/**
 * "How much is an hour with a tutor on my own?": a tutor to oneself is a private session, the
 * page's "One-to-one sessions" (the caller had heard the honest fallback); and a list item said
 * as a sentence takes "are" when it is plural ("One-to-one sessions are £40 per hour", not "is").
 * A page no suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'txt',
  `Brightwell Tutors - Prices

Group sessions (up to 6 pupils): £22 per hour.
One-to-one sessions: £40 per hour.
GCSE intensive revision week (Easter holidays): £180.

Where are you?
Above the library at 3 Market Street, Elmbury EB2 4RS.
`,
  'Brightwell Tutors',
);

t.test('a tutor to oneself is a one-to-one session', async (t) => {
  const q = 'How much is an hour with a tutor on my own?';
  t.match(await ask(q), /One-to-one sessions are £40 per hour/, q);
  // Asked as yes or no, the line itself is said.
  const yes = 'Can I have a tutor all to myself?';
  t.match(await ask(yes), /One-to-one sessions: £40 per hour/, yes);
});

t.test('a plural list item takes "are"', async (t) => {
  t.equal(
    priceSpeech('Group sessions (up to 6 pupils): £22 per hour.', '£22'),
    'Group sessions (up to 6 pupils) are £22 per hour.',
  );
  t.equal(priceSpeech('Block of 4 sessions: $180', '$180'), 'Block of 4 sessions is $180.');
  t.equal(priceSpeech('Nail clipping: £8', '£8'), 'Nail clipping is £8.');
  t.equal(priceSpeech('Varifocal lenses: £120', '£120'), 'Varifocal lenses are £120.');
  t.equal(priceSpeech('Contact lens: £20', '£20'), 'Contact lens is £20.');
});
