import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ErrorNotice } from './errors';

/**
 * A page: its <h1> takes focus when the page opens, so keyboard and screen-reader users land on
 * the new content after navigation (a SPA otherwise leaves focus on the clicked link).
 */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}): JSX.Element {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Voice Appliance`;
    h1.current?.focus();
  }, [title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" tabIndex={-1} ref={h1}>
          {title}
        </h1>
        {actions && <div class="actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** Loading / error / content switch for a fetched resource. */
export function Async<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean };
  children: (data: T) => ComponentChildren;
}): JSX.Element {
  if (state.error !== undefined && state.data === undefined) return <ErrorNotice error={state.error} />;
  if (state.data === undefined)
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  return <>{children(state.data)}</>;
}

export function Badge({ value }: { value: string }): JSX.Element {
  return <span class={`badge badge-${value.replace(/[^a-z_]/gi, '')}`}>{value.replace(/_/g, ' ')}</span>;
}

export const fmtDate = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export const fmtMoney = (cents: number | null | undefined, currency = 'USD'): string =>
  typeof cents === 'number'
    ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100)
    : '—';
