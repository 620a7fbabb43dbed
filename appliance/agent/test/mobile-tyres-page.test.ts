import t from 'tap';
import { agentFromDocument, documentAsker } from './checked-reply.js';
import { pricedItems } from '../graph/extract.js';

/**
 * A mobile tyre fitter's page written for this check (a trade no suite uses), read through the
 * real extraction, and what it showed: a tyre "for an 18 inch wheel" fell back (rows told apart
 * by a size band, "(up to 16 inch)", "(17 inch and above)", were not read by the caller's size);
 * "do you cover York?" fell back (the area was said as "anywhere in Leeds, Wakefield and
 * Bradford"); "when do I pay?" was told the vans' hours ("on the day, after the job is done" is
 * a when); "what time do you start in the morning?" was told the invoicing terms; "what's your
 * number?" was told the registration number line; "is the old tyre taken away?" missed the
 * disposal; "do you do wheel alignment?" was told a sentence about wheel nuts; "do you sell
 * tyres?" fell back on "sell"; "we run a Sunday service ... at an extra £20" priced "service from
 * 9am to 4pm at an extra".
 */

const page = `<html><body><h1>RoadReady Mobile Tyres</h1>
<p>We fit new tyres at your home or workplace, anywhere in Leeds, Wakefield and Bradford.</p>
<h2>Prices</h2>
<table>
<tr><th>Service</th><th>Price</th></tr>
<tr><td>Puncture repair</td><td>£25</td></tr>
<tr><td>Budget tyre, fitted (up to 16 inch)</td><td>£65</td></tr>
<tr><td>Premium tyre, fitted (up to 16 inch)</td><td>£110</td></tr>
<tr><td>Premium tyre, fitted (17 inch and above)</td><td>£150</td></tr>
<tr><td>Locking wheel nut removal</td><td>£30</td></tr>
</table>
<p>All prices include fitting, a new valve and disposal of your old tyre.</p>
<h2>When we work</h2>
<p>Our vans are out Monday to Saturday, 7am to 7pm. For emergencies we run a Sunday service from 9am to 4pm at an extra £20.</p>
<h2>How it works</h2>
<p>You don't need to be there as long as we can get to the car and you leave the locking wheel nut key out.</p>
<h2>Paying</h2>
<p>We take payment by card on the day, after the job is done. Business customers can open an account with 30-day invoicing.</p>
<h2>Contact</h2>
<p>Text or call Dean on 07700 900 314. Tell us your registration number and we will check which tyres fit your car.</p>
</body></html>`;
const ask = documentAsker('html', page, 'RoadReady Mobile Tyres');

t.test('a row by the size band that holds the caller’s size', async (t) => {
  t.equal(
    await ask('How much is a tyre for an 18 inch wheel?'),
    'Premium tyre, fitted (17 inch and above) is £150.',
  );
  t.equal(
    await ask('How much is a premium tyre for a 15 inch wheel?'),
    'Premium tyre, fitted (up to 16 inch) is £110.',
  );
  // Both rows hold 15 inches: both are said, not one picked.
  t.match(await ask('How much is a 15 inch tyre?'), /£65.*£110/);
  // No budget tyre comes in 18 inches: not the premium one's price.
  t.notMatch(await ask('How much is a budget tyre for an 18 inch wheel?'), /£150|£65/);
});

t.test('the area as a list; the business’s own hours, payment and number', async (t) => {
  t.match(await ask('Do you cover York?'), /anywhere in Leeds, Wakefield and Bradford/);
  t.match(await ask('When do I pay?'), /on the day, after the job is done/);
  t.match(await ask('What time do you start in the morning?'), /7am to 7pm/);
  t.match(await ask("What's your number?"), /07700 900 314/);
});

t.test('the old tyre, a thing not offered, an offering verb, a Sunday', async (t) => {
  const agent = await agentFromDocument('html', page, 'RoadReady Mobile Tyres');
  const items = pricedItems(agent.graph).map((i) => `${i.item} = ${i.amount}`);
  t.ok(items.includes('sunday service = £20'), items.join('; '));
  t.match(await ask('Is the old tyre taken away?'), /disposal of your old tyre/);
  t.match(await ask('Do you do wheel alignment?'), /don't have information about alignment/);
  t.match(await ask('Do you sell tyres?'), /We fit new tyres/);
});

t.test('the weekend is its days; a length said of every job is the asked job’s', async (t) => {
  // "Weekends" had reached no day ("do you work weekends?" was told the area), "dearer" asked
  // no price, and "how long does it take to change a tyre?" picked a sentence with no length.
  t.match(await ask('Do you work weekends?'), /Monday to Saturday.*Sunday service/);
  t.match(await ask('Is it dearer at weekends?'), /extra £20/);
  t.match(await ask('Is it more expensive at the weekend?'), /Sunday service .* extra £20/);
  t.match(await ask('Can you come on a weekday?'), /Monday to Saturday/);
  const timed = documentAsker(
    'html',
    page.replace('</body>', '<h2>How long</h2><p>Most jobs take about 30 minutes per tyre.</p></body>'),
    'RoadReady Mobile Tyres',
  );
  t.match(await timed('How long does it take to change a tyre?'), /about 30 minutes per tyre/);
});
