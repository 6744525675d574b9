/** Settings (company admins): members, API keys and the analysis policy. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox, Link, Loading, PageHeader } from '../components/ui';
import { fmtDateTime, humanize } from '../format';
import { useAsync, useTitle } from '../hooks';
import { setQuery, useLocation } from '../router';
import { ALL_SUBTYPES, CATEGORIES, PRESETS, SEVERITIES, SUBTYPES, type Account, type Me, type Policy, type Severity, type SubtypeOverride } from '../types';
import { CATEGORY_LABEL } from '../components/ui';

const TABS = [
  { id: 'members', label: 'Members' },
  { id: 'keys', label: 'API keys' },
  { id: 'policy', label: 'Policy' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function SettingsPage({ me }: { me: Me }) {
  useTitle('Settings');
  const { query } = useLocation();
  const tab: Tab = TABS.find((t) => t.id === query.get('tab'))?.id ?? 'members';
  if (me.role !== 'admin') {
    return (
      <>
        <PageHeader title="Settings" />
        <div class="state state-error" role="alert" data-testid="forbidden">
          <strong>You need the admin role to manage settings.</strong>
          <div>Members, API keys and the policy of {me.companyName ?? 'this company'} are managed by its admins. Ask one of them for access.</div>
          <Link href="/monitor">Back to the live monitor</Link>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Settings" subtitle={`${me.companyName ?? 'Company'}: who can sign in, which keys can call the API, and what the analysis flags.`} />
      <div class="tabs" role="tablist" aria-label="Settings sections">
        {TABS.map((t, i) => (
          <button
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            key={t.id}
            onClick={() => setQuery({ tab: t.id === 'members' ? null : t.id })}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
              setQuery({ tab: next.id === 'members' ? null : next.id });
              requestAnimationFrame(() => document.getElementById(`tab-${next.id}`)?.focus());
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'members' && <Members me={me} />}
        {tab === 'keys' && <Keys />}
        {tab === 'policy' && <PolicyForm />}
      </div>
    </>
  );
}

function Members({ me }: { me: Me }) {
  const list = useAsync(() => api.accounts(), []);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'analyst'>('analyst');
  const [password, setPassword] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setMsg(null);
    try {
      await fn();
      setMsg({ ok: true, text: ok });
      list.reload();
    } catch (err) {
      setMsg({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const add = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      await api.addAccount({ email: email.trim(), role, password });
      setEmail('');
      setPassword('');
    }, `Added ${email.trim()}. Share the password with them through a safe channel.`);
  };

  return (
    <>
      <section class="card">
        <h2>Add a member</h2>
        <form class="form" onSubmit={add}>
          <label>
            Email
            <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autocomplete="off" />
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.currentTarget.value as 'admin' | 'analyst')}>
              <option value="analyst">Analyst</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          <label>
            Initial password
            <input type="password" required minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} autocomplete="new-password" />
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Add member
            </button>
          </div>
        </form>
        <p class="muted small">Analysts read the monitor, trends, usage and uploads; admins also manage these settings.</p>
      </section>
      {msg && <div class={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</div>}
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.accounts.map((a: Account) => {
                const self = a.email === me.email;
                return (
                  <tr key={a.id} data-account-email={a.email}>
                    <td>
                      {a.email}
                      {self && <span class="muted small"> (you)</span>}
                    </td>
                    <td>
                      <select
                        aria-label={`Role of ${a.email}`}
                        value={a.role}
                        disabled={busy || self}
                        onChange={(e) => {
                          const r = e.currentTarget.value as 'admin' | 'analyst';
                          void act(() => api.updateAccount(a.id, { role: r }), `${a.email} is now ${r === 'admin' ? 'an admin' : 'an analyst'}.`);
                        }}
                      >
                        <option value="analyst">Analyst</option>
                        <option value="admin">Admin</option>
                      </select>
                    </td>
                    <td>{a.active ? <span class="badge badge-active">Active</span> : <span class="badge badge-ended">Deactivated</span>}</td>
                    <td class="nowrap">{fmtDateTime(a.createdAt)}</td>
                    <td class="num">
                      {!self && (
                        <button
                          type="button"
                          class={`btn btn-small ${a.active ? 'btn-danger' : ''}`}
                          disabled={busy}
                          onClick={() => {
                            if (a.active && !confirm(`Deactivate ${a.email}? They will be signed out and unable to sign in.`)) return;
                            void act(() => api.updateAccount(a.id, { active: !a.active }), `${a.email} ${a.active ? 'deactivated' : 'reactivated'}.`);
                          }}
                        >
                          {a.active ? 'Deactivate' : 'Reactivate'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Keys() {
  const list = useAsync(() => api.keys(), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'admin' | 'analyst' | 'ingest'>('ingest');
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const r = await api.createKey({ role, name: name.trim() || undefined });
      setCreated({ key: r.key, name: r.info.name ?? r.info.prefix });
      setName('');
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: number, label: string) => {
    if (!confirm(`Revoke the key “${label}”? Clients using it will get 401 at once.`)) return;
    setBusy(true);
    setError(null);
    try {
      await api.revokeKey(id);
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section class="card">
        <h2>Create an API key</h2>
        <form class="form" onSubmit={create}>
          <label>
            Name
            <input type="text" value={name} maxLength={200} placeholder="e.g. support bot production" onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.currentTarget.value as 'admin' | 'analyst' | 'ingest')}>
              <option value="ingest">Ingest: send chat events</option>
              <option value="analyst">Analyst: read reports</option>
              <option value="admin">Admin: everything</option>
            </select>
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Create key
            </button>
          </div>
        </form>
      </section>
      {created && (
        <div class="secret" role="status" data-testid="new-key">
          <div>
            <strong>Copy the key “{created.name}” now.</strong> It is shown only this once; Chatlens stores only its hash.
          </div>
          <code data-testid="new-key-value">{created.key}</code>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => navigator.clipboard?.writeText(created.key).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {error && <div class="form-error" role="alert">{error}</div>}
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="keys-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.keys.map((k) => (
                <tr key={k.id} data-key-id={k.id}>
                  <td>{k.name ?? <span class="muted">unnamed</span>}</td>
                  <td class="mono">{k.prefix}…</td>
                  <td style={{ textTransform: 'capitalize' }}>{k.role}</td>
                  <td class="nowrap">{fmtDateTime(k.createdAt)}</td>
                  <td class="nowrap">{k.lastUsedAt ? fmtDateTime(k.lastUsedAt) : <span class="muted">never</span>}</td>
                  <td>{k.revokedAt ? <span class="badge badge-ended">Revoked</span> : <span class="badge badge-active">Active</span>}</td>
                  <td class="num">
                    {!k.revokedAt && (
                      <button type="button" class="btn btn-small btn-danger" disabled={busy} onClick={() => void revoke(k.id, k.name ?? k.prefix)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const lines = (s: string) => [...new Set(s.split('\n').map((x) => x.trim()).filter(Boolean))];

function PolicyForm() {
  const state = useAsync(() => api.policy(), []);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [allow, setAllow] = useState('');
  const [deny, setDeny] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!state.data) return;
    setDraft(state.data);
    setAllow(state.data.allowList.join('\n'));
    setDeny(state.data.denyList.join('\n'));
  }, [state.data]);

  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!draft) return <Loading />;

  const setOverride = (subtype: string, patch: Partial<SubtypeOverride>) => {
    const o: SubtypeOverride = { ...(draft.overrides[subtype] ?? {}), ...patch };
    for (const k of Object.keys(o) as (keyof SubtypeOverride)[]) if (o[k] === undefined || o[k] === false) delete o[k];
    const overrides = { ...draft.overrides };
    if (Object.keys(o).length) overrides[subtype] = o;
    else delete overrides[subtype];
    setDraft({ ...draft, overrides });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMsg(null);
    try {
      const saved = await api.savePolicy({ ...draft, allowList: lines(allow), denyList: lines(deny) });
      setDraft(saved);
      setAllow(saved.allowList.join('\n'));
      setDeny(saved.denyList.join('\n'));
      setMsg({ ok: true, text: 'Policy saved. It applies to turns analysed from now on.' });
    } catch (err) {
      setMsg({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} data-testid="policy-form">
      <section class="card">
        <h2>Thresholds</h2>
        <div class="form">
          <label>
            Preset
            <select value={draft.preset} onChange={(e) => setDraft({ ...draft, preset: e.currentTarget.value as Policy['preset'] })}>
              {PRESETS.map((p) => (
                <option value={p} key={p}>
                  {p.charAt(0).toUpperCase() + p.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <label>
            End a live session at
            <select value={draft.endSessionAt ?? ''} onChange={(e) => setDraft({ ...draft, endSessionAt: (e.currentTarget.value || null) as Severity | null })}>
              <option value="">Never end sessions</option>
              {SEVERITIES.map((s) => (
                <option value={s} key={s}>
                  {s.charAt(0).toUpperCase() + s.slice(1)} severity or above
                </option>
              ))}
            </select>
          </label>
        </div>
        <p class="muted small">Strict flags more (lower score threshold), lenient flags less. A live session whose finding reaches the chosen severity is ended and marked as a violation.</p>
      </section>
      <section class="card">
        <h2>Per-subtype overrides</h2>
        <div class="table-wrap">
          <table class="table table-compact">
            <thead>
              <tr>
                <th scope="col">Subtype</th>
                <th scope="col">Enabled</th>
                <th scope="col">Minimum score</th>
                <th scope="col">Severity</th>
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.flatMap((c) =>
                SUBTYPES[c].map((s) => {
                  const o = draft.overrides[s] ?? {};
                  return (
                    <tr key={s} data-subtype={s}>
                      <th scope="row">
                        <span class={`swatch cat-${c}`} aria-hidden="true" /> {humanize(s)} <span class="muted small">({CATEGORY_LABEL[c]})</span>
                      </th>
                      <td>
                        <input type="checkbox" aria-label={`${humanize(s)} enabled`} checked={!o.disabled} onChange={(e) => setOverride(s, { disabled: !e.currentTarget.checked })} />
                      </td>
                      <td>
                        <input
                          type="number"
                          min={0}
                          max={1}
                          step={0.05}
                          placeholder="preset"
                          aria-label={`${humanize(s)} minimum score`}
                          value={o.minScore ?? ''}
                          onChange={(e) => setOverride(s, { minScore: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}
                          style={{ width: '7em' }}
                        />
                      </td>
                      <td>
                        <select aria-label={`${humanize(s)} severity`} value={o.severity ?? ''} onChange={(e) => setOverride(s, { severity: (e.currentTarget.value || undefined) as Severity | undefined })}>
                          <option value="">Detector's</option>
                          {SEVERITIES.map((v) => (
                            <option value={v} key={v}>
                              {v}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
        <p class="muted small">{ALL_SUBTYPES.length} subtypes. An empty field keeps the preset's value.</p>
      </section>
      <div class="grid-2">
        <section class="card">
          <h2>Allow list</h2>
          <p class="muted small">Terms never flagged (one per line), e.g. product names that look like profanity.</p>
          <textarea aria-label="Allow list" value={allow} onInput={(e) => setAllow(e.currentTarget.value)} />
        </section>
        <section class="card">
          <h2>Deny list</h2>
          <p class="muted small">Terms always flagged (one per line).</p>
          <textarea aria-label="Deny list" value={deny} onInput={(e) => setDeny(e.currentTarget.value)} />
        </section>
      </div>
      {msg && <div class={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</div>}
      <div class="list-footer">
        <button type="button" class="btn" disabled={busy} onClick={() => state.reload()}>
          Discard changes
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}
