import t from 'tap';
import { monthRangeWords, monthsIn } from '../months.js';
import { documentAsker } from './checked-reply.js';

/**
 * Hours that change with the time of year: a sentence dated by a range of months ("Between
 * October and March we close at 4.00 pm") answers a caller who names a month inside it or the
 * season it covers, and only such a caller; one who names another month hears the undated hours.
 * A month or a season is when, never a thing the documents lack. Checked on a kayak hire's web
 * page that no suite uses, through the real extraction as an upload is.
 */

const page = `<!doctype html><html><head><title>Harbour Kayak Hire</title></head><body>
<h1>Harbour Kayak Hire</h1>
<p>Sea kayaks and paddleboards for hire on the quay at Porthleven.</p>
<h2>Opening times</h2>
<p>We hire out boats every day from 9.00 am to 7.00 pm.</p>
<p>Between October and March we close at 4.00 pm, and we shut completely in January for repairs.</p>
<h2>Prices</h2>
<p>A single kayak is £20 for two hours. A paddleboard is £18 for two hours.</p>
<p>Clubs that paddle with us every week are invoiced at the end of the month, with 30 days to pay.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Harbour Kayak Hire');
const winter = /^Between October and March we close at 4\.00 pm/;
const everyDay = /^We hire out boats every day from 9\.00 am to 7\.00 pm/;

t.test('months inside a range, and the seasons it covers, as words', async (t) => {
  t.same(monthRangeWords('From November to February we finish at 4.00 pm.'), [
    'december',
    'january',
    'winter',
  ]);
  t.same(
    [...monthsIn('Between October and March we close early')].sort((a, b) => a - b),
    [0, 1, 2, 9, 10, 11],
    '"between ... and ..." is a range',
  );
  t.same(
    [...monthsIn('We close in October and March')].sort((a, b) => a - b),
    [2, 9],
    'two months, no range',
  );
  t.same(monthRangeWords('We close in October and March.'), [], 'months named alone add nothing');
});

t.test('a month or season inside the dated hours gets them', async (t) => {
  t.match(await ask('What time do you close in December?'), winter);
  t.match(await ask('How late are you open in the middle of winter?'), winter);
  t.match(await ask('Are you open in February?'), winter);
});

t.test('another time of year gets the undated hours, not the dated ones', async (t) => {
  // "July" is found as itself, never by WordNet's broader "month" (the clubs' invoices).
  t.match(await ask('What time do you close in July?'), everyDay);
  t.match(await ask('How late are you open in August?'), everyDay);
  t.match(await ask('How late are you open in the summer?'), everyDay, 'the season is no unknown thing');
  t.match(await ask('What are your opening hours?'), everyDay, '"every day" with clock times is the hours');
});
