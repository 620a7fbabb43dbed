import t from 'tap';
import { withoutCallerContext } from '../caller-context.js';

const plain = (s: string, keep = false): string => withoutCallerContext(s, keep).replace(/\s+/g, ' ').trim();

t.test('the time of a story the caller tells is taken out unless a time is asked', async (t) => {
  t.equal(
    plain('I had my knee replaced back in March, can you help?'),
    'I had my knee replaced , can you help?',
  );
  t.equal(plain('I hurt my back two weeks ago, who should I see?'), 'I hurt my back , who should I see?');
  t.equal(plain('I came in last week, is my order ready?'), 'I came in , is my order ready?');
  t.equal(plain('Were you open last week?', true), 'Were you open last week?');
  // A length that is no story stays ("two weeks" of a course).
  t.equal(plain('Is the course two weeks long?'), 'Is the course two weeks long?');
});

t.test('"during the week" and "midweek" are the weekdays', async (t) => {
  t.equal(plain('Can I have a lesson during the week?'), 'Can I have a lesson weekdays?');
  t.equal(plain('Are you cheaper midweek?'), 'Are you cheaper weekdays?');
  t.equal(plain('Is it busy mid-week?', true), 'Is it busy weekdays?');
});

t.test('how far along a pregnancy is, and where it hurts, name nothing asked', async (t) => {
  t.equal(plain("I'm six months pregnant, can I have a massage?"), "I'm pregnant, can I have a massage?");
  t.equal(plain("I'm 20 weeks pregnant"), "I'm pregnant");
  t.equal(plain("I've awful pain round my pelvis"), "I've awful pain about my pelvis");
  t.equal(plain('It hurts around the knee'), 'It hurts about the knee');
  // "A round of golf", "round trip": no place of pain.
  t.equal(plain('How much is a round of golf?'), 'How much is a round of golf?');
  t.equal(plain('Is a round trip cheaper?'), 'Is a round trip cheaper?');
});
