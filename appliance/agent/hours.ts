import type { AgentConfig } from '../agents/schema.js';
import { joinList, spokenTime } from './speakable.js';
import { weekdayName, weekdayShort, type Weekday } from './text.js';

type Facts = AgentConfig['facts'];

const span = (open: string, close: string): string => `from ${spokenTime(open)} to ${spokenTime(close)}`;

/** "Monday to Friday", "Saturday and Sunday", "Monday, Wednesday and Friday". */
export function dayRanges(days: readonly Weekday[]): string {
  const idx = [...new Set(days.map((d) => weekdayShort.indexOf(d)))].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of idx) {
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  }
  const parts = runs.map((r) => {
    const a = weekdayName(weekdayShort[r[0] ?? 0] ?? 'mon');
    const b = weekdayName(weekdayShort[r.at(-1) ?? 0] ?? 'mon');
    if (r.length === 1) return a;
    if (r.length === 2) return `${a} and ${b}`;
    return `${a} to ${b}`;
  });
  return joinList(parts);
}

/**
 * Opening hours from the configured facts only, for one day or the whole week. Undefined when
 * the business configured no hours (the caller is then told we don't have that information).
 */
export function describeHours(facts: Facts, day?: Weekday): string | undefined {
  const note = facts.hoursNote ? ` ${facts.hoursNote.replace(/([^.!?])$/, '$1.')}` : '';
  if (facts.hours.length === 0) return facts.hoursNote ? facts.hoursNote : undefined;
  if (day) {
    const spans = facts.hours.filter((h) => h.days.includes(day));
    if (spans.length === 0) return `We're closed on ${weekdayName(day)}s.${note}`;
    return `On ${weekdayName(day)} we're open ${joinList(spans.map((h) => span(h.open, h.close)))}.`;
  }
  // Group days that share the same span(s): "Monday to Friday from 9 AM to 5 PM".
  const byDay = new Map<Weekday, string>();
  for (const d of weekdayShort) {
    const spans = facts.hours.filter((h) => h.days.includes(d)).map((h) => span(h.open, h.close));
    if (spans.length) byDay.set(d, joinList(spans));
  }
  const groups = new Map<string, Weekday[]>();
  for (const [d, s] of byDay) (groups.get(s) ?? groups.set(s, []).get(s))?.push(d);
  const parts = [...groups.entries()].map(([s, days]) => `${dayRanges(days)} ${s}`);
  const closed = weekdayShort.filter((d) => !byDay.has(d));
  const closedText = closed.length > 0 && closed.length < 7 ? ` We're closed on ${dayRanges(closed)}.` : '';
  return `We're open ${joinList(parts)}.${closedText}${note}`;
}

/** Is the business open at this moment (for "are you open now?"), in the business's time zone. */
export function openNow(facts: Facts, now: Date, timeZone = 'UTC'): boolean | undefined {
  if (facts.hours.length === 0) return undefined;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    }).formatToParts(now);
  } catch {
    return undefined;
  }
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  const hm = `${get('hour')}:${get('minute')}`;
  return facts.hours.some((h) => h.days.includes(day) && h.open <= hm && hm < h.close);
}
