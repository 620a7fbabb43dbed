import t from 'tap';
import type { CompiledAgent } from '../compile.js';
import { priceItem } from '../graph/extract.js';
import { askedUnit } from '../item-match.js';
import { idiomsIn } from '../lexicon/idioms.js';
import { questionShape } from '../question-type.js';
import { subjectWords } from '../question-subject.js';
import { normalize, stem, tokens } from '../text.js';
import { agentFromDocument, checkedReply } from './checked-reply.js';

/**
 * Failure classes found on the sixth pair of trades written blind (a dry cleaner's web page as a
 * site builder exports it, a self-storage company's e-mailed plain-text sheet; knowledge suite
 * tune-blind6.ts), checked here on a marina's plain-text sheet and a shoe repairer's web page
 * that no suite uses, read through the real extraction and chunking: columns lined up with
 * spaces (a table, not a run of words), a heading in capitals with a long note, a price column
 * named by a period ("per month", "a week") against a longer label ("per month, 12 months or
 * more"), "sq ft" said as "square foot", "shut" and "at night" in a closing-time question, a
 * clock time asked for ("how early"), rows laid out in divs (hours, cards), two alternatives
 * priced in one cell ("ladies / gents | £12.00 / £15.00"), "up to £200 per pair" naming no item,
 * "the lady/chap that ..." in who-questions, "on the day itself", and tailoring idioms.
 */

const marina = `MARSHGATE MARINA
Berth holder information sheet - 2027

Welcome aboard. This sheet has everything you need for your first season with us. Questions? Ring the office on 01632 960721.

Boat owners working on their boats can have 24-hour access to the boatyard for £15 a month.
Out of hours, at night or in an emergency, ring the duty manager on 01632 960722.

OFFICE HOURS
Monday to Friday      9am to 5pm
Saturday              10am to 4pm
Sunday                closed

GATE HOURS (with your fob, for berth holders and their guests)
Pontoons              every day, 5am to 11pm
Boatyard              every day, 8am to 6pm

BERTH PRICES
Boat              Length              Per week   Per month   Per month, 12 months or more
Small boat        up to 8 metres      £45.00     £160        £140
Medium boat       8 to 11 metres      £62.00     £215        £190
Large boat        over 11 metres      £80.00     £280        £245

Electricity is metered and billed monthly. Visitors pay the weekly price for stays of up to a month.

BOAT INSURANCE (we can arrange it; every boat must be insured)
  Value of boat          Per month
  up to £10,000          £18
  up to £25,000          £32
  more than £25,000      please ask us

PAYING AND LEAVING
- Berth fees are paid monthly in advance by direct debit.
- To leave, give us one month's notice in writing.

KIT LOCKERS
  Kit locker, 12 sq ft ............... £6.00 per week
  Paddleboard rack ................... £3.00 per week

OUR TEAM
Fiona Gray, berthing manager: allocates berths and deals with contracts. Come and see the pontoons any weekday and Fiona will help you choose.
Tom Reyes, yard foreman: lifts boats out, runs the boatyard and the crane.
`;

const cobbler = `<!doctype html><html><head><title>Hartley's Shoe Repairs</title></head><body>
<div class="topbar"><a href="/">Hartley's</a><a href="#prices">Prices</a><a href="#keys">Keys</a><a href="#find">Find us</a></div>
<h1>Hartley's Shoe Repairs &amp; Key Cutting</h1>
<div class="intro"><p>Shoes mended while you wait on Bridge Street since 1979. Ask for Dennis Hartley for anything to do with shoes and boots; his daughter Amy Hartley cuts keys and engraves.</p></div>
<h2>Shoe repairs</h2>
<table>
<tr><th>Job</th><th>Price</th></tr>
<tr><td>Heels, ladies / gents</td><td>&pound;12.00 / &pound;15.00</td></tr>
<tr><td>Full soles and heels</td><td>&pound;45.00</td></tr>
<tr><td>Boot zip replaced</td><td>&pound;28.00</td></tr>
</table>
<h2>Shoe cleaning</h2>
<table>
<tr><th>Item</th><th>Price</th></tr>
<tr><td>Shoes</td><td>&pound;8.00</td></tr>
<tr><td>Boots</td><td>&pound;11.00</td></tr>
</table>
<p>Heel deal: 3 pairs of heels for &pound;30 on our standard service. Wedding and party shoe dyeing is by appointment with Dennis, from &pound;40, and we give you a price when we see them. Wedding boot stretching is by appointment, from &pound;25.</p>
<h2>Key cutting</h2>
<div class="cards">
<div class="card"><div class="card-title">Standard door key</div><div class="card-body">Yale and most house keys, cut while you wait</div><div class="card-price">&pound;6</div></div>
<div class="card"><div class="card-title">Security key</div><div class="card-body">dimple and high-security keys, ready next day</div><div class="card-price">&pound;18</div></div>
</div>
<h2>Good to know</h2>
<p>If we damage your shoes we will pay their value, less wear, up to &pound;200 per pair. Shoes not collected after 60 days are given to charity.</p>
<h2>Opening hours</h2>
<div class="hours">
<div class="row"><span class="day">Monday to Friday</span><span class="time">8.30am &ndash; 5.30pm</span></div>
<div class="row"><span class="day">Saturday</span><span class="time">9am &ndash; 1pm</span></div>
<div class="row"><span class="day">Sunday</span><span class="time">Closed</span></div>
</div>
<div class="footer">Hartley's Shoe Repairs, 22 Bridge Street, Linfield LF3 2AB &middot; 01632 960833</div>
</body></html>
`;

let sheet: CompiledAgent;
let page: CompiledAgent;

t.before(async () => {
  sheet = await agentFromDocument('txt', marina, 'Marshgate Marina');
  page = await agentFromDocument('html', cobbler, "Hartley's Shoe Repairs");
});

t.test('columns lined up with spaces: the column a period names', async (t) => {
  const a = await checkedReply(sheet, 'How much is a berth for a small boat per month?');
  t.match(a, /£160/, a);
  t.notMatch(a, /£140|£45/, `not the 12-month or the weekly price: ${a}`);
  const b = await checkedReply(sheet, "What's a medium boat berth a week?");
  t.match(b, /£62/, b);
  t.notMatch(b, /£215|£190/, b);
  t.equal(
    questionShape("What's a medium boat berth a week?").type,
    'price',
    '"what is X a week" asks a price',
  );
  t.equal(askedUnit("what's that a week?"), 'week');
  t.equal(askedUnit('how much is it for a week?'), undefined, 'for a week is a length of stay, not a unit');
});

t.test('a row of a lined-up table answers a closing or opening time', async (t) => {
  const a = await checkedReply(sheet, 'What time does the boatyard gate shut?');
  t.match(a, /6 ?pm/, a);
  t.notMatch(a, /11 ?pm|5 ?pm/, a);
  const b = await checkedReply(sheet, 'What time does the pontoon gate shut at night?');
  t.match(b, /11 ?pm/, `"at night" is when it shuts, not out of hours: ${b}`);
  const c = await checkedReply(sheet, 'How early in the morning can I get in to the boatyard?');
  t.match(c, /8 ?am/, `a time of day, not "24-hour access": ${c}`);
  t.notOk(
    subjectWords(
      (sheet as unknown as { book: never }).book,
      'What time does the gate shut?',
      questionShape('What time does the gate shut?'),
    ).subject.some((w) => w.surface === 'shut'),
    '"shut" asks the closing time, as "close" does',
  );
  const words = (q: string): string[] =>
    subjectWords((sheet as unknown as { book: never }).book, q, questionShape(q)).subject.map(
      (w) => w.surface,
    );
  t.notOk(
    words('What time does the pontoon gate shut at night?').some((w) => /night/.test(w)),
    '"at night" is when the asked time falls',
  );
  t.ok(
    words('Who do I ring at night if my boat is taking on water?').some((w) => /night/.test(w)),
    'but a call at night is out of hours',
  );
});

t.test('"sq ft" is what a caller says as square foot or feet', async (t) => {
  t.equal(stem('ft'), stem('feet'));
  t.equal(stem('sq'), stem('square'));
  const a = await checkedReply(sheet, 'How much is a twelve square foot kit locker?');
  t.match(a, /£6/, a);
});

t.test('who-questions: "the chap that", "the lady who" describe the answer, not the job', async (t) => {
  const a = await checkedReply(sheet, "Who's the chap that lifts the boats out?");
  t.match(a, /Tom Reyes/, a);
  const shape = questionShape("Who's the woman that cuts keys?");
  const words = subjectWords(
    (page as unknown as { book: never }).book,
    "Who's the woman that cuts keys?",
    shape,
  );
  t.notOk(
    words.subject.some((w) => w.surface === 'woman'),
    'woman is not a subject word of a who-question',
  );
  const b = await checkedReply(page, "Who's the woman that cuts keys?");
  t.match(b, /Amy Hartley/, b);
  t.ok(
    !subjectWords(
      (sheet as unknown as { book: never }).book,
      'Who runs the boatyard on the day itself?',
    ).subject.some((w) => w.surface === 'itself'),
    '"itself" only stresses',
  );
});

t.test('rows laid out in divs: hours and cards are rows, a bar of links is not', async (t) => {
  const a = await checkedReply(page, 'What time do you close on a Saturday?');
  t.match(a, /1 ?pm/, a);
  t.notMatch(a, /Saturday9/, a);
  const b = await checkedReply(page, 'How much is a security key?');
  t.match(b, /£18/, b);
  t.notMatch(b, /\|/, `a row is said as a sentence: ${b}`);
  t.notMatch(b, /£6\b/, b);
});

t.test('two alternatives priced in one cell are two items', async (t) => {
  const a = await checkedReply(page, 'How much for new heels on gents shoes?');
  t.match(a, /£15/, a);
  t.notMatch(a, /£12/, a);
  const b = await checkedReply(page, 'How much are ladies heels?');
  t.match(b, /£12/, b);
  t.notMatch(b, /£15/, b);
});

t.test('a limit per unit names no item', async (t) => {
  const s = 'If we damage your shoes we will pay their value, less wear, up to £200 per pair.';
  t.equal(priceItem(s, s.indexOf('£200')), '', 'not "up to", not "pair"');
});

t.test('tailoring idioms', async (t) => {
  const means = (q: string): string[] => idiomsIn(tokens(normalize(q))).flatMap((m) => [...m.means]);
  t.ok(means('How much to have a pair of trousers taken up?').includes('shortened'), 'taken up = shortened');
  t.notOk(means('It will take up a lot of room').includes('shortened'), 'take up room is not a hem');
  t.ok(means('Who does the sewing?').includes('tailor'), 'the sewing = the tailor');
  t.ok(means('What would five shirts washed and ironed come to?').includes('pressed'), 'ironed = pressed');
  t.ok(
    means('Do you pick things up from people’s houses?').includes('collect'),
    'pick up from houses = collect',
  );
});

t.test(
  'a price by the value of the goods: the band that holds what the caller says they are worth',
  async (t) => {
    const a = await checkedReply(
      sheet,
      "How much would it be to cover my boat if it's worth about fifteen thousand pounds?",
    );
    t.match(a, /£32/, a);
    t.notMatch(a, /£18\b/, `not the band below: ${a}`);
    const b = await checkedReply(sheet, 'How much is boat insurance for a boat worth £8,000?');
    t.match(b, /£18\b/, b);
    // A berth asked with the boat's value is no insurance question.
    const c = await checkedReply(sheet, 'How much is a jet ski worth 5000 pounds to moor?');
    t.notMatch(c, /£18|£32/, c);
    t.notMatch(c, /5000|5,000/, `the caller's own sum is not repeated as if it were ours: ${c}`);
  },
);

t.test("a plain-text list's bullets are not said", async (t) => {
  const a = await checkedReply(sheet, 'How much notice do I have to give if I want to leave?');
  t.match(a, /one month's notice/, a);
  t.notMatch(a, /(?:^|\s)-\s/, a);
});

t.test("callers' words for insurance and for leaving", async (t) => {
  const means = (q: string): string[] => idiomsIn(tokens(normalize(q))).flatMap((m) => [...m.means]);
  t.ok(means('How much to protect my stuff?').includes('insurance'), 'protect my stuff = insurance');
  t.ok(
    means('If I want to move my stuff out, how much warning?').includes('leave'),
    'move my stuff out = leave',
  );
});

t.test('a deal for a number of items, and the total a caller asks for', async (t) => {
  const a = await checkedReply(page, 'How much for three pairs of heels?');
  t.match(a, /£30/, `the number the caller says is in the deal's sentence: ${a}`);
  t.equal(
    questionShape('What would three pairs of heels come to?').type,
    'price',
    '"what would X come to" asks a price',
  );
  const b = await checkedReply(page, 'What would three pairs of heels come to?');
  t.match(b, /£30/, b);
});

t.test(
  "a price said in prose after its cue is the sentence subject's; a short name does not win it",
  async (t) => {
    const s =
      'Wedding and party shoe dyeing is by appointment with Dennis, from £40, and we give you a price when we see them.';
    t.equal(priceItem(s, s.indexOf('£40')), 'Wedding and party shoe dyeing');
    const a = await checkedReply(
      page,
      'My wedding shoes need dyeing to match the dress, what would that cost?',
    );
    t.notMatch(a, /£8\b/, `not the cleaning of shoes: ${a}`);
    t.match(a, /£40|Which one/, a);
    // "Boots" (cleaning) scores just over "wedding boot stretching" on its short name alone.
    const b = await checkedReply(
      page,
      'My wedding boots are a bit tight before the big day, what would that cost?',
    );
    t.notMatch(b, /£11\b/, `not the boot cleaning price by a whisker: ${b}`);
    t.match(b, /£25|Which one/, b);
  },
);

t.test('a greeting before the question does not change its type; "show me round" is a viewing', async (t) => {
  t.equal(questionShape('Hi, who do I speak to about my contract?').type, 'who');
  t.equal(questionShape("Hello there, um, where's the boatyard?").type, 'where');
  t.equal(questionShape('Hello').type, 'what', 'a greeting alone asks nothing');
  const a = await checkedReply(sheet, "Hello, who'd be the one to show me round before I choose a berth?");
  t.match(a, /Fiona Gray/, a);
});
