import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Can my kids jump on their own?", "can my son come without me?": whether a child may be there
 * unaccompanied, which a page says by supervision ("Under 16s must be supervised by an adult").
 * The caller's children are the page's young age group ("under 16s") whatever word it uses; the
 * phrase, not the child, is what leave is asked for (the caller had heard the kids' party line,
 * the price line "for adults and under 16s" or the fallback). A page no suite uses, read through
 * the real extraction.
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>Bounce Zone Trampoline Park</h1>
<p>Open jumping for all ages on 40 trampolines in Westford.</p>
<h2>Prices</h2>
<p>An hour of open jumping is £12 for adults and £9 for under 16s. Grip socks are £2.</p>
<h2>Kids parties</h2>
<p>Kids parties run on Saturdays and Sundays and include an hour of jumping and food.</p>
<h2>Safety</h2>
<p>Everyone must watch the safety briefing before jumping. Under 16s must be supervised by an adult at all times.</p>
<h2>Finding us</h2>
<p>Unit 9, Meadow Trading Estate, Westford WF3 8PL.</p>
</body></html>`,
  'Bounce Zone Trampoline Park',
);

t.test('whether a child may come unaccompanied is the supervision rule', async (t) => {
  for (const q of [
    'Can my kids jump on their own?',
    'Can my son come without me?',
    'Can I drop my daughter off and go?',
    'Can my son jump by himself?',
  ])
    t.match(await ask(q), /Under 16s must be supervised by an adult/, q);
});

t.test('the kids parties are still asked by their name', async (t) => {
  const q = 'When are the kids parties?';
  t.match(await ask(q), /Kids parties run on Saturdays and Sundays/, q);
});
