import { fmtDate } from './page';

/**
 * A value as table text: "—" for nothing, ISO timestamps as local dates, fractions to two
 * places, booleans as yes/no, arrays comma-separated.
 */
export function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\dT/.test(v) ? fmtDate(v) : v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map(show).join(', ');
  return JSON.stringify(v);
}

/** A byte count in B, KiB or MiB. */
export function bytes(v: number | null | undefined): string {
  if (typeof v !== 'number') return '—';
  if (v < 1024) return `${v} B`;
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KiB`;
  return `${(v / 1024 / 1024).toFixed(1)} MiB`;
}
