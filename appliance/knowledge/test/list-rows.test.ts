import t from 'tap';
import { listRows, textBlocks } from '../blocks.js';
import { chunkBlocks } from '../chunk.js';
import { prng } from '../../../lib/index.js';

t.test('a price list with dot leaders under a label line: one row per line, with its label', async (t) => {
  const sheet = [
    'PRICES',
    'Manual lessons (Ford Fiesta):',
    '  1 hour ............ £38',
    '  2 hours ........... £74',
    'Automatic lessons:',
    '  1 hour ............ £42',
    '  2 hours ........... £82',
    '',
    'New pupil offer: your first two hours for £55.',
  ].join('\n');
  const chunks = chunkBlocks(textBlocks(sheet));
  const text = chunks.map((c) => c.text).join('\n');
  t.match(text, /Manual lessons \(Ford Fiesta\), 1 hour: £38\n/);
  t.match(text, /Manual lessons \(Ford Fiesta\), 2 hours: £74\n/);
  // The second list's rows read "2 hours" as well: without its label the line would repeat the
  // first list's and say the other price.
  t.match(text, /Automatic lessons, 2 hours: £82/);
  t.notMatch(text, /\.{3}/, 'no leader dots are left to read as sentence ends');
  t.notMatch(text, /^Manual lessons \(Ford Fiesta\):$/m, 'the label line is said with each row');
});

t.test('listRows: leaders of other kinds, rows without a label, and lines it leaves alone', async (t) => {
  t.same(listRows(['Wash & cut …… $25', 'Trim ___ $12']), ['Wash & cut: $25', 'Trim: $12']);
  t.same(
    listRows(['Opening hours:', 'We open at 9am.']),
    ['Opening hours:', 'We open at 9am.'],
    'a label with no rows stays',
  );
  t.same(listRows(['Call us... or write.']), ['Call us... or write.'], 'an ellipsis inside prose stays');
  t.same(listRows(['Prices:', 'Cut ...... $20']), ['Prices, Cut: $20']);
});

t.test('listRows never throws and never adds lines (random lines)', async (t) => {
  const rnd = prng(21);
  const pieces = ['Cut', 'Colour:', '....', '…', '___', ' $40', 'Label:', 'x', '.', ':', ' ', 'a b c'];
  for (let i = 0; i < 500; i++) {
    const lines = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () =>
      Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pieces[Math.floor(rnd() * pieces.length)]).join(
        '',
      ),
    );
    const out = listRows(lines);
    t.ok(out.length <= lines.length, `${JSON.stringify(lines)}`);
  }
});
