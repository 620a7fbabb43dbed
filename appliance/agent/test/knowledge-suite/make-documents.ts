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

import { nursery, optician } from './blind3-documents.js';
import { removals } from './blind4-documents.js';
import { pest } from './blind5-documents.js';
import { swim, valet } from './blind7-documents.js';

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

/**
 * Kellerman Auto Repair: the price list and customer information sheet a garage prints for its
 * counter and puts on its website as a PDF. The prices are a three-column table.
 */
const kellerman: string[] = [
  '# Kellerman Auto Repair',
  'Family-owned auto repair and maintenance in Dalton since 1994. ASE certified technicians.',
  '2210 Route 9, Dalton. Phone 555-0163. www.kellermanauto.example',
  '',
  '# Shop hours',
  'Monday to Friday 7:30 am to 6:00 pm. Saturday 8:00 am to 2:00 pm. Sunday closed.',
  'Early drop-off: leave your keys in the drop box to the left of the office door, any time.',
  '',
  '# Price list (parts and labor included unless noted)',
  '| Service | Price | Time',
  '| Conventional oil change | $49 | 30 min',
  '| Full synthetic oil change | $79 | 30 min',
  '| Tire rotation | $25 | 20 min',
  '| Four-wheel alignment | $99 | 1 hr',
  '| State safety inspection | $35 | 30 min',
  '| Check engine light diagnostic | $120 | 1 hr',
  '| Brake pads, per axle | $189 | 1.5 hr',
  '| Brake pads and rotors, per axle | $399 | 2 hr',
  '| A/C recharge | $149 | 1 hr',
  '| Battery replacement, installed | from $180 | 30 min',
  '| Timing belt replacement | from $650 | 4-6 hr',
  'Other repairs: shop labor rate $135 per hour.',
  'The diagnostic fee is credited toward the repair if you have the work done here.',
  '',
  '# Our people',
  'Frank Kellerman, owner and ASE master technician. Frank does engine and transmission work.',
  'Rosa Delgado, service advisor. Rosa books appointments, writes estimates and answers questions.',
  'Kevin Tran, diagnostics and electrical specialist, and our hybrid vehicle technician.',
  '',
  '# Broken down?',
  'If you break down on the road, get yourself to a safe place, turn on your hazard lights,',
  'and call 911 if anyone is hurt or in danger. For a tow, call our partner Dalton Towing',
  'on their 24-hour line 555-0190. Their yard is at 88 Foundry Street; ask them to bring the',
  'car to us. Towing is free within 10 miles when we do the repair.',
  '',
  '# How we work',
  'You get a written estimate before we start. We call you before doing anything',
  'that would go over the estimate.',
  'Repairs are guaranteed for 24 months or 24,000 miles, parts and labor.',
  'Free courtesy car for repairs taking more than one day: please reserve it when booking.',
  'Free shuttle to home or work within 5 miles of the shop.',
  'Cars not collected within 3 days after we call you are charged storage of $20 per day.',
  'We accept cash and all major credit cards. We do not accept personal checks.',
  'We serve drivers from Dalton, Lenox Falls and Granby.',
  '',
  '# What we do not do',
  'We do not do body work, paint or windshield replacement.',
  'We do not work on motorcycles or on diesel trucks over one ton.',
];

const pdfEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');

/** Left edges of a price list's columns, points from the text's left margin ('| a | b | c' lines). */
const columnsPt = [0, 250, 380];

function pageStream(lines: string[]): string {
  const ops = ['BT', '/F1 11 Tf', '15 TL', '56 790 Td'];
  for (const l of lines) {
    if (l.startsWith('# ')) ops.push('/F2 13 Tf', `(${pdfEscape(l.slice(2))}) Tj T*`, '/F1 11 Tf');
    else if (l.startsWith('| ')) {
      // A table row: each cell drawn at its column's left edge (as office software lays out a
      // price list), then back to the margin for the next line.
      const cells = l.slice(2).split(' | ');
      let x = 0;
      cells.forEach((c, i) => {
        const to = columnsPt[i] ?? x + 100;
        ops.push(`${to - x} 0 Td (${pdfEscape(c)}) Tj`);
        x = to;
      });
      ops.push(`${-x} 0 Td T*`);
    } else ops.push(l ? `(${pdfEscape(l)}) Tj T*` : 'T*');
  }
  ops.push('ET');
  return ops.join('\n');
}

function writePdf(lines: string[], perPage: number, title: string): Buffer {
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
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info << /Title (${pdfEscape(title)}) >> >>`,
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

/** Hazel & Co Hair Studio: the salon's "welcome and price list" sheet, written in Word. */
const salon: Block[] = [
  { h1: 'Hazel & Co Hair Studio' },
  { p: 'Cuts, colour and styling for women, men and children in Wickham. Welcome to the salon!' },
  { h2: 'Where to find us' },
  {
    p: 'Hazel & Co, 5 Orchard Row, Wickham, above the bakery (entrance to the right of the bakery door, first floor, sorry, no lift).',
  },
  {
    p: 'There is no parking on Orchard Row. The Wickham Leisure Centre car park on Station Approach is free for the first 2 hours and is a 3 minute walk.',
  },
  { p: 'Call or text 01632 555 027, or book online any time.' },
  { h2: 'Opening times' },
  {
    table: [
      ['Day', 'Open'],
      ['Monday', 'Closed'],
      ['Tuesday and Wednesday', '9am to 5.30pm'],
      ['Thursday and Friday', '9am to 8pm'],
      ['Saturday', '8.30am to 4pm'],
      ['Sunday', 'Closed'],
    ],
  },
  { h2: 'The team' },
  { p: 'Hazel Morgan - owner and senior stylist. Hazel specialises in precision cutting and bridal hair.' },
  { p: 'Priya Shah - senior colourist. Balayage, highlights and colour corrections.' },
  { p: "Jordan Blake - stylist. Men's cuts, skin fades and beard trims." },
  { p: 'Ellie Stone - junior stylist, with lower prices (see the list).' },
  { h2: 'Price list' },
  {
    table: [
      ['Service', 'Senior stylist', 'Junior stylist'],
      ["Women's cut and blow-dry", '£52', '£36'],
      ['Blow-dry only', '£30', '£22'],
      ["Men's cut", '£28', '£20'],
      ['Beard trim', '£12', '£12'],
      ["Children's cut (under 12)", '£16', '£16'],
      ['Full head colour', 'from £75', '-'],
      ['Half head highlights', '£85', '-'],
      ['Full head highlights', '£110', '-'],
      ['Balayage', 'from £140', '-'],
      ['Keratin smoothing treatment', '£180', '-'],
      ['Bridal trial', '£65', '-'],
    ],
  },
  {
    p: 'Wedding morning hair for the bride from £120. We come to you for weddings within 20 miles of Wickham; the travel charge is £25.',
  },
  { h2: 'Before your colour' },
  {
    p: 'New colour clients need a free skin allergy patch test at least 48 hours before the appointment. Just pop in, it takes 5 minutes.',
  },
  {
    p: 'If you ever react to a colour (itching, burning or swelling of the scalp or face), rinse with plenty of cool water and call NHS 111. If your face or throat swells or you find it hard to breathe, call 999 straight away. Then let us know.',
  },
  { h2: 'Booking, deposits and cancellations' },
  {
    p: 'Colour appointments of 2 hours or more need a £20 deposit when you book, which comes off your bill.',
  },
  {
    p: 'Please give us 48 hours notice to cancel or move. With less notice the deposit is kept. If you are more than 15 minutes late we may have to rebook you.',
  },
  { p: 'We take cards and cash, not cheques. Gift vouchers are available at the desk.' },
  { h2: 'Things we do not do' },
  { p: 'We do not do hair extensions, hot towel shaves, nails or beauty treatments.' },
  { p: 'We sell Olaplex and Kevin Murphy products in the salon.' },
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

writeFileSync(
  path.join(outDir, 'crestline-plumbing.pdf'),
  writePdf(crestline, 30, 'Crestline Plumbing & Heating'),
);
/** A Word document of `blocks`: the five parts Word and mammoth need, zipped. */
const writeDocx = (blocks: Block[]): Buffer =>
  writeZip([
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
    { name: '_rels/.rels', data: Buffer.from(rootRels) },
    { name: 'word/document.xml', data: Buffer.from(documentXml(blocks)) },
    { name: 'word/_rels/document.xml.rels', data: Buffer.from(docRels) },
    { name: 'word/styles.xml', data: Buffer.from(stylesXml) },
  ]);

writeFileSync(path.join(outDir, 'olive-thyme-bistro.docx'), writeDocx(bistro));
writeFileSync(path.join(outDir, 'kellerman-auto.pdf'), writePdf(kellerman, 36, 'Kellerman Auto Repair'));
writeFileSync(path.join(outDir, 'hazel-co-salon.docx'), writeDocx(salon));
writeFileSync(path.join(outDir, 'clearview-opticians.pdf'), writePdf(optician, 46, 'Clearview Opticians'));
writeFileSync(path.join(outDir, 'little-acorns-nursery.docx'), writeDocx(nursery));
// The fourth blind set: 51 lines a page cuts the packing materials table after four rows.
writeFileSync(path.join(outDir, 'hilltop-removals.pdf'), writePdf(removals, 51, 'Hilltop Removals'));
// The fifth blind set: the pest control firm's Word sheet (its Markdown page is kept as written).
writeFileSync(path.join(outDir, 'kestrel-pest-control.docx'), writeDocx(pest));
// The seventh blind set: 52 lines a page cut the swimming school's timetable after six rows; the
// valeting firm's Word sheet.
writeFileSync(path.join(outDir, 'otterbrook-swim-school.pdf'), writePdf(swim, 52, 'Otterbrook Swim School'));
writeFileSync(path.join(outDir, 'tidewell-valeting.docx'), writeDocx(valet));
console.log(`wrote the PDF and DOCX documents to ${outDir}`);
