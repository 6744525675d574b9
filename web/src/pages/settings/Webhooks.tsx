/** Settings › Webhooks: where alerts go, which events, a test event, and every delivery with its attempts. */
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox, FormMessage, Loading } from '../../components/ui';
import { fmtDateTime } from '../../format';
import { useAction, useAsync, useInterval } from '../../hooks';
import { SEVERITIES, type Delivery, type Severity, type Webhook } from '../../types';

function eventsText(w: Webhook): string {
  const parts: string[] = [];
  if (w.events.sessionViolation) parts.push('sessions ended for a violation');
  if (w.events.minSeverity) parts.push(`findings ${w.events.minSeverity} or worse`);
  if (w.events.dailyRate) parts.push(`a daily rate ≥ ${(w.events.dailyRate.threshold * 100).toFixed(1)}% (after ${w.events.dailyRate.minTurns} turns)`);
  return parts.join('; ');
}

const STATUS_CLASS: Record<Delivery['status'], string> = { delivered: 'badge-active', failed: 'badge-violation', pending: 'badge-ended', delivering: 'badge-ended' };

function Deliveries({ webhook }: { webhook: Webhook }) {
  const list = useAsync(() => api.webhookDeliveries(webhook.id), [webhook.id]);
  // Deliveries move on in the background: refresh while one is still waiting.
  const open = list.data?.deliveries.some((d) => d.status === 'pending' || d.status === 'delivering') ?? false;
  useInterval(() => list.reload(), open ? 2000 : null);
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.deliveries.length === 0) return <p class="muted">No deliveries yet. Send a test event to check the receiver.</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid="deliveries-table">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {list.data.deliveries.map((d) => (
            <tr key={d.id} data-delivery-id={d.id}>
              <td class="mono">{d.eventType}</td>
              <td>
                <span class={`badge ${STATUS_CLASS[d.status]}`} data-testid="delivery-status">
                  {d.status}
                </span>
                {d.nextAttemptAt && <div class="muted small">next try {fmtDateTime(d.nextAttemptAt)}</div>}
              </td>
              <td class="nowrap">{fmtDateTime(d.createdAt)}</td>
              <td>
                <ol class="attempts">
                  {d.attempts.map((a) => (
                    <li key={a.attempt} data-testid="delivery-attempt">
                      {fmtDateTime(a.startedAt)}: {a.statusCode !== null ? `HTTP ${a.statusCode}` : 'no answer'} in {a.durationMs} ms
                      {a.error && <span class="muted"> — {a.error}</span>}
                      {a.response && <code class="small response">{a.response.slice(0, 200)}</code>}
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Webhooks() {
  const list = useAsync(() => api.webhooks(), []);
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<'json' | 'slack'>('json');
  const [violation, setViolation] = useState(true);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [rate, setRate] = useState('');
  const [secret, setSecret] = useState<{ secret: string; url: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const { busy, msg, run: act } = useAction(list.reload);

  const create = (e: Event) => {
    e.preventDefault();
    const threshold = rate.trim() === '' ? null : Number(rate) / 100;
    void act(async () => {
      const r = await api.createWebhook({
        url: url.trim(),
        format,
        events: { sessionViolation: violation, minSeverity: severity || null, dailyRate: threshold === null ? null : { threshold } },
      });
      setSecret({ secret: r.secret, url: r.webhook.url });
      setOpen(r.webhook.id);
      setUrl('');
    }, null);
  };

  return (
    <>
      <section class="card">
        <h2>Add a webhook</h2>
        <form class="form" onSubmit={create}>
          <label>
            URL
            <input type="url" required value={url} placeholder="https://hooks.example.com/chatlens" onInput={(e) => setUrl(e.currentTarget.value)} />
          </label>
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.currentTarget.value as 'json' | 'slack')}>
              <option value="json">Chatlens event (JSON, signed)</option>
              <option value="slack">Slack incoming webhook</option>
            </select>
          </label>
          <label class="field-inline">
            <input type="checkbox" checked={violation} onChange={(e) => setViolation(e.currentTarget.checked)} /> A session is ended for a violation
          </label>
          <label>
            Findings at or above
            <select value={severity} onChange={(e) => setSeverity(e.currentTarget.value as Severity | '')}>
              <option value="">off</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Daily rate threshold (%)
            <input type="number" min="0.1" max="100" step="0.1" value={rate} placeholder="off" onInput={(e) => setRate(e.currentTarget.value)} />
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Add webhook
            </button>
          </div>
        </form>
        <p class="muted small">Deliveries are signed with HMAC-SHA256 (headers X-Chatlens-Timestamp and X-Chatlens-Signature) and retried for 24 hours; see docs/webhooks.md for verifying them.</p>
      </section>
      {secret && (
        <div class="secret" role="status" data-testid="new-webhook-secret">
          <div>
            <strong>Copy the signing secret for {secret.url} now.</strong> It is shown only this once.
          </div>
          <code data-testid="new-webhook-secret-value">{secret.secret}</code>
          <button type="button" class="btn btn-small" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      <FormMessage msg={msg} />
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.webhooks.length === 0 ? (
        <p class="muted">No webhooks yet: add one to hear about violations as they happen.</p>
      ) : (
        list.data.webhooks.map((w) => (
          <section class="card" key={w.id} data-webhook-id={w.id}>
            <h2 class="mono" style={{ overflowWrap: 'anywhere' }}>{w.url}</h2>
            <p>
              {w.active ? <span class="badge badge-active">Active</span> : <span class="badge badge-ended">Disabled</span>} {w.format === 'slack' ? 'Slack message' : 'Signed JSON'} on {eventsText(w)}
            </p>
            <div class="actions">
              <button type="button" class="btn btn-small" disabled={busy || !w.active} onClick={() => void act(async () => { await api.testWebhook(w.id); setOpen(w.id); }, 'Test event queued.')}>
                Send test event
              </button>
              <button type="button" class="btn btn-small" onClick={() => setOpen(open === w.id ? null : w.id)} aria-expanded={open === w.id}>
                {open === w.id ? 'Hide deliveries' : 'Deliveries'}
              </button>
              <button type="button" class="btn btn-small" disabled={busy} onClick={() => void act(() => api.updateWebhook(w.id, { active: !w.active }), w.active ? 'Webhook disabled.' : 'Webhook enabled.')}>
                {w.active ? 'Disable' : 'Enable'}
              </button>
              <button
                type="button"
                class="btn btn-small btn-danger"
                disabled={busy}
                onClick={() => {
                  if (!confirm(`Delete the webhook to ${w.url}? Its delivery history goes too.`)) return;
                  void act(() => api.deleteWebhook(w.id), 'Webhook deleted.');
                }}
              >
                Delete
              </button>
            </div>
            {open === w.id && <Deliveries key={`${w.id}-${busy}`} webhook={w} />}
          </section>
        ))
      )}
    </>
  );
}
