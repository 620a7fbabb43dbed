import t from 'tap';
import { callerPairs } from '../price-check.js';
import { documentAsker } from './checked-reply.js';

/**
 * A caller asking the price of a kind of thing the page does not sell ("an engine flush" at a
 * garage that lists a coolant flush and a brake fluid flush) is told the price is not in the
 * information, not another kind's: to the caller that would be an invented fact. A page no suite
 * uses, read through the real extraction as an upload is.
 */

const page = `<!doctype html><html><head><title>Harrow Lane Garage</title></head><body>
<h1>Harrow Lane Garage</h1>
<p>Independent car servicing and repairs in Kettering since 1998.</p>
<h2>Prices</h2>
<ul>
<li>Coolant flush: £60</li>
<li>Brake fluid flush: £45</li>
<li>Full service: £180</li>
<li>Tyre fitting: £15 per tyre</li>
</ul>
<h2>Opening hours</h2>
<p>Monday to Friday 8am to 6pm, Saturday 8am to 1pm.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Harrow Lane Garage');

t.test('the caller says words in pairs', async (t) => {
  t.same(callerPairs('An engine flush?'), [
    ['an', 'engine'],
    ['engine', 'flush'],
  ]);
  t.same(callerPairs(''), []);
});

t.test('a kind the page does not list is not priced by another kind', async (t) => {
  for (const q of [
    'How much is an oil flush?',
    'What do you charge for an engine oil flush?',
    'How much would a transmission flush be?',
  ]) {
    const a = await ask(q);
    t.notMatch(a, /£(?:60|45)\b/, q);
    t.match(a, /don't have|not in/i, q);
  }
});

t.test('the kinds the page lists keep their prices', async (t) => {
  t.match(await ask('How much is a coolant flush?'), /£60\b/);
  t.match(await ask('What does a brake fluid flush cost?'), /£45\b/);
  t.match(await ask('How much to flush the coolant?'), /£60\b/);
  t.match(await ask('How much is a full service on my van?'), /£180\b/);
  t.match(await ask('How much do you charge to fit a tyre?'), /£15\b/);
});
