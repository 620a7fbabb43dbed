import type { JSX } from 'preact';
import { show } from './format';

/** A table column: its header and how one row shows in it. */
export interface Column<T> {
  label: string;
  render: (row: T) => JSX.Element | string;
}

/** A column showing one field of the row, formatted by show(). */
export const field = <T, K extends keyof T & string>(label: string, key: K): Column<T> => ({
  label,
  render: (row) => show(row[key]),
});

/**
 * A data table with a screen-reader caption and column headers; an empty list shows the `empty`
 * text instead. Rows with an `id` field are keyed by it.
 */
export function Table<T>({
  caption,
  rows,
  columns,
  empty,
}: {
  caption: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
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
            <tr key={rowKey(r, i)}>
              {columns.map((c) => (
                <td key={c.label}>{c.render(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function rowKey(row: unknown, index: number): string | number {
  if (row && typeof row === 'object' && 'id' in row && typeof row.id === 'string') return row.id;
  return index;
}
