/**
 * Live monitor: sessions of /api/monitor/sessions, refreshed every few seconds. A refresh updates
 * rows in place; new sessions go to the top only while the reader is at the top of the list,
 * otherwise they wait behind a "new sessions" button, so the reader never loses their place.
 * Filters (status, end user, findings, category, severity, source, full-text search) are the
 * API's: they apply to every session of the window, not only to the rows loaded, and live in the URL.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { CATEGORY_OPTIONS, CategoryBadge, Empty, ErrorBox, FilterSelect, Link, ListFooter, Loading, PageHeader, Segmented, SeverityBadge, StatusBadge } from '../components/ui';
import { fmtDateTime, fmtFullDateTime, fmtInt, fmtRelative } from '../format';
import { useInterval, useTitle } from '../hooks';
import { navigate, setQuery, useLocation } from '../router';
import { CATEGORIES, SEVERITIES, type MonitorFilters, type MonitorSession } from '../types';
import { EmptyMonitor } from './monitor/FirstSteps';

const REFRESH_MS = 3000;
const PAGE = 20;
// A refresh re-reads this many of the most recent sessions: enough to catch every change between two ticks.
const REFRESH_LIMIT = 50;

const WINDOWS = [
  { value: '30', label: '30 min' },
  { value: '120', label: '2 h' },
  { value: '1440', label: '24 h' },
  { value: '10080', label: '7 days' },
  { value: 'all', label: 'All' },
];

type StatusFilter = 'all' | 'active' | 'user' | 'violation' | 'idle';
const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'user', label: 'Ended by user' },
  { value: 'violation', label: 'Violation' },
  { value: 'idle', label: 'Idle' },
];
const SOURCES = ['live', 'upload', 'proxy', 'otlp'] as const;
const SOURCE_OPTIONS = SOURCES.map((s) => ({ value: s, label: s }));
const SEVERITY_OPTIONS = SEVERITIES.map((s) => ({ value: s, label: `${s} or worse` }));

/** The API filters the URL holds (unknown values are ignored, as a shared link may be old). */
function filtersFrom(query: URLSearchParams): MonitorFilters {
  const f: MonitorFilters = {};
  const status = STATUSES.find((s) => s.value === query.get('status'))?.value;
  if (status && status !== 'all') f.status = status;
  const findings = query.get('findings');
  if (findings === 'with') f.hasFindings = true;
  if (findings === 'without') f.hasFindings = false;
  const category = CATEGORIES.find((c) => c === query.get('category'));
  if (category && findings !== 'without') f.category = category;
  const severity = SEVERITIES.find((s) => s === query.get('severity'));
  if (severity && findings !== 'without') f.minSeverity = severity;
  const source = SOURCES.find((s) => s === query.get('source'));
  if (source) f.source = source;
  const userId = query.get('userId');
  if (userId) f.userId = userId;
  const q = query.get('q');
  if (q && q.trim()) f.q = q.trim();
  return f;
}

function byActivity(a: MonitorSession, b: MonitorSession): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function MonitorPage() {
  useTitle('Live monitor');
  const { query } = useLocation();
  const windowMin = WINDOWS.some((w) => w.value === query.get('window')) ? query.get('window')! : '30';
  const filters = filtersFrom(query);
  const filterKey = JSON.stringify(filters);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const [search, setSearch] = useState(query.get('q') ?? '');
  const [user, setUser] = useState(query.get('userId') ?? '');
  // Typing updates the URL (and the list) once the reader pauses.
  useEffect(() => {
    const t = setTimeout(() => setQuery({ q: search.trim() || null, userId: user.trim() || null }), 350);
    return () => clearTimeout(t);
  }, [search, user]);

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

  // "All": every session since the epoch (the API takes a date as well as a date-time).
  const sinceNow = () => (windowMin === 'all' ? '1970-01-01' : new Date(Date.now() - Number(windowMin) * 60_000).toISOString());

  const loadFirst = () => {
    const ctrl = new AbortController();
    setSessions(null);
    setPending([]);
    setError(null);
    sinceRef.current = sinceNow();
    api.monitor({ since: sinceRef.current, limit: PAGE, ...filtersRef.current }, ctrl.signal).then(
      (page) => {
        setSessions(page.sessions);
        setCursor(page.nextCursor);
        setUpdatedAt(Date.now());
      },
      (err: Error) => err.name !== 'AbortError' && setError(err),
    );
    return () => ctrl.abort();
  };
  useEffect(loadFirst, [windowMin, filterKey]);

  const refresh = async () => {
    if (!listRef.current) return;
    try {
      const page = await api.monitor({ since: sinceNow(), limit: REFRESH_LIMIT, ...filtersRef.current });
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
        else if (old.lastActivityAt !== s.lastActivityAt || old.status !== s.status || old.messageCount !== s.messageCount || old.findingCount !== s.findingCount) {
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
      const page = await api.monitor({ since: sinceRef.current, limit: PAGE, cursor, ...filtersRef.current });
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

  const visible = useMemo(() => sessions ?? [], [sessions]);
  const filtered = Object.keys(filters).length > 0;
  const findingsParam = query.get('findings') ?? '';

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
        <FilterSelect label="Status" value={filters.status ?? 'all'} options={STATUSES} onChange={(v) => setQuery({ status: v === 'all' ? null : v })} />
        <label class="field-inline">
          <span>Findings</span>
          <select value={findingsParam} onChange={(e) => setQuery({ findings: e.currentTarget.value || null, ...(e.currentTarget.value === 'without' ? { category: null, severity: null } : {}) })}>
            <option value="">Any</option>
            <option value="with">With findings</option>
            <option value="without">Without findings</option>
          </select>
        </label>
        <FilterSelect label="Category" value={filters.category ?? ''} any="Any" options={CATEGORY_OPTIONS} disabled={findingsParam === 'without'} onChange={(v) => setQuery({ category: v })} />
        <FilterSelect label="Severity" value={filters.minSeverity ?? ''} any="Any" options={SEVERITY_OPTIONS} disabled={findingsParam === 'without'} onChange={(v) => setQuery({ severity: v })} />
        <FilterSelect label="Source" value={filters.source ?? ''} any="Any" options={SOURCE_OPTIONS} onChange={(v) => setQuery({ source: v })} />
        <label class="field-inline">
          <span>User</span>
          <input type="search" placeholder="User id" value={user} onInput={(e) => setUser(e.currentTarget.value)} size={12} />
        </label>
        <label class="field-inline grow">
          <span class="sr-only">Search messages</span>
          <input type="search" placeholder="Search message text (words, &quot;a phrase&quot;, prefix*)" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        {filtered && (
          <button type="button" class="btn btn-small" onClick={() => { setSearch(''); setUser(''); setQuery({ status: null, findings: null, category: null, severity: null, source: null, userId: null, q: null }); }}>
            Clear filters
          </button>
        )}
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
        filtered ? (
          <Empty title="No session matches these filters.">Widen the window, or clear the filters.</Empty>
        ) : (
          <EmptyMonitor windowLabel={windowMin === 'all' ? null : WINDOWS.find((w) => w.value === windowMin)?.label ?? null} />
        )
      ) : (
        <>
          <div class="table-wrap">
            <table class="table monitor-table" data-testid="monitor-table">
              <caption class="sr-only">Sessions, newest activity first</caption>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Session</th>
                  <th scope="col">User</th>
                  <th scope="col" class="col-wide">Last message</th>
                  <th scope="col">Findings</th>
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
                      <StatusBadge endedReason={s.endedReason} endedAt={s.endedAt} status={s.status} />
                    </td>
                    <td class="mono">
                      <Link href={`/sessions/${encodeURIComponent(s.id)}`}>{s.id}</Link>
                    </td>
                    <td class="mono nowrap">{s.userId ? <Link href={`/users/${encodeURIComponent(s.userId)}`}>{s.userId}</Link> : <span class="muted">—</span>}</td>
                    <td class="col-wide">
                      <span class="clip">{s.lastMessage || <span class="muted">—</span>}</span>
                    </td>
                    <td class="nowrap" data-field="findings" data-finding-count={s.findingCount}>
                      {s.findingCount > 0 ? (
                        <>
                          {fmtInt(s.findingCount)} {s.severity && <SeverityBadge severity={s.severity} />} {s.categories.map((c) => <CategoryBadge key={c} category={c} />)}
                        </>
                      ) : (
                        <span class="muted">—</span>
                      )}
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
          <ListFooter shown={`${fmtInt(sessions.length)} loaded`} hasMore={!!cursor} loading={loadingMore} onMore={() => void loadMore()} />
        </>
      )}
    </>
  );
}
