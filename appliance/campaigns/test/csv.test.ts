import t from 'tap';
import { normalizeNumber, parseNumberCsv, parseNumberList } from '../csv.js';

t.test('numbers are normalised to E.164 or digits; junk is refused', async (t) => {
  t.equal(normalizeNumber('+49 (30) 1234-5678'), '+493012345678');
  t.equal(normalizeNumber('0049 30 12345678'), '+493012345678', '00 is an international prefix');
  t.equal(normalizeNumber(' 030.1234.5678 '), '03012345678', 'national digits kept as digits');
  t.equal(normalizeNumber('201'), '201', 'a PBX extension');
  t.equal(normalizeNumber('12'), undefined, 'too short');
  t.equal(normalizeNumber('+1234567890123456'), undefined, 'over 15 digits');
  t.equal(normalizeNumber('+0301234567'), undefined, 'country codes never start with 0');
  t.equal(normalizeNumber('555-CALL-NOW'), undefined);
  t.equal(normalizeNumber('+1 555 0100 x12'), undefined, 'extensions are not dialable');
  t.equal(normalizeNumber(''), undefined);
  t.equal(normalizeNumber(' SIP:reception@pbx.example.com:5060 '), 'sip:reception@pbx.example.com:5060');
  t.equal(normalizeNumber('sip:201@10.0.0.5'), 'sip:201@10.0.0.5', 'a SIP address as written');
  t.equal(normalizeNumber('sip:a@b;transport=tcp'), undefined, 'no URI parameters');
  t.equal(normalizeNumber('sip:@host'), undefined, 'a user part is needed');
  t.equal(normalizeNumber('sip:a b@host'), undefined);
});

t.test('a CSV with a phone column, names, bad rows and repeats', async (t) => {
  const text = [
    '\ufeffName;Phone;Note', // BOM, semicolons, header in another order
    'Ann Lee;+1 415 555 0100;vip',
    '"Bob ""B"" Ray";+1 (415) 555-0101;',
    '',
    'Cy;not a number;',
    'Di;;',
    'Ann again;+14155550100;dupe',
    '"Eve\nMultiline";+14155550102;',
    'Fay;+1 415 555 0103',
  ].join('\r\n');
  const r = parseNumberCsv(text);
  t.same(
    r.entries.map((e) => [e.line, e.number, e.name]),
    [
      [2, '+14155550100', 'Ann Lee'],
      [3, '+14155550101', 'Bob "B" Ray'],
      [8, '+14155550102', 'Eve\nMultiline'],
      [10, '+14155550103', 'Fay'],
    ],
    'numbers with the lines they were on (a quoted newline spans two lines)',
  );
  t.same(r.invalid, [
    { line: 5, value: 'not a number', reason: 'invalid-number' },
    { line: 6, value: '', reason: 'empty' },
  ]);
  t.equal(r.duplicates, 1);
});

t.test('no header: the first column is the number', async (t) => {
  const r = parseNumberCsv('+4930111111,Anna\n+4930222222,Ben\n');
  t.same(
    r.entries.map((e) => [e.line, e.number, e.name]),
    [
      [1, '+4930111111', null],
      [2, '+4930222222', null],
    ],
  );
  const h = parseNumberCsv('mobile\n0171 1234567\n');
  t.same(h.entries, [{ number: '01711234567', name: null, line: 2 }]);
  const bad = parseNumberCsv('12\n+4930111111\n');
  t.same(
    bad.invalid,
    [{ line: 1, value: '12', reason: 'invalid-number' }],
    'a short first row is data, not a header',
  );
});

t.test('the row limit is enforced', async (t) => {
  const rows = Array.from({ length: 11 }, (_, i) => `+49301000${String(i).padStart(4, '0')}`).join('\n');
  t.throws(() => parseNumberCsv(rows, 10), RangeError);
  t.equal(parseNumberCsv(rows, 11).entries.length, 11);
});

t.test('a JSON list: strings or {number, name}, lines are 1-based indexes', async (t) => {
  const r = parseNumberList(['+4930111111', { number: '+49 30 222222', name: 'Ben' }, 'x', '+4930111111']);
  t.same(r.entries, [
    { number: '+4930111111', name: null, line: 1 },
    { number: '+4930222222', name: 'Ben', line: 2 },
  ]);
  t.same(r.invalid, [{ line: 3, value: 'x', reason: 'invalid-number' }]);
  t.equal(r.duplicates, 1);
});
