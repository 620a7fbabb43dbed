import t from 'tap';
import { extractDigits, extractMessageText, extractName, extractPhone } from '../slots.js';
import { dayMentioned } from '../text.js';

t.test('callback numbers spoken as words', async (t) => {
  t.equal(extractPhone('five five five one two three four'), '5551234');
  t.equal(extractPhone('my number is double five five, one two three four'), '5551234');
  t.equal(extractPhone('it is 555 1234'), '5551234');
  t.equal(extractPhone('five five five dash oh one hundred'), '5550100', '"oh one hundred" is 0100');
  t.equal(extractPhone('triple seven eight nine zero one'), '7778901');
  t.equal(extractPhone('five o five, one two three four'), '5051234', '"o" inside a run is zero');
  t.equal(extractPhone('I want to book a table for two'), undefined, 'one number word is not a phone number');
  t.equal(extractDigits('table for 4 at 7'), undefined);
  t.equal(extractPhone('1'.repeat(30)), undefined, 'too long for a phone number');
});

t.test('caller names', async (t) => {
  t.equal(extractName("Hi, my name is John Smith and I'd like to leave a message"), 'John Smith');
  t.equal(extractName('this is maria'), 'Maria');
  t.equal(extractName("It's Maria Garcia"), 'Maria Garcia');
  t.equal(extractName("I'm calling about my order"), undefined, '"calling" is not a name');
  t.equal(extractName('Sam Jones', true), 'Sam Jones', 'a bare name when the agent asked for one');
  t.equal(extractName('Sam Jones'), undefined, 'a bare name otherwise is not taken');
  t.equal(extractName('12345', true), undefined);
});

t.test('message text', async (t) => {
  t.equal(extractMessageText('please tell them that the delivery is late'), 'the delivery is late');
  t.equal(extractMessageText('the message is call me after six.'), 'call me after six');
  t.equal(extractMessageText('hello'), undefined);
});

t.test('days for opening hours', async (t) => {
  const wednesday = new Date('2026-11-25T12:00:00Z');
  t.equal(dayMentioned('and on Sunday?', wednesday), 'sun');
  t.equal(dayMentioned('are you open on saturdays', wednesday), 'sat');
  t.equal(dayMentioned('are you open today', wednesday), 'wed');
  t.equal(dayMentioned('what about tomorrow', wednesday), 'thu');
  t.equal(dayMentioned('tomorrow', new Date('2026-11-29T12:00:00Z')), 'mon', 'Sunday + 1 wraps to Monday');
  t.equal(dayMentioned('what about the weekend', wednesday), 'sat');
  t.equal(dayMentioned('where are you', wednesday), undefined);
  t.equal(
    dayMentioned('today', new Date('2026-11-25T23:30:00Z'), 'Asia/Tokyo'),
    'thu',
    'in the business time zone',
  );
  t.equal(dayMentioned('today', wednesday, 'Not/AZone'), 'wed', 'a bad time zone falls back to UTC');
});
