import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { chunkBlocks } from '../chunk.js';
import { layoutBlocks, type PdfItem } from '../extract-pdf.js';
import { extract } from '../extract.js';

/** One line of text items: [x, text] pairs on baseline y (Helvetica-ish widths: 0.5 em a char). */
const line = (y: number, cells: [number, string][], size = 11, font = 'F1'): PdfItem[] =>
  cells.map(([x, str]) => ({ str, x, y, width: str.length * size * 0.5, size, font }));

t.test('a price list drawn in columns is a table with its header; a larger line is a heading', async (t) => {
  const page = [
    ...line(790, [[56, 'Prices']], 13, 'F2'),
    ...line(775, [
      [56, 'Service'],
      [306, 'Price'],
      [436, 'Time'],
    ]),
    ...line(760, [
      [56, 'Oil change'],
      [306, '$49'],
      [436, '30 min'],
    ]),
    ...line(745, [
      [56, 'Wheel alignment'],
      [306, 'from $99'],
      [436, '1 hr'],
    ]),
    ...line(730, [[56, 'Other repairs: labor rate $135 per hour.']]),
  ];
  const blocks = layoutBlocks([page]);
  t.same(blocks[0], { kind: 'heading', level: 2, text: 'Prices' });
  t.same(blocks[1], {
    kind: 'table',
    rows: [
      ['Service', 'Price', 'Time'],
      ['Oil change', '$49', '30 min'],
      ['Wheel alignment', 'from $99', '1 hr'],
    ],
  });
  t.same(blocks[2], { kind: 'para', text: 'Other repairs: labor rate $135 per hour.' });
  const table = chunkBlocks(blocks).find((c) => c.kind === 'table');
  t.match(table?.text ?? '', /^Prices\nService: Oil change; Price: \$49; Time: 30 min\n/);
});

t.test('a sentence wrapped over lines is one sentence; a vertical gap starts a paragraph', async (t) => {
  const page = [
    ...line(790, [[56, 'Broken down?']], 13, 'F2'),
    ...line(775, [[56, 'If you break down, call our partner Dalton Towing']]),
    ...line(760, [[56, 'on their 24-hour line 555-0190. Towing is free.']]),
    ...line(745, [[56, 'We are open on Saturdays.']]),
    ...line(715, [[56, 'We do not work on motorcycles.']]),
  ];
  const blocks = layoutBlocks([page, line(790, [[300, '2']])]);
  t.same(blocks, [
    { kind: 'heading', level: 2, text: 'Broken down?' },
    {
      kind: 'para',
      text: 'If you break down, call our partner Dalton Towing on their 24-hour line 555-0190. Towing is free.\nWe are open on Saturdays.',
    },
    { kind: 'para', text: 'We do not work on motorcycles.' },
  ]);
  t.notOk(
    blocks.some((b) => b.kind !== 'table' && b.text === '2'),
    'a page number is not content',
  );
});

t.test('a title in a bold font at body size is a heading; a short body line is not', async (t) => {
  const page = [
    ...line(790, [[56, 'Opening times']], 11, 'Bold'),
    ...line(775, [[56, 'Monday to Friday 9 am to 5 pm.']]),
    ...line(760, [[56, 'Closed on Sundays.']]),
    ...line(745, [[56, 'Lunch is from noon to 2 pm, and we are open late on Thursdays.']]),
  ];
  const blocks = layoutBlocks([page]);
  t.same(blocks[0], { kind: 'heading', level: 2, text: 'Opening times' });
  t.equal(blocks.length, 2);
});

const suitePdf = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../agent/test/knowledge-suite/documents/kellerman-auto.pdf',
);

t.test(
  'through pdf.js: a real two-page PDF keeps its sections and its three-column price list',
  async (t) => {
    const ex = await extract('pdf', readFileSync(suitePdf));
    const headings = ex.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    t.same(headings.slice(0, 4), [
      'Kellerman Auto Repair',
      'Shop hours',
      'Price list (parts and labor included unless noted)',
      'Our people',
    ]);
    const chunks = chunkBlocks(ex.blocks);
    const prices = chunks.find((c) => c.kind === 'table')?.text ?? '';
    t.match(prices, /^Price list \(parts and labor included unless noted\)\n/);
    t.match(prices, /\nService: Check engine light diagnostic; Price: \$120; Time: 1 hr\n/);
    t.match(prices, /\nService: Battery replacement, installed; Price: from \$180; Time: 30 min\n/);
    const text = chunks.map((c) => c.text).join('\n');
    t.match(text, /call our partner Dalton Towing on their 24-hour line 555-0190\./, 'wrapped lines joined');
    t.match(text, /^How we work\nYou get a written estimate/m, 'a section goes on over the page break');
  },
);

t.test(
  'a table cut by a page break is one table; a wrapped line goes on with a figure or a postcode',
  async (t) => {
    const page1 = [
      ...line(790, [[56, 'Lenses (price for a pair, added to the frame)']], 13, 'F2'),
      ...line(775, [
        [56, 'Lens'],
        [306, 'Price'],
        [436, 'Notes'],
      ]),
      ...line(760, [
        [56, 'Varifocals'],
        [306, '£150'],
        [436, 'standard'],
      ]),
    ];
    const page2 = [
      ...line(790, [
        [56, 'Anti-glare coating'],
        [306, 'add £30'],
        [436, 'scratch-resistant'],
      ]),
      ...line(760, [[56, 'NHS sight tests are free for children under 16 and everyone aged']]),
      ...line(745, [[56, '60 and over. Go to the Royal Eye Hospital, Westgate Road, Ashford Vale']]),
      ...line(730, [[56, 'AV1 4RS, or call 999.']]),
      ...line(700, [[56, 'Opening hours']]),
      ...line(685, [[56, '9 am to 5 pm.']]),
    ];
    const blocks = layoutBlocks([page1, page2]);
    t.same(blocks[0], { kind: 'heading', level: 2, text: 'Lenses (price for a pair, added to the frame)' });
    t.same(blocks[1], {
      kind: 'table',
      rows: [
        ['Lens', 'Price', 'Notes'],
        ['Varifocals', '£150', 'standard'],
        ['Anti-glare coating', 'add £30', 'scratch-resistant'],
      ],
    });
    t.same(blocks[2], {
      kind: 'para',
      text: 'NHS sight tests are free for children under 16 and everyone aged 60 and over. Go to the Royal Eye Hospital, Westgate Road, Ashford Vale AV1 4RS, or call 999.',
    });
    // A short line is no wrapped sentence: "Opening hours" stays apart from the hours under it.
    t.same(blocks.slice(3), [
      { kind: 'heading', level: 2, text: 'Opening hours' },
      { kind: 'para', text: '9 am to 5 pm.' },
    ]);
    const table = chunkBlocks(blocks).find((c) => c.kind === 'table');
    t.match(
      table?.text ?? '',
      /Lens: Anti-glare coating; Price: add £30/,
      'the continued rows read with the header',
    );
  },
);
