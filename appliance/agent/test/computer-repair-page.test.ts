import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A computer-repair shop's page no suite uses, read through the real extraction, and what it
 * showed: a price list row longer than 40 characters ("New SSD fitted with your files copied
 * over: from £95") had been priced as the section ("Prices"); "We can collect your computer from
 * your home ... for £15 each way" had priced "from your home or office within 10 miles", so "how
 * much do you charge to collect it?" was "I don't have the price of collect"; "my laptop has a
 * virus, how much to fix it?" weighed the laptop and "fix" as the item's name (the trouble
 * names it: virus removal); "do you charge to look at it?" is the diagnostic check and a price
 * question; what the caller says back in a fallback is a name, never a bare verb or "off".
 */

const ask = documentAsker(
  'html',
  `<html><body><h1>ByteFix Computer Repairs</h1>
<h2>Prices</h2>
<ul>
<li>Diagnostic check: £25 (free if you go ahead with the repair)</li>
<li>Laptop screen replacement: from £89</li>
<li>Virus and malware removal: £60</li>
<li>New SSD fitted with your files copied over: from £95</li>
</ul>
<h2>Collection</h2>
<p>We can collect your computer from your home or office within 10 miles for £15 each way.</p>
<h2>Find us</h2>
<p>14 Stricklandgate, Kendal LA9 4ND. Phone 01539 555 884.</p>
</body></html>`,
  'ByteFix Computer Repairs',
);

t.test('a long row name is the item, and so is what is done in "we can collect ..."', async (t) => {
  t.match(await ask('How much is a new SSD?'), /£95/);
  t.match(await ask('How much do you charge to collect it?'), /£15 each way/);
});

t.test('the trouble names the item, not the caller\'s thing or "fix it"', async (t) => {
  t.match(await ask('My laptop has a virus, how much to fix it?'), /£60/);
  t.match(await ask("My laptop's got a cracked screen, how much to fix it?"), /£89/);
});

t.test('"do you charge to ...?" asks a price', async (t) => {
  t.match(await ask('Do you charge to look at it?'), /£25/);
  const setUp = await ask('Do you charge to set it up?');
  t.notMatch(setUp, /£/);
  t.match(setUp, /don't have/);
});

t.test('a fallback names a thing, a deed, or says "that"', async (t) => {
  t.match(await ask('How much do you charge to deliver it?'), /I don't have that price/);
  t.match(await ask('How much to build a gaming PC?'), /the price of building a gaming PC/);
  t.match(await ask('How much to fix my printer?'), /the price of fixing your printer/);
  t.notMatch(await ask('Can you get the music back off my old iPod?'), /about off/);
});
