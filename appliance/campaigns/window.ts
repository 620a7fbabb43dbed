import { weekdays, type CallingWindow, type Weekday } from './types.js';

/** True when `tz` is an IANA zone this Node's ICU knows (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM` (00:00-24:00) as minutes since midnight; undefined when malformed. */
export function minutesOf(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) return undefined;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 24 * 60 ? v : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (tz: string): Intl.DateTimeFormat => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
};

/**
 * The wall-clock weekday and minute of the day at `at` in `tz`. Intl applies the zone's rules
 * (DST included), so 13:30Z is 08:30 in New York in winter and 09:30 in summer.
 */
export function localTime(at: Date, tz: string): { day: Weekday; minutes: number } {
  let day: Weekday = 'sun';
  let hour = 0;
  let minute = 0;
  for (const p of formatterOf(tz).formatToParts(at)) {
    if (p.type === 'weekday') day = (p.value.slice(0, 3).toLowerCase() as Weekday) ?? 'sun';
    else if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day, minutes: hour * 60 + minute };
}

const previousDay = (d: Weekday): Weekday => weekdays[(weekdays.indexOf(d) + 6) % 7] ?? d;

/**
 * Whether a call may start at `at`: some window includes the local weekday and time. `from`
 * inclusive, `to` exclusive; a window whose `to` is before `from` continues past midnight (its
 * early-morning part belongs to the day after each listed day). No windows: never open.
 */
export function isWindowOpen(windows: readonly CallingWindow[], tz: string, at: Date): boolean {
  const { day, minutes } = localTime(at, tz);
  for (const w of windows) {
    const from = minutesOf(w.from);
    const to = minutesOf(w.to);
    if (from === undefined || to === undefined || from === to) continue;
    if (from < to) {
      if (w.days.includes(day) && minutes >= from && minutes < to) return true;
    } else {
      if (w.days.includes(day) && minutes >= from) return true;
      if (w.days.includes(previousDay(day)) && minutes < to) return true;
    }
  }
  return false;
}

/** Monday to Friday, 09:00-17:00: the windows of a campaign created without any. */
export const defaultWindows: CallingWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' },
];
