import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GETs a path (null: nothing to load) and re-fetches on reload(); optional polling interval, ms. */
export function useGet<T>(path: string | null, pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    setLoading(true);
    get<T>(path).then(
      (d) => {
        if (cancelled || !alive.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled || !alive.current) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [path, tick]);
  useEffect(() => {
    if (!pollMs || path === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs, path]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Runs an async action, tracking busy and error state for a button or form. */
export function useAction<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
): { run: (...args: A) => Promise<void>; busy: boolean; error: unknown; clear: () => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async (...args: A): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await fn(...args);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clear: () => setError(undefined) };
}
