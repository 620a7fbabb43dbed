import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * Questions about what to do, answered by the page's instruction: "how do I go about booking?"
 * by "To book, call or text us ..." (an instruction after an infinitive of purpose; "go about"
 * is the way to do what follows, not a subject), "is there anything I should bring?" by "Please
 * bring ..." over a sentence that only allows it ("You're welcome to bring someone"). A page no
 * suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Marsh Lane Osteopaths</title></head><body>
<h1>Marsh Lane Osteopaths</h1>
<p>Osteopathy for back, neck and joint pain in Hollybridge since 2011.</p>
<h2>Booking</h2>
<p>You can start treatment before seeing your GP, but we will write to your GP if you would like us to.</p>
<p>To book, ring or text us on 01632 960544 with your name and a little about the problem, and we will offer you the first free time.</p>
<h2>Your first visit</h2>
<p>You're welcome to bring a friend or relative with you.</p>
<p>Please bring a list of any medicines you take and any letters from your hospital.</p>
<p>Wear something loose; we may ask you to take off some clothing so we can see how you move.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Marsh Lane Osteopaths');

t.test('how to do it: the page instruction', async (t) => {
  t.match(await ask('How do I go about booking?'), /ring or text us/);
  t.match(await ask('How do I book?'), /ring or text us/);
  t.match(await ask('Is there anything I should bring along?'), /list of any medicines/);
  t.match(await ask('What do we need to bring with us?'), /list of any medicines/);
  // Asked whether someone may come, the permission answers.
  t.match(await ask('Can I bring my daughter with me?'), /welcome to bring/);
});
