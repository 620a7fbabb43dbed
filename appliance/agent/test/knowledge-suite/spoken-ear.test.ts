/**
 * How the spoken suite reads what the caller heard: a reply-window transcript becomes the agent
 * reply it matches (digits as written), or stays as heard when it matches none.
 */
import t from 'tap';
import { heardSentence } from './spoken.js';

t.test('a reply-window transcript is read as the agent reply it matches', async (t) => {
  const written = new Map([
    [
      'service standard consultation 15 minutes price 65 dollars',
      'Service: Standard consultation (15 minutes); Price: 65 dollars',
    ],
    [
      "sorry i didn't catch that could you say it again",
      "Sorry, I didn't catch that. Could you say it again?",
    ],
  ]);
  t.equal(
    heardSentence('service standard consultation fifteen minutes price sixty five dollar', written),
    'Service: Standard consultation (15 minutes); Price: 65 dollars',
    'one misheard word: the reply it was',
  );
  t.equal(
    heardSentence('sorry i did catch that could you say it', written),
    "Sorry, I didn't catch that. Could you say it again?",
  );
  t.equal(heardSentence('we fairview five dollars', written), '', 'no close reply: nothing recognisable');
  t.equal(heardSentence('', written), '');
});
