import t from 'tap';
import type { CallingWindow } from '../types.js';
import { isValidTimeZone, isWindowOpen, localTime, minutesOf } from '../window.js';

const office: CallingWindow[] = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:30' }];

t.test('time zones are validated with Intl', async (t) => {
  t.ok(isValidTimeZone('America/New_York'));
  t.ok(isValidTimeZone('UTC'));
  t.notOk(isValidTimeZone('Mars/Olympus'));
  t.notOk(isValidTimeZone(''));
  t.equal(minutesOf('17:30'), 1050);
  t.equal(minutesOf('24:00'), 1440);
  t.equal(minutesOf('24:01'), undefined);
  t.equal(minutesOf('9:00'), undefined);
});

t.test('the same instant is open in one zone and closed in another', async (t) => {
  const at = new Date('2026-06-10T15:00:00Z'); // a Wednesday
  t.ok(isWindowOpen(office, 'America/New_York', at), '11:00 in New York');
  t.notOk(isWindowOpen(office, 'Asia/Tokyo', at), '00:00 Thursday in Tokyo');
  t.ok(isWindowOpen(office, 'Europe/Berlin', at), '17:00 in Berlin');
  t.notOk(
    isWindowOpen(office, 'Europe/Berlin', new Date('2026-06-10T15:30:00Z')),
    '17:30 in Berlin: `to` is exclusive',
  );
  t.notOk(isWindowOpen(office, 'America/New_York', new Date('2026-06-13T15:00:00Z')), 'Saturday');
  t.notOk(isWindowOpen([], 'UTC', at), 'no windows: never open');
});

t.test('DST: 13:30Z is before opening in winter and inside the window in summer (New York)', async (t) => {
  // DST began in the US on Sunday 2026-03-08: EST (UTC-5) on Friday, EDT (UTC-4) on Monday.
  const friday = new Date('2026-03-06T13:30:00Z');
  const monday = new Date('2026-03-09T13:30:00Z');
  t.same(localTime(friday, 'America/New_York'), { day: 'fri', minutes: 8 * 60 + 30 });
  t.same(localTime(monday, 'America/New_York'), { day: 'mon', minutes: 9 * 60 + 30 });
  t.notOk(isWindowOpen(office, 'America/New_York', friday));
  t.ok(isWindowOpen(office, 'America/New_York', monday));
  // Europe moves on 2026-03-29: 08:30Z is 09:30 CET on the 27th, 10:30 CEST on the 30th.
  t.same(localTime(new Date('2026-03-27T08:30:00Z'), 'Europe/Berlin'), { day: 'fri', minutes: 570 });
  t.same(localTime(new Date('2026-03-30T08:30:00Z'), 'Europe/Berlin'), { day: 'mon', minutes: 630 });
});

t.test('a window past midnight belongs to the day it starts', async (t) => {
  const late: CallingWindow[] = [{ days: ['fri'], from: '22:00', to: '02:00' }];
  t.ok(isWindowOpen(late, 'UTC', new Date('2026-06-12T23:00:00Z')), 'Friday 23:00');
  t.ok(isWindowOpen(late, 'UTC', new Date('2026-06-13T01:59:00Z')), 'Saturday 01:59 (Friday night)');
  t.notOk(isWindowOpen(late, 'UTC', new Date('2026-06-13T02:00:00Z')), 'Saturday 02:00');
  t.notOk(isWindowOpen(late, 'UTC', new Date('2026-06-12T01:00:00Z')), 'Friday 01:00 is Thursday night');
});
