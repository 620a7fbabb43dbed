/**
 * Calendar arithmetic for subscription periods (UTC). Periods are anchored at the subscription's
 * start: the k-th period ends at anchor + k calendar months, clamped to the month's last day
 * (anchor Jan 31 -> Feb 28/29 -> Mar 31), so short months never make the anchor drift.
 */
export function addMonthsUtc(anchor: Date, months: number): Date {
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(anchor.getUTCDate(), lastDay),
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

/** The first period boundary after `after`, counting whole months from `anchor`. */
export function nextBoundary(anchor: Date, after: Date): Date {
  let k = Math.max(
    1,
    (after.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + after.getUTCMonth() - anchor.getUTCMonth() - 1,
  );
  let d = addMonthsUtc(anchor, k);
  while (d.getTime() <= after.getTime()) d = addMonthsUtc(anchor, ++k);
  return d;
}

/**
 * Pro-ration of a monthly fee for the part of a period from `at` to its end, in integer cents.
 * fee * remainingMs / periodMs, rounded half up to the cent (Math.round on a non-negative
 * value); credit and charge are rounded separately, so a same-price change nets to 0.
 */
export function prorateCents(feeCents: number, periodStart: Date, periodEnd: Date, at: Date): number {
  const periodMs = periodEnd.getTime() - periodStart.getTime();
  if (periodMs <= 0) return 0;
  const remainingMs = Math.min(periodMs, Math.max(0, periodEnd.getTime() - at.getTime()));
  return Math.round((feeCents * remainingMs) / periodMs);
}
