import t from 'tap';
import type { CompiledAgent } from '../compile.js';
import { priceItem } from '../graph/extract.js';
import { americanSpelling } from '../lexicon/spelling.js';
import { stem } from '../text.js';
import { agentFromDocument, checkedReply } from './checked-reply.js';

/**
 * British and American spellings of one word (lexicon/spelling.ts), and a price list line whose
 * label is the kind of work and whose priced thing is a fee named after it ("Other repairs:
 * shop labor rate $135 per hour"). Checked on two pages no suite uses: a British tyre and
 * exhaust centre asked in the spelling pocketsphinx's US dictionary writes, and an American
 * painting contractor asked in British spelling, read through the real extraction and chunking.
 */

const tyreCentre = `<!doctype html><html><head><title>Fenwick Tyre Centre</title></head><body>
<h1>Fenwick Tyre Centre</h1>
<p>Tyres, exhausts and batteries fitted while you wait, Unit 3, Station Road, Fenwick.</p>
<h2>Prices</h2>
<ul>
<li>Puncture repair: &pound;15 per tyre</li>
<li>Wheel balancing: &pound;10 per wheel</li>
<li>Exhaust fitting: labour charge &pound;45</li>
<li>Tyre disposal: &pound;3 per tyre</li>
</ul>
<p>Our waiting room has free wifi and a coffee machine. We take cheques from account customers only.</p>
</body></html>`;

const painter = `<!doctype html><html><head><title>Brightwall Painting</title></head><body>
<h1>Brightwall Painting</h1>
<p>Interior and exterior painting in Maple Falls.</p>
<h2>Price list (paint included unless noted)</h2>
<ul>
<li>Single room, walls only: $350</li>
<li>Color consultation: $75</li>
<li>Wallpaper removal, per room: $120</li>
<li>Other work: crew labor rate $65 per hour</li>
</ul>
<p>We organize the furniture moving and cover the floors before we start.</p>
</body></html>`;

// American repair companies' words ("installed", "stove") for a British caller's ("fitted",
// "cooker"): pairs WordNet does not link (lexicon/dialect.ts).
const doors = `<!doctype html><html><head><title>Northgate Doors</title></head><body>
<h1>Northgate Door Company</h1>
<p>Garage doors sold and repaired in Cedar Rapids.</p>
<h2>Prices</h2>
<ul>
<li>Motor replacement, installed: $425</li>
<li>Spring replacement: $180</li>
<li>Panel repair: $95 per panel</li>
</ul>
<p>We give free estimates for new doors at your home; call to book a visit.</p>
</body></html>`;

const appliances = `<!doctype html><html><head><title>Cedar Appliance Repair</title></head><body>
<h1>Cedar Appliance Repair</h1>
<h2>Prices</h2>
<ul>
<li>Stove repair, parts extra: $140</li>
<li>Dishwasher repair, parts extra: $110</li>
</ul>
</body></html>`;

// A fee sentence that goes on after the fee ("and call you with a written quote"): what follows the
// fee's own clause is no part of what the fee buys.
const bikes = `<!doctype html><html><head><title>Harbor Bike Works</title></head><body>
<h1>Harbor Bike Works</h1>
<h2>Prices</h2>
<p>If we can't see what's wrong straight away, we charge a $30 inspection fee and call you with a written quote before any work starts.</p>
<ul>
<li>Puncture repair: $15</li>
<li>Full service: $85</li>
</ul>
</body></html>`;

// An offer named "X deal": it is a deal on X, so a caller naming X and the usual service names it.
const bakery = `<!doctype html><html><head><title>Lark Street Bakery</title></head><body>
<h1>Lark Street Bakery</h1>
<h2>Prices</h2>
<ul>
<li>Cupcake or muffin, iced and boxed: $3.50</li>
<li>Celebration cake, serves 12: $45</li>
<li>Sourdough loaf: $7</li>
</ul>
<p>Cupcake deal: 12 cupcakes for $36 on our standard icing.</p>
</body></html>`;

let tyres: CompiledAgent;
let paint: CompiledAgent;
let door: CompiledAgent;
let kitchen: CompiledAgent;
let bike: CompiledAgent;
let bakes: CompiledAgent;

t.before(async () => {
  tyres = await agentFromDocument('html', tyreCentre, 'Fenwick Tyre Centre');
  paint = await agentFromDocument('html', painter, 'Brightwall Painting');
  door = await agentFromDocument('html', doors, 'Northgate Door Company');
  kitchen = await agentFromDocument('html', appliances, 'Cedar Appliance Repair');
  bike = await agentFromDocument('html', bikes, 'Harbor Bike Works');
  bakes = await agentFromDocument('html', bakery, 'Lark Street Bakery');
});

t.test('one stem for both spellings; words that only look alike keep theirs', async (t) => {
  for (const [gb, us] of [
    ['tyres', 'tires'],
    ['labour', 'labor'],
    ['colours', 'colors'],
    ['centre', 'center'],
    ['organised', 'organized'],
    ['travelling', 'traveling'],
    ['licence', 'license'],
    ['paediatric', 'pediatric'],
    ['jewellery', 'jewelry'],
    ['analyse', 'analyze'],
  ] as const)
    t.equal(stem(gb), stem(us), `${gb} = ${us}`);
  for (const w of [
    'four',
    'hour',
    'tour',
    'exercise',
    'promise',
    'acre',
    'cancellation',
    'greyhound',
    'realistic',
  ])
    t.equal(americanSpelling(w), w, `${w} is no British spelling`);
  t.not(stem('cheque'), stem('check'), 'a cheque is no eye check');
});

t.test("a British page asked in the recogniser's American spelling, and the other way round", async (t) => {
  const a = await checkedReply(tyres, 'How much is a tire puncture repair?');
  t.match(a, /£15/, a);
  const b = await checkedReply(tyres, "What's the labor charge to fit an exhaust?");
  t.match(b, /£45/, b);
  const c = await checkedReply(paint, 'How much is a colour consultation?');
  t.match(c, /\$75/, c);
});

t.test('a fee named after a label: the fee is the item, the label the kind of work', async (t) => {
  const line = 'Other work: crew labor rate $65 per hour';
  t.equal(priceItem(line, line.indexOf('$')), 'crew labor rate');
  const pizza = 'Margherita: tomato, mozzarella and basil, $12.50';
  t.equal(
    priceItem(pizza, pizza.indexOf('$')),
    'Margherita',
    'a description after the label: the label is the item',
  );
  const heels = 'Heel deal: 3 pairs of heels £20';
  t.equal(priceItem(heels, heels.indexOf('£')), 'Heel deal', 'no fee word: the label');
  const a = await checkedReply(paint, 'What do you charge per hour for labour?');
  t.match(a, /\$65/, a);
  t.notMatch(a, /\$75|\$350/, 'no other figure');
});

t.test('British and American words for one thing: fitted is installed, a cooker a stove', async (t) => {
  const a = await checkedReply(door, 'What would a motor replacement cost me, fitted?');
  t.match(a, /\$425/, a);
  t.notMatch(a, /\$180|\$95/, 'no other figure');
  const b = await checkedReply(kitchen, 'How much to repair a cooker?');
  t.match(b, /\$140/, b);
  const c = await checkedReply(door, 'How much is a spring replacement?');
  t.match(c, /\$180/, c);
  // A word the page does not use in any of its forms is still not in the data.
  const d = await checkedReply(kitchen, 'What do you charge to fix a hob?');
  t.match(d, /don't have/, d);
});

t.test("a fee's sentence going on past the fee: what follows is not what the fee includes", async (t) => {
  const a = await checkedReply(
    bike,
    "My bike makes a noise and I don't know what's wrong. Do you charge just to look before any work starts?",
  );
  t.match(a, /\$30/, a);
  t.notMatch(a, /\$15|\$85/, 'no other figure');
});

t.test('an offer is headed by what it offers: "cupcake deal" names cupcakes', async (t) => {
  const a = await checkedReply(bakes, 'What would twelve cupcakes iced and boxed come to?');
  t.match(a, /\$36/, a);
  t.notMatch(a, /\$45|\$7\b/, 'no other figure');
  // Still no price for an offer the page does not make.
  const b = await checkedReply(bakes, 'How much is the bundle of bread rolls?');
  t.match(b, /don't have/, b);
});
