import t from 'tap';
import { markdownBlocks } from '../blocks.js';
import { chunkBlocks, sentences } from '../chunk.js';
import { parseCsv } from '../csv.js';
import { extract, ExtractError } from '../extract.js';
import { sniff } from '../sniff.js';
import { terms } from '../tokenize.js';
import { fixture } from './helpers.js';

async function textOf(
  name: string,
): Promise<{ kind: string; text: string; chunks: { kind: string; text: string }[] }> {
  const bytes = fixture(name);
  const s = sniff(bytes, name);
  if (!s.ok) throw new Error(s.reason);
  const ex = await extract(s.kind, bytes);
  const chunks = chunkBlocks(ex.blocks);
  return { kind: s.kind, text: chunks.map((c) => c.text).join('\n'), chunks };
}

t.test('each fixture type is sniffed and extracted', async (t) => {
  const txt = await textOf('bella-napoli-faq.txt');
  t.equal(txt.kind, 'txt');
  t.match(txt.text, /Delivery costs 2\.50 euros/);
  t.equal(txt.chunks.filter((c) => c.kind === 'faq').length, 10, 'ten Q:/A: pairs, one chunk each');

  const csv = await textOf('bella-napoli-menu.csv');
  t.equal(csv.kind, 'csv');
  t.match(
    csv.text,
    /Code: PZ-101; Item: Margherita; Description: Tomato, fior di latte mozzarella, basil; Price \(EUR\): 9\.50/,
  );
  t.equal(csv.chunks.length, 1, 'a small table is one chunk');

  const html = await textOf('bella-napoli-about.html');
  t.equal(html.kind, 'html');
  t.match(html.text, /grandmother's dough recipe/, 'entities decoded');
  t.notMatch(html.text, /analytics|font-family|Home \| Menu/, 'script, style and nav dropped');
  t.match(
    html.text,
    /Day: Saturday and Sunday; Lunch: 11:30 - 15:00; Dinner: 17:30 - 22:30/,
    'table rows with headers',
  );

  const md = await textOf('northwind-policy.md');
  t.equal(md.kind, 'md');
  const fees = md.chunks.find((c) => c.kind === 'table');
  t.match(fees?.text ?? '', /^Fees\n/, 'a table chunk carries its section heading');
  t.match(fees?.text ?? '', /Treatment: Root canal \(molar\); Code: ND-330; Fee: \$980/);
  t.equal(fees?.text.split('\n').length, 7, 'the whole fee table in one chunk');

  const pdf = await textOf('northwind-services.pdf');
  t.equal(pdf.kind, 'pdf');
  t.match(pdf.text, /Monday to Thursday 8:00 to 18:00, Friday 8:00 to 14:00/);
  t.match(pdf.text, /Dr\. Omar Said \(orthodontics\)/);

  const docx = await textOf('northwind-aftercare.docx');
  t.equal(docx.kind, 'docx');
  const faq = docx.chunks.filter((c) => c.kind === 'faq');
  t.equal(faq.length, 4, 'question headings become FAQ pairs');
  t.match(faq[2]?.text ?? '', /^Q: Which painkillers can I take\?\nA: Take ibuprofen 400 mg/);
});

t.test('sniffing trusts bytes, not names', async (t) => {
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
  t.same(sniff(elf, 'prices.pdf').ok, false, 'a renamed executable is refused');
  t.same(
    sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'a.txt').ok,
    false,
    'PNG refused',
  );
  t.same(sniff(Buffer.from('PK\x03\x04 not a word file', 'latin1'), 'a.docx').ok, false);
  t.same(sniff(Buffer.alloc(0), 'a.txt').ok, false, 'empty refused');
  t.same(
    sniff(fixture('northwind-services.pdf'), 'services.txt'),
    { ok: true, kind: 'pdf' },
    'PDF named .txt',
  );
  t.same(sniff(fixture('northwind-aftercare.docx'), 'x.bin'), { ok: true, kind: 'docx' });
  t.same(sniff(fixture('bella-napoli-menu.csv'), 'upload'), { ok: true, kind: 'csv' }, 'CSV by shape');
  t.same(sniff(fixture('bella-napoli-about.html'), 'about.txt'), { ok: true, kind: 'html' }, 'HTML by tags');
  t.same(sniff(fixture('northwind-policy.md'), 'policy'), { ok: true, kind: 'md' }, 'Markdown by headings');
  t.same(
    sniff(Buffer.from('Just a note. Open at nine.'), 'n.csv'),
    { ok: true, kind: 'txt' },
    '.csv of prose is text',
  );
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('Hours: 9 to 5, Monday to Friday.', 'utf16le'),
  ]);
  t.same(sniff(utf16, 'a.txt'), { ok: true, kind: 'txt' }, 'UTF-16 text with BOM');
  t.same(
    sniff(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0xfd]), 'a.txt').ok,
    false,
    'invalid UTF-8 refused',
  );
});

t.test('broken files fail with a reason, never crash', async (t) => {
  await t.rejects(extract('pdf', Buffer.from('%PDF-1.7\n%garbage\n')), ExtractError);
  await t.rejects(
    extract('docx', Buffer.from('PK\x03\x04word/document.xml garbage', 'latin1')),
    ExtractError,
  );
  const ex = await extract('html', Buffer.from('<p>unclosed <b>tags <table><tr><td>a'));
  t.match(JSON.stringify(ex.blocks), /unclosed/);
});

t.test('RFC 4180 CSV', async (t) => {
  t.same(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n1,"multi\nline"\n'), [
    ['a', 'b'],
    ['x, y', 'say "hi"'],
    ['1', 'multi\nline'],
  ]);
  t.same(
    parseCsv('name;price\nCola;2,50\n'),
    [
      ['name', 'price'],
      ['Cola', '2,50'],
    ],
    'semicolon delimiter detected',
  );
  t.same(parseCsv('"unterminated,1\n2,3'), [['unterminated,1\n2,3']], 'unterminated quote does not throw');
});

t.test('tokenisation keeps product codes and numbers', async (t) => {
  const ts = terms('Is the XR-200 still 9.50 at 08:30? The A4.5 too.');
  for (const x of ['xr-200', 'xr', '200', 'xr200', '9.50', '08:30', 'a4.5']) t.ok(ts.includes(x), x);
  t.notOk(ts.includes('the'), 'stopwords dropped');
});

t.test('chunking: sizes, overlap, FAQ forms, tables split by rows', async (t) => {
  const long = Array.from(
    { length: 60 },
    (_, i) => `Sentence number ${i} talks about the widget warranty in detail.`,
  ).join(' ');
  const chunks = chunkBlocks([
    { kind: 'heading', level: 2, text: 'Warranty' },
    { kind: 'para', text: long },
  ]);
  t.ok(chunks.length >= 3, `${chunks.length} chunks`);
  for (const c of chunks) {
    const w = c.text.split(/\s+/).length;
    t.ok(w <= 260, `chunk of ${w} words within the limit`);
    t.match(c.text, /^Warranty\n/);
  }
  const first = chunks[0]!.text.split('\n')[1]!;
  const lastSentence = sentences(first).at(-1)!;
  t.ok(chunks[1]!.text.includes(lastSentence), 'the next chunk overlaps the previous one');

  const faq = chunkBlocks([
    { kind: 'para', text: 'Do you deliver on Sundays?' },
    { kind: 'para', text: 'Yes, from noon until 9 pm.' },
    { kind: 'para', text: 'Question: Is parking free?\nAnswer: Yes, for two hours.' },
  ]);
  t.same(
    faq.map((c) => [c.kind, c.text]),
    [
      ['faq', 'Q: Do you deliver on Sundays?\nA: Yes, from noon until 9 pm.'],
      ['faq', 'Q: Is parking free?\nA: Yes, for two hours.'],
    ],
  );

  const rows = [
    ['Code', 'Name', 'Price'],
    ...Array.from({ length: 100 }, (_, i) => [`XR-${i}`, `Part number ${i} for the big machine`, `${i}.99`]),
  ];
  const table = chunkBlocks([{ kind: 'table', rows }]);
  t.ok(table.length > 1, `a 100-row table is split (${table.length} chunks)`);
  t.ok(table.every((c) => c.kind === 'table'));
  t.equal(
    table.map((c) => c.text.split('\n').length).reduce((a, b) => a + b, 0),
    100,
    'every row exactly once',
  );
  t.ok(
    table.every((c) => c.text.split('\n').every((l) => /^Code: XR-\d+; Name: .*; Price: \d+\.99$/.test(l))),
    'rows whole, headers repeated',
  );

  const md = markdownBlocks('# Opening hours?\n\nWe open at 9.\n\nAnd close at 5.\n\n# Other\n\nText.');
  t.same(
    chunkBlocks(md.blocks).map((c) => c.kind),
    ['faq', 'text'],
    'a question heading collects its section',
  );
});

t.test('a table header may carry times in its labels; a first row of hours is still data', async (t) => {
  const fees = chunkBlocks([
    {
      kind: 'table',
      rows: [
        ['Room', 'Full day 7.30 am - 6.00 pm', 'Morning 7.30 am - 12.30 pm'],
        ['Seedlings (under 2)', '£72', '£42'],
        ['Saplings (2 to 3)', '£68', '£40'],
      ],
    },
  ]);
  t.match(
    fees[0]?.text ?? '',
    /Room: Saplings \(2 to 3\); Full day 7\.30 am - 6\.00 pm: £68; Morning 7\.30 am - 12\.30 pm: £40/,
  );
  const hours = chunkBlocks([
    {
      kind: 'table',
      rows: [
        ['Monday', '8:00 am - 7:00 pm'],
        ['Saturday', '9:00 am - 1:00 pm'],
      ],
    },
  ]);
  t.match(hours[0]?.text ?? '', /^Monday \| 8:00 am - 7:00 pm\nSaturday \| 9:00 am - 1:00 pm/);
});
