/**
 * One end user (GET /api/users/:userId): counts, activity per day, their sessions
 * (GET /api/search/sessions?userId=…) and the findings of those sessions (GET /api/findings?userId=…).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { CATEGORY_LABEL, CategoryBadge, Empty, ErrorBox, Link, Loading, PageHeader, SeverityBadge, Stat, StatusBadge } from '../components/ui';
import { fmtDateTime, fmtFullDateTime, fmtInt, fmtRelative, humanize } from '../format';
import { useAsync, useTitle } from '../hooks';
import { CATEGORIES, type EndUser, type FlaggedTurn, type MonitorSession } from '../types';

export function UserPage({ userId }: { userId: string }) {
  useTitle(`User ${userId}`);
  const user = useAsync<EndUser>((signal) => api.endUser(userId, 90, signal), [userId]);
  const [sessions, setSessions] = useState<MonitorSession[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [sessionsError, setSessionsError] = useState<Error | null>(null);
  const findings = useAsync((signal) => api.findings({ userId, days: 365, limit: 50 }, signal), [userId]);

  const loadSessions = (after: string | null) => {
    api.searchSessions({ userId, limit: 20, ...(after ? { cursor: after } : {}) }).then(
      (p) => {
        setSessions((xs) => [...(after ? (xs ?? []) : []), ...p.sessions]);
        setCursor(p.nextCursor);
      },
      (e: Error) => setSessionsError(e),
    );
  };
  useEffect(() => loadSessions(null), [userId]);

  if (user.error) return <ErrorBox error={user.error} onRetry={user.reload} />;
  if (!user.data) return <Loading label="Loading the user…" />;
  const u = user.data;
  const days = u.activity.map((d) => d.date);
  return (
    <>
      <PageHeader
        title={`User ${u.userId}`}
        subtitle={
          <>
            <Link href={`/monitor?window=all&userId=${encodeURIComponent(u.userId)}`}>Their sessions on the monitor</Link>
            {u.email ? ` · ${u.email}` : ''}
            {u.lastSeenAt ? ` · last seen ${fmtRelative(u.lastSeenAt)}` : ''}
          </>
        }
      />
      <section class="stats" data-testid="user-stats">
        <Stat label="Sessions" value={fmtInt(u.sessionCount)} testId="user-sessions" />
        <Stat label="Findings" value={fmtInt(u.findingCount)} testId="user-findings" />
        {CATEGORIES.map((c) => (
          <Stat key={c} label={CATEGORY_LABEL[c]} value={fmtInt(u.categories[c])} />
        ))}
        <Stat label="First seen" value={u.firstSeenAt ? fmtDateTime(u.firstSeenAt) : '—'} />
      </section>
      <section class="card">
        <Chart
          title="Queries and findings per day, last 90 days"
          days={days}
          series={[
            { label: 'Queries', color: '#2563eb', bars: true },
            { label: 'Findings', color: '#dc2626' },
          ]}
          data={[u.activity.map((d) => d.queries), u.activity.map((d) => d.findings)]}
          height={180}
        />
      </section>

      <section aria-labelledby="user-sessions-title">
        <h2 id="user-sessions-title" class="section-title">Sessions</h2>
        {sessionsError ? (
          <ErrorBox error={sessionsError} onRetry={() => loadSessions(null)} />
        ) : !sessions ? (
          <Loading />
        ) : sessions.length === 0 ? (
          <Empty title="No session of this user." />
        ) : (
          <div class="table-wrap">
            <table class="table" data-testid="user-sessions-table">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Session</th>
                  <th scope="col" class="col-wide">Last message</th>
                  <th scope="col" class="num">Findings</th>
                  <th scope="col">Last activity</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id} data-session-id={s.id}>
                    <td>
                      <StatusBadge endedReason={s.endedReason} endedAt={s.endedAt} status={s.status} />
                    </td>
                    <td class="mono">
                      <Link href={`/sessions/${encodeURIComponent(s.id)}`}>{s.id}</Link>
                    </td>
                    <td class="col-wide">
                      <span class="clip">{s.lastMessage || <span class="muted">—</span>}</span>
                    </td>
                    <td class="num">
                      {fmtInt(s.findingCount)} {s.severity && <SeverityBadge severity={s.severity} />}
                    </td>
                    <td class="nowrap" title={fmtFullDateTime(s.lastActivityAt)}>
                      {fmtRelative(s.lastActivityAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {cursor && (
              <button type="button" class="btn" onClick={() => loadSessions(cursor)}>
                Load more
              </button>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="user-findings-title">
        <h2 id="user-findings-title" class="section-title">Findings <span class="muted small">· last 365 days</span></h2>
        {findings.error ? (
          <ErrorBox error={findings.error} onRetry={findings.reload} />
        ) : !findings.data ? (
          <Loading />
        ) : findings.data.findings.length === 0 ? (
          <Empty title="No finding in this user's sessions." />
        ) : (
          <ul class="finding-list" data-testid="user-findings">
            {findings.data.findings.map((f: FlaggedTurn) => (
              <li key={f.id} class="card">
                <SeverityBadge severity={f.severity} /> <CategoryBadge category={f.category} /> <strong>{humanize(f.subtype)}</strong>{' '}
                <Link href={`/sessions/${encodeURIComponent(f.sessionId)}`}>{f.sessionId}</Link> <span class="muted small">{fmtDateTime(f.createdAt)}</span>
                <div class="clip">“{f.excerpt}”</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
