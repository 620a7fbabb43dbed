import t from 'tap';
import { addMonthsUtc, csvField, nextBoundary, prorateCents } from '../index.js';

t.test('calendar months anchored at the start', async (t) => {
  const jan31 = new Date('2026-01-31T09:30:00.000Z');
  t.equal(addMonthsUtc(jan31, 1).toISOString(), '2026-02-28T09:30:00.000Z');
  t.equal(addMonthsUtc(jan31, 2).toISOString(), '2026-03-31T09:30:00.000Z');
  t.equal(
    addMonthsUtc(new Date('2028-01-31T00:00:00Z'), 1).toISOString(),
    '2028-02-29T00:00:00.000Z',
    'leap year',
  );
  t.equal(addMonthsUtc(new Date('2026-12-15T00:00:00Z'), 1).toISOString(), '2027-01-15T00:00:00.000Z');
  t.equal(
    nextBoundary(jan31, new Date('2026-02-28T09:30:00.000Z')).toISOString(),
    '2026-03-31T09:30:00.000Z',
  );
  t.equal(nextBoundary(jan31, jan31).toISOString(), '2026-02-28T09:30:00.000Z');
  t.equal(nextBoundary(jan31, new Date('2027-06-01T00:00:00Z')).toISOString(), '2027-06-30T09:30:00.000Z');
});

t.test('pro-ration in integer cents', async (t) => {
  const s = new Date('2026-01-15T00:00:00Z');
  const e = new Date('2026-02-15T00:00:00Z');
  t.equal(prorateCents(2900, s, e, s), 2900, 'whole period');
  t.equal(prorateCents(2900, s, e, e), 0, 'nothing left');
  t.equal(prorateCents(2900, s, e, new Date('2026-03-01T00:00:00Z')), 0, 'after the end');
  t.equal(prorateCents(2900, s, e, new Date('2026-01-01T00:00:00Z')), 2900, 'before the start: capped');
  t.equal(prorateCents(2900, s, e, new Date('2026-01-25T00:00:00Z')), 1965, '21/31 of 2900 = 1964.52');
  t.equal(prorateCents(9900, s, e, new Date('2026-01-25T00:00:00Z')), 6706, '21/31 of 9900 = 6706.45');
  t.equal(prorateCents(0, s, e, s), 0);
  t.ok(Number.isInteger(prorateCents(49900, s, e, new Date('2026-01-20T13:17:11Z'))));
});

t.test('CSV fields are escaped', async (t) => {
  t.equal(csvField('plain'), 'plain');
  t.equal(csvField('a, b'), '"a, b"');
  t.equal(csvField('say "hi"'), '"say ""hi"""');
  t.equal(csvField('two\nlines'), '"two\nlines"');
  t.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`, 'formula injection neutralised');
  t.equal(csvField(-1965), '-1965', 'numbers stay numbers');
  t.equal(csvField(null), '');
});
