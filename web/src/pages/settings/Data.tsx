/** Settings › Data: retention, export, erasure of an end user or a session, and the audit log of them. */
import { useEffect, useState } from 'preact/hooks';
import { api, withQuery } from '../../api';
import { ErrorBox, FormMessage, Loading } from '../../components/ui';
import { addDays, fmtDateTime, todayUtc } from '../../format';
import { useAction, useAsync } from '../../hooks';

function Retention({ onChange }: { onChange: () => void }) {
  const state = useAsync(() => api.retention(), []);
  const [days, setDays] = useState('');
  const { msg, run } = useAction();
  useEffect(() => {
    if (state.data) setDays(state.data.days === null ? '' : String(state.data.days));
  }, [state.data]);
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const save = async (e: Event) => {
    e.preventDefault();
    await run(
      async () => {
        const r = await api.setRetention(days.trim() === '' ? null : Number(days));
        state.reload();
        onChange();
        return r;
      },
      (r) => (r.days === null ? 'Traffic is kept forever.' : `Sessions inactive for more than ${r.days} days are deleted; daily reports keep their counts.`),
    );
  };
  return (
    <section class="card">
      <h2>Retention</h2>
      <form class="form" onSubmit={save}>
        <label>
          Keep sessions for (days)
          <input type="number" min="1" max="36500" step="1" value={days} placeholder="forever" onInput={(e) => setDays(e.currentTarget.value)} data-testid="retention-days" />
        </label>
        <div class="actions">
          <button type="submit" class="btn btn-primary">
            Save
          </button>
        </div>
      </form>
      <p class="muted small">
        A background job deletes sessions whose last activity is older than this, with their messages and findings, in small steps. Usage reports and trends keep the daily counts.
        {state.data.rawKeptFrom && ` Raw traffic before ${state.data.rawKeptFrom} has been deleted.`}
      </p>
      <FormMessage msg={msg} />
    </section>
  );
}

function Export() {
  const [start, setStart] = useState(addDays(todayUtc(), -29));
  const [end, setEnd] = useState(todayUtc());
  const [format, setFormat] = useState<'jsonl' | 'csv'>('jsonl');
  const href = withQuery('/api/export/sessions', { format, start_date: start, end_date: end });
  return (
    <section class="card">
      <h2>Export sessions</h2>
      <div class="form">
        <label>
          From
          <input type="date" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
        </label>
        <label>
          To
          <input type="date" value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
        </label>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.currentTarget.value as 'jsonl' | 'csv')}>
            <option value="jsonl">JSONL: a session per line</option>
            <option value="csv">CSV: a row per message</option>
          </select>
        </label>
        <div class="actions">
          <a class="btn btn-primary" href={href} download data-testid="export-link">
            Download
          </a>
        </div>
      </div>
    </section>
  );
}

function Erase({ onChange }: { onChange: () => void }) {
  const [kind, setKind] = useState<'user' | 'session'>('user');
  const [id, setId] = useState('');
  const { msg, run } = useAction();
  const erase = async (e: Event) => {
    e.preventDefault();
    const target = id.trim();
    if (!target || !confirm(`Erase ${kind === 'user' ? 'end user' : 'session'} “${target}” and everything stored about it? This cannot be undone.`)) return;
    await run(
      async () => {
        const r = kind === 'user' ? await api.eraseUser(target) : await api.eraseSession(target);
        setId('');
        onChange();
        return r.erased;
      },
      (c) => `Erased ${c.sessions} sessions, ${c.messages} messages, ${c.findings} findings, ${c.feedback} feedback and ${c.connections} connections.`,
    );
  };
  return (
    <section class="card">
      <h2>Erase</h2>
      <form class="form" onSubmit={erase}>
        <label>
          What
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as 'user' | 'session')}>
            <option value="user">An end user (all their data)</option>
            <option value="session">One session</option>
          </select>
        </label>
        <label>
          {kind === 'user' ? 'End user id' : 'Session id'}
          <input type="text" required maxLength={200} value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="submit" class="btn btn-danger">
            Erase
          </button>
        </div>
      </form>
      <p class="muted small">Reports and trends are adjusted to match what remains; the erasure is recorded below.</p>
      <FormMessage msg={msg} />
    </section>
  );
}

function AuditLog({ version }: { version: number }) {
  const log = useAsync(() => api.auditLog(), [version]);
  if (log.error) return <ErrorBox error={log.error} onRetry={log.reload} />;
  if (!log.data) return <Loading />;
  return (
    <section class="card">
      <h2>Audit log</h2>
      {log.data.entries.length === 0 ? (
        <p class="muted">Nothing erased or purged yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Counts</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((e) => (
                <tr key={e.id}>
                  <td class="nowrap">{fmtDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td class="mono">{e.action}</td>
                  <td class="mono">{e.target}</td>
                  <td class="small">{Object.entries(e.counts).map(([k, v]) => `${k}: ${v ?? '—'}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function DataSettings() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <>
      <Retention onChange={bump} />
      <Export />
      <Erase onChange={bump} />
      <AuditLog version={version} />
    </>
  );
}
