import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface AsyncState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` whenever `deps` change; aborts the previous run so a slow answer never overwrites a newer one. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    loadRef.current(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ data, error: null, loading: false }),
      (error: Error) => !ctrl.signal.aborted && error.name !== 'AbortError' && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Calls `fn` every `ms` while the tab is visible (and once when it becomes visible again). */
export function useInterval(fn: () => void, ms: number | null): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (ms === null) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') ref.current();
    }, ms);
    const onVisible = () => document.visibilityState === 'visible' && ref.current();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms]);
}

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Chatlens` : 'Chatlens';
  }, [title]);
}

/** The outcome of a form's action, shown under it: `ok` text as a status, an error as an alert. */
export interface ActionMessage {
  ok: boolean;
  text: string;
}

/**
 * Runs a settings page's writes one at a time: `busy` while one runs (buttons disable on it), then
 * `msg` says how it went: `ok` when given (a text, or one made from the answer), or the error's
 * message. `after` runs on success (a list's reload).
 */
export function useAction(after?: () => void) {
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<ActionMessage | null>(null);
  const run = async <R,>(fn: () => Promise<R>, ok: string | ((result: R) => string) | null = null) => {
    setBusy(true);
    setMsg(null);
    try {
      const result = await fn();
      const text = typeof ok === 'function' ? ok(result) : ok;
      if (text) setMsg({ ok: true, text });
      after?.();
    } catch (err) {
      setMsg({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return { busy, msg, run };
}
