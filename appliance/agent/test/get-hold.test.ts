import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * "What's the best way to get hold of you?", "how can I contact you?" ask for the business's
 * number as "what's your phone number?" does; a page whose only number is in an instruction
 * ("To order, call 01632 960771 or email ...") gives it, though the sentence says neither "us"
 * nor "phone" (it was "Please bring your own ..." for "get hold of" and "I don't have information
 * about contact"). A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Honeycomb Cakes</title></head><body>
<h1>Honeycomb Cakes</h1>
<p>Celebration cakes baked to order in Ferndale.</p>
<h2>Ordering</h2>
<p>Please give us two weeks' notice for a wedding cake.</p>
<p>To order, call 01632 960771 or email orders@honeycomb.example.</p>
<h2>Collection</h2>
<p>Please bring a flat box or tray to carry your cake home.</p>
<p>The kitchen phone is switched off while we bake, from 6am to 10am.</p>
</body></html>`;

const ask = documentAsker('html', page, 'Honeycomb Cakes');

t.test("the business's number, however the caller asks for it", async (t) => {
  for (const q of [
    "What's your phone number?",
    'whats the best way to get hold of you',
    'How can I contact you?',
    'Can I get in touch with someone?',
    'What number do I ring?',
  ]) {
    const reply = await ask(q);
    t.match(reply, /01632 960771/, q);
    t.notMatch(reply, /flat box|switched off/, q);
  }
});
