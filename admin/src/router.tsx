import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A tiny History-API router for the SPA under /admin (the server answers index.html for any sub-path). */
export const base = '/admin';

const listeners = new Set<() => void>();

/** The app-relative path, e.g. "/agents/123" for /admin/agents/123. */
export function currentPath(): string {
  const p = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname;
  return p === '' ? '/' : p;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const full = base + (to === '/' ? '/' : to);
  if (full === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', full);
  else history.pushState(null, '', full);
  for (const l of listeners) l();
}

addEventListener('popstate', () => {
  for (const l of listeners) l();
});

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const l = (): void => setPath(currentPath());
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return path;
}

/** Matches "/agents/:id" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('?')[0]!.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const x = xs[i]!;
    if (p.startsWith(':')) out[p.slice(1)] = decodeURIComponent(x);
    else if (p !== x) return null;
  }
  return out;
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  children: ComponentChildren;
};

/** An <a> that navigates in-app (real href, so open-in-new-tab and keyboard work). */
export function Link({ href, children, ...rest }: LinkProps): JSX.Element {
  return (
    <a
      {...rest}
      href={base + href}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
