import t from 'tap';
import { documentAsker } from './checked-reply.js';
import { documentBytes, suiteBusiness } from './knowledge-suite/businesses.js';

/**
 * A price question that names a thing and then describes it after a comma ("How much is the
 * solar panel wash, the clean that gets the dust off the panels on the roof?"): when the price
 * list has neither the name nor the described thing, the words of both together ("roof",
 * "clean") must not find another item's price (answer-select.ts `apposition`). Checked on a
 * window cleaner's price list that no suite uses, and on the valeting firm's sheet of the
 * suite's tune part, where the name's "protection" and the description's "front of the car"
 * together found the ceramic coating's £395. Both through the real extraction, as an upload is.
 */

const page = `# Clearpane Window Cleaning
Window cleaning for homes and shops around Hexley since 2011. Call 01632 960515.

## Prices
| Service | Price |
|---|---|
| Window clean, 3-bed semi, outside only | £18 |
| Conservatory roof clean | £45 |
| Gutter clearing and downpipe rinse | £60 |
| Fascia and soffit wash | £35 |

We use pure water poles, so no ladders against your frames.
`;

const ask = documentAsker('md', page, 'Clearpane Window Cleaning');

t.test('a thing named and described, neither in the price list: no other price', async (t) => {
  const a = await ask(
    'How much is the solar panel wash, the clean that gets the dust off the panels on the roof?',
  );
  t.notMatch(a, /£\d/, a);
  t.match(a, /don't have/, 'the honest fallback');
});

t.test('a thing named and described, in the price list: its price', async (t) => {
  const a = await ask('How much is the conservatory roof clean, the one on the back of the house?');
  t.match(a, /£45/, a);
});

t.test('the valeting sheet: paint protection film is not the ceramic coating', async (t) => {
  const valet = documentAsker('docx', documentBytes(suiteBusiness('valet')), 'Tidewell');
  const a = await valet(
    'How much is the paint protection film, the clear wrap that goes on the front of the car?',
  );
  t.notMatch(a, /£\d/, a);
  const b = await valet('How much is the ceramic coating, the one that lasts five years?');
  t.match(b, /£395/, b);
});
