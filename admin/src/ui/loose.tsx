import type { JSX } from 'preact';
import type { Loose } from '../api/types';
import { show } from './format';

export { show };

/**
 * Helpers for endpoints not yet described by the OpenAPI document (system.tsx still uses them;
 * the other pages use the generated types and ui/table.tsx): read lists and fields defensively so a
 * renamed field shows as "—" instead of breaking the page.
 */
export function itemsOf(data: unknown): Loose[] {
  if (Array.isArray(data)) return data as Loose[];
  if (data && typeof data === 'object') {
    for (const k of ['items', 'results', 'passages', 'data', 'calls', 'documents']) {
      const v = (data as Loose)[k];
      if (Array.isArray(v)) return v as Loose[];
    }
  }
  return [];
}

/** The first present field among the names given. */
export function pick(o: Loose | undefined, ...keys: string[]): unknown {
  if (!o) return undefined;
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

export interface Column {
  label: string;
  keys: string[];
  render?: (row: Loose) => JSX.Element | string;
}

export function LooseTable({
  caption,
  rows,
  columns,
  empty,
}: {
  caption: string;
  rows: Loose[];
  columns: Column[];
  empty: string;
}): JSX.Element {
  if (rows.length === 0) return <p class="muted">{empty}</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={typeof r.id === 'string' ? r.id : i}>
              {columns.map((c) => (
                <td key={c.label}>{c.render ? c.render(r) : show(pick(r, ...c.keys))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
