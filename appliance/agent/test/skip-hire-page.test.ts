import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A skip hire's page written for this check (a trade no suite uses), read through the real
 * extraction, and what it showed: "how much is your smallest skip?" was the honest fallback
 * ("smallest" taken for a word of the item's name; the sizes are in the rows' brackets, "Mini skip
 * (2 yard)"), as the hot tub hire's "what's the biggest tub you've got?" had been; "who do I talk
 * to about an account?" of "Talk to Gary in the office about commercial accounts" was the fallback
 * (a first name no full name introduced is a person after "talk to"); "what time will you turn
 * up?" named "turn up" as the missing thing.
 */

const page = `<html><body><h1>Castle Skips</h1>
<h2>Skip sizes and prices</h2>
<table>
<tr><th>Skip</th><th>Holds roughly</th><th>Price (up to 14 days)</th></tr>
<tr><td>Mini skip (2 yard)</td><td>25 to 30 bin bags</td><td>£165</td></tr>
<tr><td>Midi skip (4 yard)</td><td>40 to 50 bin bags</td><td>£220</td></tr>
<tr><td>Builder's skip (6 yard)</td><td>60 to 70 bin bags</td><td>£265</td></tr>
<tr><td>Large builder's skip (8 yard)</td><td>80 to 90 bin bags</td><td>£310</td></tr>
</table>
<h2>Delivery</h2>
<p>We deliver Monday to Saturday between 7am and 5pm. We can't give exact times, but our driver will ring you 30 minutes before arriving.</p>
<h2>Booking</h2>
<p>Book by phone on 01603 555 812. Talk to Gary in the office about commercial accounts.</p>
</body></html>`;
const ask = documentAsker('html', page, 'Castle Skips');

t.test('the smallest and the biggest by the sizes the names give', async (t) => {
  t.match(await ask('How much is your smallest skip?'), /^Mini skip \(2 yard\)[^£]*£165\.$/);
  t.match(await ask("What's the biggest skip you do?"), /Large builder's skip \(8 yard\)[^£]*£310/);
  const tubs = documentAsker(
    'html',
    `<html><body><h1>Bubble Bay</h1><p>A 4-person inflatable hot tub is £150 for a weekend or £250 for a week. Our 6-person wooden tub is £220 for a weekend.</p></body></html>`,
    'Bubble Bay',
  );
  t.match(await tubs("What's the biggest tub you've got?"), /6-person wooden tub is £220/);
  t.match(await tubs('How much is your smallest hot tub?'), /4-person/);
});

t.test('a first name after "talk to" is whom to talk to', async (t) => {
  t.match(
    await ask('Who do I talk to about an account for my building firm?'),
    /^Talk to Gary in the office about commercial accounts\.$/,
  );
});

t.test('the driver turning up is the driver arriving', async (t) => {
  t.match(await ask('What time will you turn up?'), /ring you 30 minutes before arriving/);
});
