import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "Can you just do the windows?" of "A full valet (wax, tyres and windows) is £60." and "Window
 * cleaning on its own is £10.": words a sentence has only inside a bracket are its aside (what
 * the valet includes), not what it is about; the line about the windows answers. A page no
 * suite uses, read through the real extraction.
 */

const ask = documentAsker(
  'txt',
  `Gleam Car Care - Questions and answers

What do you offer?
A full valet (wax, tyres and windows) is £60. Window cleaning on its own is £10 and takes twenty minutes.

Where are you?
Unit 5, Dock Road, Saltby.
`,
  'Gleam Car Care',
);

t.test('a bracket aside is not what its sentence is about', async (t) => {
  const q = 'Can you just do the windows?';
  const reply = await ask(q);
  t.match(reply, /Window cleaning on its own/, q);
  t.notMatch(reply, /full valet/, q);
});
