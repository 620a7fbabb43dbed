import t from 'tap';
import { alignedParts } from '../aligned-table.js';
import { textBlocks } from '../blocks.js';
import { chunkBlocks } from '../chunk.js';
import { htmlBlocks } from '../extract.js';

t.test('columns lined up with spaces are a table; an empty cell stays under its column', async (t) => {
  const parts = alignedParts(
    [
      'UNIT PRICES',
      'Size              Per week   Per month',
      'Locker, 10 sq ft  £5.50      £22',
      '25 sq ft                     £39',
      'Prices include VAT.',
    ].join('\n'),
  );
  t.same(parts, [
    { kind: 'lines', lines: ['UNIT PRICES'] },
    {
      kind: 'table',
      rows: [
        ['Size', 'Per week', 'Per month'],
        ['Locker, 10 sq ft', '£5.50', '£22'],
        ['25 sq ft', '', '£39'],
      ],
    },
    { kind: 'lines', lines: ['Prices include VAT.'] },
  ]);
});

t.test('tabs line columns up at tab stops of 8', async (t) => {
  const parts = alignedParts('Monday\t\t9am to 5pm\nSaturday\t10am to 4pm');
  t.same(parts, [
    {
      kind: 'table',
      rows: [
        ['Monday', '9am to 5pm'],
        ['Saturday', '10am to 4pm'],
      ],
    },
  ]);
});

t.test('prose with two spaces after a full stop is no table', async (t) => {
  const text = 'We open at nine.  Parking is free.\nThe cafe is upstairs.  Dogs are welcome.';
  t.same(alignedParts(text), [{ kind: 'lines', lines: text.split('\n') }]);
  t.same(alignedParts('One line  with a gap'), [{ kind: 'lines', lines: ['One line  with a gap'] }]);
});

t.test(
  'a plain-text sheet: a long heading in capitals, a table with its header read by chunking',
  async (t) => {
    const sheet = [
      'GATE HOURS (with your fob, for berth holders and their guests)',
      'Pontoons              every day, 5am to 11pm',
      'Boatyard              every day, 8am to 6pm',
      '',
      'BERTH PRICES',
      'Boat              Length              Per week   Per month',
      'Small boat        up to 8 metres      £45.00     £160',
      'Large boat        over 11 metres      £80.00     £280',
    ].join('\n');
    const blocks = textBlocks(sheet);
    t.same(blocks[0], {
      kind: 'heading',
      level: 2,
      text: 'GATE HOURS (with your fob, for berth holders and their guests)',
    });
    const text = chunkBlocks(blocks)
      .map((c) => c.text)
      .join('\n');
    t.match(text, /Pontoons \| every day, 5am to 11pm/);
    // A header over a column of words ("Length") and columns of prices is still the header.
    t.match(text, /Boat: Small boat; Length: up to 8 metres; Per week: £45\.00; Per month: £160/);
  },
);

t.test('two alternatives priced in one cell become two rows', async (t) => {
  const text = chunkBlocks([
    {
      kind: 'table',
      rows: [
        ['Job', 'Price'],
        ['Skirt shortened, unlined / lined', '£14.00 / £18.00'],
        ['Zip replaced', '£14.00'],
      ],
    },
  ])
    .map((c) => c.text)
    .join('\n');
  t.match(text, /Job: Skirt shortened, unlined; Price: £14\.00/);
  t.match(text, /Job: Skirt shortened, lined; Price: £18\.00/);
  t.notMatch(text, /\//, 'no pair left');
});

t.test('rows laid out in divs are table rows; a bar of links and prose are not', async (t) => {
  const { blocks } = htmlBlocks(`<body>
    <div class="menu"><a href="/">Home</a><a href="/prices">Prices</a></div>
    <div class="hours">
      <div class="row"><span>Saturday</span><span>9am &ndash; 1pm</span></div>
      <div class="row"><span>Sunday</span><span>Closed</span></div>
    </div>
    <div class="card"><div class="t">Security key</div><div class="b">ready next day</div><div class="p">&pound;18</div></div>
    <p>We are <b>friendly</b> and <i>quick</i>.</p>
  </body>`);
  const tables = blocks.filter((b) => b.kind === 'table');
  t.same(
    tables.map((b) => (b.kind === 'table' ? b.rows : [])),
    [
      [
        ['Saturday', '9am – 1pm'],
        ['Sunday', 'Closed'],
      ],
      [['Security key', 'ready next day', '£18']],
    ],
  );
  const paras = blocks.filter((b) => b.kind === 'para').map((b) => (b.kind === 'para' ? b.text : ''));
  // (The menu of links is not among the tables above: it stays text.)
  t.ok(paras.includes('We are friendly and quick.'), 'a paragraph with inline tags is prose');
});

t.test(
  'property: any text splits into parts that keep every line, tables of two or more cells',
  async (t) => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'B', '1', '£', ' ', ' ', ' ', '\t', '.', ',', 'x', '  ', '   '];
    for (let k = 0; k < 300; k++) {
      const lines = Array.from({ length: 1 + rnd(6) }, () =>
        Array.from({ length: rnd(30) }, () => alphabet[rnd(alphabet.length)]).join(''),
      );
      const parts = alignedParts(lines.join('\n'));
      let count = 0;
      for (const p of parts) {
        if (p.kind === 'lines') count += p.lines.length;
        else {
          count += p.rows.length;
          if (!p.rows.every((r) => r.length >= 2 && r[0] !== ''))
            t.fail(`bad row in ${JSON.stringify(lines)}`);
        }
      }
      if (count !== lines.length) t.fail(`lines lost in ${JSON.stringify(lines)}`);
    }
    t.pass('300 random paragraphs');
  },
);

t.test(
  'a header of lengths over columns of amounts is the header; a row of clock times is data',
  async (t) => {
    const text = (rows: string[][]): string =>
      chunkBlocks([{ kind: 'table', rows }])
        .map((c) => c.text)
        .join('\n');
    const lengths = text([
      ['Treatment', '30 mins', '60 mins', '90 mins'],
      ['Deep tissue', '£35', '£60', '£85'],
      ['Hot stone', '', '£65', '£90'],
    ]);
    t.match(lengths, /Treatment: Deep tissue; 30 mins: £35; 60 mins: £60; 90 mins: £85/);
    t.match(lengths, /Treatment: Hot stone; 60 mins: £65; 90 mins: £90/);
    // Clock times over clock times: the first row is a day like the others, not labels.
    const hours = text([
      ['Monday', '9 am', '5 pm'],
      ['Tuesday', '9 am', '1 pm'],
    ]);
    t.match(hours, /Monday \| 9 am \| 5 pm/);
    // Figures with units over plain counts are data too: no amounts below them.
    const counts = text([
      ['Small van', '2 people', '3 hours'],
      ['Large van', '3 people', '5 hours'],
    ]);
    t.match(counts, /Small van \| 2 people \| 3 hours/);
  },
);
