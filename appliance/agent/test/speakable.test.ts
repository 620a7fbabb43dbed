import t from 'tap';
import { joinList, speakable, spokenTime } from '../speakable.js';

t.test('times', async (t) => {
  t.equal(spokenTime('09:00'), '9 AM');
  t.equal(spokenTime('17:30'), '5:30 PM');
  t.equal(spokenTime('12:00'), '12 PM');
  t.equal(spokenTime('00:15'), '12:15 AM');
  t.equal(spokenTime('25:00'), '25:00', 'not a time: unchanged');
  t.equal(speakable('Open 09:00 to 17:30 daily.'), 'Open 9 AM to 5:30 PM daily.');
  t.equal(speakable('from 9:00 am to 5 pm'), 'from 9 AM to 5 PM');
});

t.test('prices', async (t) => {
  t.equal(speakable('A Margherita is $12.50.'), 'A Margherita is 12 dollars 50.');
  t.equal(speakable('$1 each, $9 a box'), '1 dollar each, 9 dollars a box');
  t.equal(speakable('only $0.99'), 'only 99 cents');
  t.equal(speakable('from $2,400'), 'from 2400 dollars');
  t.equal(speakable('€5.50'), '5 euros 50');
});

t.test('phone numbers digit by digit', async (t) => {
  t.equal(speakable('Call 555-0100.'), 'Call 5 5 5, 0 1 0 0.');
  t.equal(speakable('+44 23 9200 1234'), 'plus 4 4, 2 3, 9 2 0 0, 1 2 3 4');
  t.equal(speakable('(555) 123-4567'), '5 5 5, 1 2 3, 4 5 6 7');
  t.equal(speakable('We have 1,200 clients'), 'We have 1,200 clients', 'a count is not a phone number');
  t.equal(speakable('since 2015'), 'since 2015', 'a year is not a phone number');
});

t.test('addresses and abbreviations', async (t) => {
  t.equal(speakable('42 Harbour St., Portsmouth'), '42 Harbour Street, Portsmouth');
  t.equal(speakable('15 Elm Ave., Suite 200'), '15 Elm Avenue, Suite 200');
  t.equal(speakable('Oak Dr. near Dr. Smith'), 'Oak Drive near Doctor Smith');
  t.equal(speakable('next to St. Mary church'), 'next to Saint Mary church');
  t.equal(speakable('1 Main St Springfield'), '1 Main Street Springfield');
  t.equal(speakable('Fish & chips, 10% off'), 'Fish and chips, 10 percent off');
});

t.test('lists', async (t) => {
  t.equal(joinList([]), '');
  t.equal(joinList(['a']), 'a');
  t.equal(joinList(['a', 'b']), 'a and b');
  t.equal(joinList(['a', 'b', 'c']), 'a, b and c');
});

t.test('hostile input never throws', async (t) => {
  for (const s of ['', '$', '$$$.', ':::', '9'.repeat(5000), '\u0000\uffff', 'St. St. St.', '+'.repeat(100)])
    t.type(speakable(s), 'string');
});
