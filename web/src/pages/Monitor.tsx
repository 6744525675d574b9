/**
 * Live monitor: sessions of /api/monitor/sessions, refreshed every few seconds. A refresh updates
 * rows in place; new sessions go to the top only while the reader is at the top of the list,
 * otherwise they wait behind a "new sessions" button, so the reader never loses their place.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Empty, ErrorBox, Link, Loading, PageHeader, Segmented, StatusBadge } from '../components/ui';
import { fmtDateTime, fmtFullDateTime, fmtInt, fmtRelative } from '../format';
import { useInterval, useTitle } from '../hooks';
import { navigate, setQuery, useLocation } from '../router';
import type { MonitorSession } from '../types';

const REFRESH_MS = 3000;
const PAGE = 20;
// A refresh re-reads this many of the most recent sessions: enough to catch every change between two ticks.
const REFRESH_LIMIT = 50;

const WINDOWS = [
  { value: '30', label: '30 min' },
  { value: '120', label: '2 h' },
  { value: '1440', label: '24 h' },
  { value: '10080', label: '7 days' },
];

type StatusFilter = 'all' | 'active' | 'user' | 'violation';
const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'user', label: 'Ended by user' },
  { value: 'violation', label: 'Violation' },
];

const statusOf = (s: MonitorSession): Exclude<StatusFilter, 'all'> => (s.endedReason === 'violation' ? 'violation' : s.endedAt || s.endedReason === 'user' ? 'user' : 'active');

function byActivity(a: MonitorSession, b: MonitorSession): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function MonitorPage() {
  useTitle('Live monitor');
  const { query } = useLocation();
  const windowMin = WINDOWS.some((w) => w.value === query.get('window')) ? query.get('window')! : '30';
  const status = (STATUSES.find((s) => s.value === query.get('status'))?.value ?? 'all') as StatusFilter;
  const [search, setSearch] = useState(query.get('q') ?? '');

  const [sessions, setSessions] = useState<MonitorSession[] | null>(null);
  const [pending, setPending] = useState<MonitorSession[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [refreshError, setRefreshError] = useState<Error | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [live, setLive] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [, tick] = useState(0);
  const listRef = useRef<MonitorSession[] | null>(null);
  listRef.current = sessions;
  const cursorRef = useRef<string | null>(null);
  cursorRef.current = cursor;
  const pendingRef = useRef<MonitorSession[]>([]);
  pendingRef.current = pending;
  const sinceRef = useRef('');

  const sinceNow = () => new Date(Date.now() - Number(windowMin) * 60_000).toISOString();

  const loadFirst = () => {
    const ctrl = new AbortController();
    setSessions(null);
    setPending([]);
    setError(null);
    sinceRef.current = sinceNow();
    api.monitor({ since: sinceRef.current, limit: PAGE }, ctrl.signal).then(
      (page) => {
        setSessions(page.sessions);
        setCursor(page.nextCursor);
        setUpdatedAt(Date.now());
      },
      (err: Error) => err.name !== 'AbortError' && setError(err),
    );
    return () => ctrl.abort();
  };
  useEffect(loadFirst, [windowMin]);

  const refresh = async () => {
    if (!listRef.current) return;
    try {
      const page = await api.monitor({ since: sinceNow(), limit: REFRESH_LIMIT });
      setRefreshError(null);
      setUpdatedAt(Date.now());
      const current = listRef.current ?? [];
      const known = new Map(current.map((s) => [s.id, s]));
      const changed = new Set<string>();
      const incoming: MonitorSession[] = [];
      // Sessions past the last loaded row belong to "Load more", not to this refresh.
      const boundary = cursorRef.current ? current[current.length - 1] : undefined;
      for (const s of page.sessions) {
        const old = known.get(s.id);
        if (!old) {
          if (!boundary || byActivity(s, boundary) < 0) incoming.push(s);
        }
        else if (old.lastActivityAt !== s.lastActivityAt || old.endedReason !== s.endedReason || old.messageCount !== s.messageCount) {
          known.set(s.id, s);
          changed.add(s.id);
        }
      }
      const atTop = window.scrollY < 120;
      if (atTop) {
        setPending([]);
        const merged = [...incoming, ...pendingRef.current.filter((p) => !known.has(p.id) && !incoming.some((i) => i.id === p.id)), ...known.values()];
        setSessions(merged.sort(byActivity));
        incoming.forEach((s) => changed.add(s.id));
      } else {
        // Update rows where they stand; keep new ones aside until the reader asks for them.
        setSessions(current.map((s) => known.get(s.id) ?? s));
        if (incoming.length) setPending((p) => [...incoming, ...p.filter((x) => !incoming.some((i) => i.id === x.id))]);
      }
      if (changed.size) setFresh(changed);
    } catch (err) {
      setRefreshError(err as Error);
    }
  };
  useInterval(() => void refresh(), live ? REFRESH_MS : null);
  // Keeps "updated 5s ago" honest between refreshes.
  useInterval(() => tick((n) => n + 1), 1000);

  const showPending = () => {
    setSessions((s) => [...pending, ...(s ?? []).filter((x) => !pending.some((p) => p.id === x.id))].sort(byActivity));
    setFresh(new Set(pending.map((p) => p.id)));
    setPending([]);
    window.scrollTo({ top: 0 });
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.monitor({ since: sinceRef.current, limit: PAGE, cursor });
      setSessions((s) => {
        const have = new Set((s ?? []).map((x) => x.id));
        return [...(s ?? []), ...page.sessions.filter((x) => !have.has(x.id))];
      });
      setCursor(page.nextCursor);
    } catch (err) {
      setRefreshError(err as Error);
    } finally {
      setLoadingMore(false);
    }
  };

  const visible = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (sessions ?? []).filter((s) => (status === 'all' || statusOf(s) === status) && (!q || s.id.toLowerCase().includes(q) || s.lastMessage.toLowerCase().includes(q)));
  }, [sessions, status, search]);

  const counts = useMemo(() => {
    const c = { active: 0, user: 0, violation: 0 };
    for (const s of sessions ?? []) c[statusOf(s)]++;
    return c;
  }, [sessions]);

  return (
    <>
      <PageHeader
        title="Live monitor"
        subtitle="Chat sessions with recent activity, newest first."
        actions={
          <div class="live-indicator" aria-live="polite">
            <button type="button" class={`btn btn-small ${live ? 'btn-live' : ''}`} aria-pressed={live} onClick={() => setLive((l) => !l)}>
              <span class={`dot ${live ? 'dot-live' : ''}`} aria-hidden="true" />
              {live ? 'Live' : 'Paused'}
            </button>
            <span class="muted small" data-testid="updated">
              {refreshError ? <span class="text-bad">Refresh failed: {refreshError.message}</span> : updatedAt ? `Updated ${fmtRelative(new Date(updatedAt).toISOString())}` : ''}
            </span>
          </div>
        }
      />
      <div class="toolbar">
        <Segmented label="Active in the last" value={windowMin} options={WINDOWS} onChange={(v) => setQuery({ window: v === '30' ? null : v })} />
        <label class="field-inline">
          <span>Status</span>
          <select value={status} onChange={(e) => setQuery({ status: e.currentTarget.value === 'all' ? null : e.currentTarget.value })}>
            {STATUSES.map((s) => (
              <option value={s.value} key={s.value}>
                {s.label}
                {s.value !== 'all' && sessions ? ` (${counts[s.value as keyof typeof counts]})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label class="field-inline grow">
          <span class="sr-only">Search sessions</span>
          <input type="search" placeholder="Search id or last message" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
      </div>

      {pending.length > 0 && (
        <button type="button" class="new-pill" onClick={showPending}>
          ↑ {pending.length} new session{pending.length === 1 ? '' : 's'} — show
        </button>
      )}

      {error ? (
        <ErrorBox error={error} onRetry={loadFirst} />
      ) : !sessions ? (
        <Loading label="Loading sessions…" />
      ) : sessions.length === 0 ? (
        <Empty title={`No session was active in the last ${WINDOWS.find((w) => w.value === windowMin)?.label}.`}>
          New conversations appear here within seconds. Widen the window to see older ones.
        </Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table monitor-table" data-testid="monitor-table">
              <caption class="sr-only">Sessions, newest activity first</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Session</th>
                  <th scope="col" class="col-wide">Last message</th>
                  <th scope="col" class="num">Messages</th>
                  <th scope="col">Started</th>
                  <th scope="col">Last activity</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((s) => (
                  <tr
                    key={s.id}
                    data-session-id={s.id}
                    class={`clickable ${fresh.has(s.id) ? 'row-fresh' : ''} ${s.endedReason === 'violation' ? 'row-violation' : ''}`}
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('a')) return;
                      navigate(`/sessions/${encodeURIComponent(s.id)}`);
                    }}
                  >
                    <td>
                      <StatusBadge endedReason={s.endedReason} endedAt={s.endedAt} />
                    </td>
                    <td class="mono">
                      <Link href={`/sessions/${encodeURIComponent(s.id)}`}>{s.id}</Link>
                    </td>
                    <td class="col-wide">
                      <span class="clip">{s.lastMessage || <span class="muted">—</span>}</span>
                    </td>
                    <td class="num" data-field="messageCount">
                      {fmtInt(s.messageCount)}
                    </td>
                    <td class="nowrap" title={fmtFullDateTime(s.createdAt)}>
                      {fmtDateTime(s.createdAt)}
                    </td>
                    <td class="nowrap" title={fmtFullDateTime(s.lastActivityAt)}>
                      {fmtRelative(s.lastActivityAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {visible.length === 0 && <Empty title="No loaded session matches these filters.">{cursor ? 'Load more sessions, or clear the filters.' : 'Clear the filters to see every session.'}</Empty>}
          <div class="list-footer">
            <span class="muted small">
              {fmtInt(visible.length)} shown · {fmtInt(sessions.length)} loaded
            </span>
            {cursor ? (
              <button type="button" class="btn" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            ) : (
              <span class="muted small">End of list</span>
            )}
          </div>
        </>
      )}
    </>
  );
}
