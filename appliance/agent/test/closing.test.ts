import t from 'tap';
import { closingOnly } from '../policy.js';

t.test('a closing on its own ends the call; "bye" inside other words does not', async (t) => {
  for (const s of [
    'bye',
    'goodbye',
    'thanks, bye',
    "no that's all, goodbye",
    "that's everything, thank you, bye",
    'ok great, goodbye then',
    'I have to go, bye',
    'have a nice day',
    'Bye Sofia',
  ])
    t.ok(closingOnly(s), `closing: ${s}`);
  for (const s of [
    'what sure what called tell on go bye',
    'bye the way what are your opening hours',
    'can I book a table before I say goodbye',
  ])
    t.notOk(closingOnly(s), `not only a closing: ${s}`);
});
