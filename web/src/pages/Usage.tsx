/**
 * Usage: the reporting API (/api/v2/reporting/*) as charts and one merged daily table, the table
 * an analyst would otherwise build by hand from the six reports, with a CSV download.
 */
import { useMemo } from 'preact/hooks';
import { api } from '../api';
import { useAuth } from '../auth';
import { Chart } from '../components/Chart';
import { Empty, ErrorBox, Loading, PageHeader, Segmented, Stat } from '../components/ui';
import { addDays, fmtDay, fmtDec, fmtFullDateTime, fmtInt, todayUtc } from '../format';
import { useAsync, useTitle } from '../hooks';
import { setQuery, useLocation } from '../router';
import type { ChatSessionsDay, DocumentsDay, FeedbackDay, MembersReport, Report, TokenUsageReport, ToolsDay, UserActivitiesDay } from '../types';
import { TokenUsagePanel, companyBlock, fmtUsd } from './usage/TokenUsage';
import { type UsageRow, datesOf, mergeUsage as mergeDaily, toCsv } from '../../../src/client/merge.js';

/** One merged row per day; the names follow the analyst's dataframe (the SDK builds it). */
export type { UsageRow };

const COLUMNS: { key: keyof Omit<UsageRow, 'tools'>; label: string; decimals?: boolean; money?: boolean }[] = [
  { key: 'date', label: 'Date' },
  { key: 'nb_sessions', label: 'Sessions' },
  { key: 'unique_models', label: 'Models' },
  { key: 'average_session', label: 'Msgs / session', decimals: true },
  { key: 'user_queries', label: 'User queries' },
  { key: 'model_responses', label: 'Responses' },
  { key: 'model_responses_with_docs', label: 'With docs' },
  { key: 'model_responses_without_docs', label: 'Without docs' },
  { key: 'likes', label: 'Likes' },
  { key: 'dislikes', label: 'Dislikes' },
  { key: 'copies', label: 'Copies' },
  { key: 'tool_uses', label: 'Tool uses' },
  { key: 'document_uses', label: 'Document uses' },
  { key: 'active_users', label: 'Active users' },
  { key: 'input_tokens', label: 'Input tokens' },
  { key: 'output_tokens', label: 'Output tokens' },
  { key: 'cost_usd', label: 'Cost (USD)', money: true },
];

const PRESETS = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
];

interface UsageData {
  rows: UsageRow[];
  toolNames: string[];
  documents: { id: number; title: string; filename: string; uses: number }[];
  users: { user_id: string; email: string | null; last: string | null; queries: number }[];
  members: MembersReport['reporting'][number] | null;
  lastResponse: string | null;
  tokens: ReturnType<typeof companyBlock>;
}

export function mergeUsage(
  companyId: number | null,
  sessions: Report<ChatSessionsDay>,
  feedback: Report<FeedbackDay>,
  tools: Report<ToolsDay>,
  documents: Report<DocumentsDay>,
  activities: Report<UserActivitiesDay>,
  members: MembersReport,
  tokenUsage: TokenUsageReport,
): UsageData {
  const rows = mergeDaily({ chatSessions: sessions, chatsFeedback: feedback, tools, usedDocuments: documents, userActivities: activities, tokenUsage }, companyId);
  let lastResponse: string | null = null;
  for (const d of datesOf(sessions, companyId)) {
    if (d.chats.last_model_response_date && (!lastResponse || d.chats.last_model_response_date > lastResponse)) lastResponse = d.chats.last_model_response_date;
  }
  const toolNames = new Set(rows.flatMap((r) => Object.keys(r.tools)));
  const docs = new Map<number, UsageData['documents'][number]>();
  for (const d of datesOf(documents, companyId)) {
    for (const doc of d.documents) {
      const x = docs.get(doc.document_id) ?? { id: doc.document_id, title: doc.document_title, filename: doc.document_filename, uses: 0 };
      x.uses += doc.usage_count;
      docs.set(doc.document_id, x);
    }
  }
  const users = new Map<string, UsageData['users'][number]>();
  for (const d of datesOf(activities, companyId)) {
    for (const u of d.users) {
      const x = users.get(u.user_id) ?? { user_id: u.user_id, email: u.email, last: null, queries: 0 };
      x.queries += u.user_queries_count;
      if (u.last_connection_date && (!x.last || u.last_connection_date > x.last)) x.last = u.last_connection_date;
      x.email = x.email ?? u.email;
      users.set(u.user_id, x);
    }
  }
  return {
    rows,
    toolNames: [...toolNames].sort(),
    documents: [...docs.values()].sort((a, b) => b.uses - a.uses),
    users: [...users.values()].sort((a, b) => (b.last ?? '').localeCompare(a.last ?? '') || b.queries - a.queries),
    members: members.reporting.find((x) => x.company.id === companyId) ?? members.reporting[0] ?? null,
    lastResponse,
    tokens: companyBlock(tokenUsage, companyId),
  };
}

/** The merged table as CSV: the table's columns, then one `tool:<name>` column per tool. */
export function usageCsv(data: UsageData): string {
  return toCsv(
    data.rows.map((r) => ({
      ...Object.fromEntries(COLUMNS.map((c) => [c.key, r[c.key]])),
      ...Object.fromEntries(data.toolNames.map((t) => [`tool:${t}`, r.tools[t] ?? 0])),
    })),
  );
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const validDay = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : null);

export function UsagePage() {
  useTitle('Usage');
  const { me } = useAuth();
  const { query } = useLocation();
  const today = todayUtc();
  const end = validDay(query.get('end')) ?? today;
  const start = validDay(query.get('start')) ?? addDays(end, -29);
  const span = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  const preset = end === today ? PRESETS.find((p) => Number(p.value) === span)?.value ?? '' : '';
  const bad = start > end ? 'The start date must be on or before the end date.' : null;

  const state = useAsync(
    async (signal) => {
      if (bad) return null;
      const w = { start_date: start, end_date: end };
      const [s, f, t, d, a, m, u] = await Promise.all([
        api.chatSessions(w, signal),
        api.feedback(w, signal),
        api.tools(w, signal),
        api.documents(w, signal),
        api.userActivities(w, signal),
        api.members(w, signal),
        api.tokenUsage(w, signal),
      ]);
      return mergeUsage(me.companyId, s, f, t, d, a, m, u);
    },
    [start, end],
  );

  return (
    <>
      <PageHeader
        title="Usage"
        subtitle="Sessions, queries, responses, feedback, tools, documents, active users, tokens and cost per UTC day."
        actions={
          <>
            <Segmented label="Window" value={preset} options={PRESETS} onChange={(v) => setQuery({ start: addDays(today, -(Number(v) - 1)), end: null })} />
            <button type="button" class="btn" disabled={!state.data} onClick={() => state.data && download(`chatlens-usage-${start}-to-${end}.csv`, usageCsv(state.data))}>
              Download CSV
            </button>
          </>
        }
      />
      <div class="toolbar">
        <label class="field-inline">
          <span>From</span>
          <input type="date" value={start} max={end} onChange={(e) => validDay(e.currentTarget.value) && setQuery({ start: e.currentTarget.value })} />
        </label>
        <label class="field-inline">
          <span>To</span>
          <input type="date" value={end} max={today} onChange={(e) => validDay(e.currentTarget.value) && setQuery({ end: e.currentTarget.value === today ? null : e.currentTarget.value })} />
        </label>
        <span class="muted small">{fmtInt(span)} days, UTC</span>
      </div>
      {bad ? (
        <div class="form-error">{bad}</div>
      ) : state.error ? (
        <ErrorBox error={state.error} onRetry={state.reload} />
      ) : !state.data ? (
        <Loading label="Loading usage…" />
      ) : (
        <UsageBody data={state.data} stale={state.loading} />
      )}
    </>
  );
}

function sum(rows: UsageRow[], k: keyof Omit<UsageRow, 'tools' | 'date'>): number {
  return rows.reduce((a, r) => a + r[k], 0);
}

function UsageBody({ data, stale }: { data: UsageData; stale: boolean }) {
  const rows = data.rows;
  const days = useMemo(() => rows.map((r) => r.date), [rows]);
  const charts = useMemo(
    () => ({
      traffic: { series: [{ label: 'Sessions', color: '#1f5f8b' }, { label: 'User queries', color: '#7a9cc0' }], data: [rows.map((r) => r.nb_sessions), rows.map((r) => r.user_queries)] },
      responses: { series: [{ label: 'With documents', color: '#2b8a6e' }, { label: 'Without documents', color: '#a3b1c2' }], data: [rows.map((r) => r.model_responses_with_docs), rows.map((r) => r.model_responses_without_docs)] },
      feedback: { series: [{ label: 'Likes', color: '#1d7a4f' }, { label: 'Dislikes', color: '#b42318' }, { label: 'Copies', color: '#6b7482' }], data: [rows.map((r) => r.likes), rows.map((r) => r.dislikes), rows.map((r) => r.copies)] },
      users: { series: [{ label: 'Active users', color: '#6d4fc2', fill: true }, { label: 'Tool uses', color: '#c27803' }], data: [rows.map((r) => r.active_users), rows.map((r) => r.tool_uses)] },
    }),
    [rows],
  );
  const responses = sum(rows, 'model_responses');
  const withDocs = sum(rows, 'model_responses_with_docs');
  const empty = rows.every((r) => r.nb_sessions === 0 && r.user_queries === 0 && r.model_responses === 0 && r.active_users === 0);

  return (
    <div class={stale ? 'stale' : ''} aria-busy={stale}>
      <section class="stats" aria-label="Totals for the window">
        <Stat label="Sessions" value={fmtInt(sum(rows, 'nb_sessions'))} testId="usage-sessions" />
        <Stat label="User queries" value={fmtInt(sum(rows, 'user_queries'))} testId="usage-queries" />
        <Stat label="Model responses" value={fmtInt(responses)} testId="usage-responses">
          <span class="muted">{fmtInt(withDocs)} with documents ({responses ? Math.round((withDocs / responses) * 100) : 0}%)</span>
        </Stat>
        <Stat label="Feedback" value={`${fmtInt(sum(rows, 'likes'))} / ${fmtInt(sum(rows, 'dislikes'))}`} testId="usage-feedback">
          <span class="muted">likes / dislikes · {fmtInt(sum(rows, 'copies'))} copies</span>
        </Stat>
        <Stat label="Active members" value={fmtInt(data.members?.current_active_members ?? 0)} testId="usage-active-members">
          <span class="muted">of {fmtInt(data.members?.total_historical_members ?? 0)} ever seen</span>
        </Stat>
      </section>

      {empty && <Empty title="No chat traffic in this window.">Send events through the ingest API or upload a transcript, or choose another window.</Empty>}

      <section class="chart-grid two">
        <div class="card"><Chart title="Sessions and user queries" days={days} series={charts.traffic.series} data={charts.traffic.data} height={190} /></div>
        <div class="card"><Chart title="Model responses, with and without documents" days={days} series={charts.responses.series} data={charts.responses.data} height={190} /></div>
        <div class="card"><Chart title="Feedback" days={days} series={charts.feedback.series} data={charts.feedback.data} height={190} /></div>
        <div class="card"><Chart title="Active users and tool use" days={days} series={charts.users.series} data={charts.users.data} height={190} /></div>
      </section>

      {data.tokens && <TokenUsagePanel block={data.tokens} />}

      <section class="card">
        <h2>Daily table</h2>
        <p class="muted small">One row per UTC day, merged from the chat-sessions, chats-feedback, tools, used-documents and user-activities reports and the token usage report. The CSV adds one column per tool.</p>
        <div class="table-wrap">
          <table class="table table-dense" data-testid="usage-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th scope="col" class={c.key === 'date' ? '' : 'num'} key={c.key}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...rows].reverse().map((r) => (
                <tr key={r.date} data-date={r.date}>
                  {COLUMNS.map((c) =>
                    c.key === 'date' ? (
                      <th scope="row" class="nowrap" key={c.key}>{fmtDay(r.date)}</th>
                    ) : (
                      <td class="num" data-field={c.key} key={c.key}>
                        {c.money ? fmtUsd(r[c.key] as number) : c.decimals ? fmtDec(r[c.key] as number) : fmtInt(r[c.key] as number)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-date="total">
                <th scope="row">Total</th>
                {COLUMNS.slice(1).map((c) => (
                  <td class="num" key={c.key}>
                    {c.key === 'average_session' || c.key === 'unique_models' || c.key === 'active_users'
                      ? ''
                      : c.money
                        ? fmtUsd(data.tokens?.totals.cost_usd ?? 0)
                        : fmtInt(sum(rows, c.key as keyof Omit<UsageRow, 'tools' | 'date'>))}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <div class="grid-2">
        <section class="card">
          <h2>Tools</h2>
          {data.toolNames.length === 0 ? (
            <p class="muted">No tool was used in this window.</p>
          ) : (
            <table class="table table-compact" data-testid="usage-tools">
              <thead><tr><th scope="col">Tool</th><th scope="col" class="num">Uses</th></tr></thead>
              <tbody>
                {data.toolNames
                  .map((t) => ({ t, n: rows.reduce((a, r) => a + (r.tools[t] ?? 0), 0) }))
                  .sort((a, b) => b.n - a.n)
                  .map(({ t, n }) => (
                    <tr key={t} data-tool={t}><td class="mono">{t}</td><td class="num">{fmtInt(n)}</td></tr>
                  ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="card">
          <h2>Documents used</h2>
          {data.documents.length === 0 ? (
            <p class="muted">No document was used in this window.</p>
          ) : (
            <table class="table table-compact">
              <thead><tr><th scope="col">Document</th><th scope="col" class="num">Uses</th></tr></thead>
              <tbody>
                {data.documents.slice(0, 10).map((d) => (
                  <tr key={d.id}><td><div>{d.title || d.filename}</div>{d.title && <div class="muted small mono">{d.filename}</div>}</td><td class="num">{fmtInt(d.uses)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <section class="card">
        <h2>Latest connections</h2>
        {data.users.length === 0 ? (
          <p class="muted">No end user was active in this window.</p>
        ) : (
          <div class="table-wrap">
            <table class="table table-compact" data-testid="usage-users">
              <thead><tr><th scope="col">End user</th><th scope="col">Email</th><th scope="col">Last connection</th><th scope="col" class="num">Queries in window</th></tr></thead>
              <tbody>
                {data.users.slice(0, 15).map((u) => (
                  <tr key={u.user_id}>
                    <td class="mono">{u.user_id}</td>
                    <td>{u.email ?? <span class="muted">—</span>}</td>
                    <td class="nowrap">{u.last ? fmtFullDateTime(u.last) : <span class="muted">—</span>}</td>
                    <td class="num">{fmtInt(u.queries)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data.lastResponse && <p class="muted small">Last model response: {fmtFullDateTime(data.lastResponse)}</p>}
      </section>
    </div>
  );
}

