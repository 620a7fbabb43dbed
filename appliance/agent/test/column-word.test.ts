import t from 'tap';
import { documentAsker } from './checked-reply.js';

/**
 * A word that names a price column of a table and no item ("in a manual", "for the automatic")
 * picks the column, not the row: "ten hours in a manual" is the ten-hour block's manual price,
 * not the ten-hour course priced alone, and the check accepts the column's label as the
 * caller's word. A page no suite uses, read through the real extraction.
 */

const page = `<!doctype html><html><head><title>Beacon Driving School</title></head><body>
<h1>Beacon Driving School</h1>
<p>Driving lessons in Hartley and Ashby since 2014.</p>
<h2>Lesson prices</h2>
<table><tr><th>Lesson</th><th>Length</th><th>Manual</th><th>Automatic</th></tr>
<tr><td>Single lesson</td><td>1 hour</td><td>£36</td><td>£40</td></tr>
<tr><td>Block of 10 hours</td><td>10 x 1 hour</td><td>£340</td><td>£375</td></tr>
</table>
<h2>Courses</h2>
<table><tr><th>Course</th><th>Hours of tuition</th><th>Price</th></tr>
<tr><td>Refresher</td><td>10 hours</td><td>£420</td></tr>
<tr><td>Motorway course</td><td>3 hours</td><td>£130</td></tr>
</table>
</body></html>`;

const ask = documentAsker('html', page, 'Beacon Driving School');

t.test('a column word picks the column', async (t) => {
  t.match(await ask('how much is ten hours in a manual'), /£340/);
  t.match(await ask('What do ten hours cost in an automatic?'), /£375/);
  // The ten-hour refresher course is another row, without a manual price.
  t.notMatch(await ask('how much is ten hours in a manual'), /£420/);
  t.match(await ask('How much is the refresher course?'), /£420/);
});
