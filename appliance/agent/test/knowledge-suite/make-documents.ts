/**
 * Writes the knowledge suite's binary documents (run once; the outputs are committed):
 *   documents/crestline-plumbing.pdf   a two-page PDF 1.4 (Flate content streams, Helvetica)
 *   documents/olive-thyme-bistro.docx  a Word document (headings, a table, paragraphs)
 * Both are read back by the appliance's own extractors (pdf.js, mammoth) in the suite's test.
 *
 *   npx tsx appliance/agent/test/knowledge-suite/make-documents.ts
 *
 * The writers are minimal but valid: a PDF with a correct xref table, a ZIP with deflated
 * entries, CRC-32 and a central directory. No third-party tool is needed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';

const outDir = path.join(import.meta.dirname, 'documents');

// ---------------------------------------------------------------- PDF

/** The Crestline Plumbing & Heating services brochure, line by line ('' = blank line, '#' = heading). */
const crestline: string[] = [
  '# Crestline Plumbing & Heating',
  'Licensed and insured plumbing, heating and cooling for homes in Fairview since 2006.',
  'State contractor license PL-20417.',
  '',
  '# Office and service area',
  'Office: Unit 7, 1550 Industrial Parkway, Fairview. Customer parking is in front of the unit.',
  'We serve Fairview, Oak Hill and Brookside, and homes within 25 miles of our office.',
  'Office hours: weekdays 7.30 to 17.30, Saturdays 8.00 to 12.00. Closed Sundays.',
  'Office phone 555-0172. Email service@crestline.example.',
  '',
  '# 24-hour emergency service',
  'Burst pipe, flooding, no heat in winter or a sewer backup? Our emergency line 555-0180',
  'is answered 24 hours a day, every day of the year, and a technician is sent out right away.',
  'If you smell gas: leave the building first, do not use light switches, and call the gas',
  'company emergency line at 1-800-555-0111. Then call us.',
  '',
  '# Prices',
  'Diagnostic visit: 89 dollars (waived if you go ahead with the repair).',
  'Labor: 110 dollars per hour after the first hour.',
  'Emergency call-out outside office hours: 185 dollars.',
  'Annual furnace or boiler service: 149 dollars.',
  'Air conditioning tune-up: 119 dollars.',
  'Water heater flush: 95 dollars.',
  'Drain cleaning: from 129 dollars.',
  'Tankless water heater installed: from 2,400 dollars.',
  'Estimates for a new furnace, boiler or air conditioner are free.',
  'Seniors over 65 get a 10 percent discount on labor.',
  '',
  '# Our team',
  'Mike Hendricks, owner and master plumber, has 30 years of experience.',
  'Sandra Ortiz, office manager, schedules visits and handles billing.',
  'Dev Patel, lead HVAC technician, is certified to install and repair heat pumps.',
  '',
  '# Brands and systems',
  'We install and service Carrier, Lennox, Rheem and Navien equipment.',
  'We work on gas and electric furnaces, boilers, heat pumps, and water heaters.',
  'We do not work on oil-fired systems.',
  '',
  '# Warranty',
  'All our workmanship is guaranteed for 1 year. Parts carry the manufacturer warranty,',
  'usually 5 to 10 years.',
  '',
  '# Paying for your work',
  'We take cash, checks and all major credit cards. Payment is due when the job is done.',
  'Financing: installations over 1,500 dollars can be paid over 12 months with no interest,',
  'through our partner GreenSky. Ask Sandra for an application.',
  '',
  '# Before we arrive',
  'Please clear the area around the equipment and keep pets in another room.',
  'Our technicians wear shoe covers and clean up after every job.',
];

const pdfEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');

function pageStream(lines: string[]): string {
  const ops = ['BT', '/F1 11 Tf', '15 TL', '56 790 Td'];
  for (const l of lines) {
    if (l.startsWith('# ')) ops.push('/F2 13 Tf', `(${pdfEscape(l.slice(2))}) Tj T*`, '/F1 11 Tf');
    else ops.push(l ? `(${pdfEscape(l)}) Tj T*` : 'T*');
  }
  ops.push('ET');
  return ops.join('\n');
}

function writePdf(lines: string[], perPage: number): Buffer {
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
  // Objects: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, then per page (page, contents).
  const objects: Buffer[] = [];
  const kids = pages.map((_p, i) => `${5 + 2 * i} 0 R`).join(' ');
  objects.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  objects.push(Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`));
  objects.push(
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
  );
  objects.push(
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'),
  );
  pages.forEach((p, i) => {
    objects.push(
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ` +
          `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${6 + 2 * i} 0 R >>`,
      ),
    );
    const z = deflateSync(Buffer.from(pageStream(p), 'latin1'));
    objects.push(
      Buffer.concat([
        Buffer.from(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`),
        z,
        Buffer.from('\nendstream'),
      ]),
    );
  });
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((o, i) => {
    offsets.push(at);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(b);
    at += b.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info << /Title (Crestline Plumbing & Heating) >> >>`,
    'startxref',
    String(at),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------- DOCX

type Block = { h1: string } | { h2: string } | { p: string } | { table: string[][] };

/** Olive & Thyme Bistro: the information pack a restaurant would hand out. */
const bistro: Block[] = [
  { h1: 'Olive & Thyme Bistro' },
  {
    p: 'Seasonal Mediterranean cooking in the heart of Ashford. Restaurant, private dining and event catering.',
  },
  { h2: 'Finding us' },
  {
    p: 'Olive & Thyme Bistro, 38 Market Square, Ashford. The step-free entrance is on the Mill Street side of the building.',
  },
  {
    p: 'Parking: use the Market Square car park (pay and display), which is free after 6pm. There is no parking at the restaurant itself.',
  },
  { h2: 'Opening times' },
  {
    table: [
      ['', 'Lunch', 'Dinner'],
      ['Monday', 'closed', 'closed'],
      ['Tuesday to Thursday', '12 noon to 2.30pm', '5.30pm to 9.30pm'],
      ['Friday and Saturday', '12 noon to 2.30pm', '5.30pm to 10.30pm'],
      ['Sunday', 'Brunch 10am to 3pm', 'closed'],
    ],
  },
  { h2: 'Our people' },
  { p: 'Chef Marco Bellini is our owner and head chef; he changes the menu with the seasons.' },
  { p: 'Anna Kowalski is our events and catering manager. Every catering enquiry goes to Anna.' },
  { p: 'Jamie Fraser is our restaurant manager and looks after table bookings and feedback.' },
  { h2: 'Menus and prices' },
  { p: 'Set lunch menu: two courses for £18, three courses for £23.' },
  { p: 'Sunday bottomless brunch: £32 per person, with unlimited prosecco or juices for 90 minutes.' },
  { p: "Children's menu for under-12s: £8.50, including a drink and a scoop of ice cream." },
  { p: 'Bring your own wine: corkage is £12 per bottle.' },
  {
    p: 'A discretionary service charge of 12.5% is added to the bill for tables of 6 or more.',
  },
  { h2: 'Dietary needs' },
  {
    p: 'Every menu has vegetarian and vegan dishes, and most dishes can be made gluten-free. Our kitchen uses nuts, so we cannot guarantee that any dish is nut-free.',
  },
  { h2: 'Reservations' },
  {
    p: 'Book online or by phone on 01233 555 014. Groups of more than 8 are asked to pre-order from the set menu. We hold tables for 15 minutes after the booking time.',
  },
  { p: 'Dogs are welcome on the terrace but not inside the dining room.' },
  { h2: 'Private dining' },
  {
    p: 'The Vine Room seats up to 24 guests. On Fridays and Saturdays there is a minimum spend of £600.',
  },
  { h2: 'Catering' },
  { p: 'We cater weddings, birthdays and office events for a minimum of 20 guests.' },
  {
    table: [
      ['Package', 'Price per guest'],
      ['Canapé reception (6 canapés)', '£15'],
      ['Hot and cold buffet', '£28'],
      ['Three-course plated dinner', '£45'],
    ],
  },
  {
    p: 'Please book catering at least 14 days in advance. A 25% deposit confirms the date; it is refundable up to 7 days before the event.',
  },
  {
    p: 'Delivery is free within 15 miles of Ashford; further away we charge £1.50 per mile. Waiting staff can be hired at £20 per hour per server.',
  },
  { h2: 'Gift vouchers' },
  { p: 'Gift vouchers can be bought for any amount in the restaurant and are valid for 12 months.' },
];

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (s: string): string => `<w:r><w:t xml:space="preserve">${xmlEscape(s)}</w:t></w:r>`;
const para = (s: string, style?: string): string =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${run(s)}</w:p>`;

function documentXml(blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      if ('h1' in b) return para(b.h1, 'Heading1');
      if ('h2' in b) return para(b.h2, 'Heading2');
      if ('p' in b) return para(b.p);
      return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>' +
        b.table.map((row) => `<w:tr>${row.map((c) => `<w:tc>${para(c)}</w:tc>`).join('')}</w:tr>`).join('') +
        '</w:tbl>'
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${body}<w:sectPr/></w:body></w:document>`
  );
}

const stylesXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>' +
  '</w:styles>';

const contentTypes =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '</Types>';

const rootRels =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

const docRels =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

const crcTable = Array.from({ length: 256 }, (_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive (deflate, fixed DOS date 2026-01-01) of the given entries, in order. */
function writeZip(entries: { name: string; data: Buffer }[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  const dosTime = 0;
  const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const z = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(dosTime, 10);
    h.writeUInt16LE(dosDate, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(z.length, 18);
    h.writeUInt32LE(e.data.length, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    local.push(h, name, z);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt16LE(dosTime, 12);
    c.writeUInt16LE(dosDate, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(z.length, 20);
    c.writeUInt32LE(e.data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += h.length + name.length + z.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

writeFileSync(path.join(outDir, 'crestline-plumbing.pdf'), writePdf(crestline, 30));
writeFileSync(
  path.join(outDir, 'olive-thyme-bistro.docx'),
  writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
    { name: '_rels/.rels', data: Buffer.from(rootRels) },
    { name: 'word/document.xml', data: Buffer.from(documentXml(bistro)) },
    { name: 'word/_rels/document.xml.rels', data: Buffer.from(docRels) },
    { name: 'word/styles.xml', data: Buffer.from(stylesXml) },
  ]),
);
console.log(`wrote ${outDir}/crestline-plumbing.pdf and olive-thyme-bistro.docx`);
