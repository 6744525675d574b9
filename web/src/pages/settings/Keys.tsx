/** Settings › API keys: create, list and revoke the keys that call the API. */
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { FormMessage, Loaded } from '../../components/ui';
import { fmtDateTime } from '../../format';
import { useAction, useAsync } from '../../hooks';

export function Keys() {
  const list = useAsync(() => api.keys(), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'admin' | 'analyst' | 'ingest'>('ingest');
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  // No success message: a new key shows itself, a revoked one shows in the table.
  const { busy, msg, run } = useAction(list.reload);

  const create = async (e: Event) => {
    e.preventDefault();
    setCopied(false);
    await run(async () => {
      const r = await api.createKey({ role, name: name.trim() || undefined });
      setCreated({ key: r.key, name: r.info.name ?? r.info.prefix });
      setName('');
    });
  };

  const revoke = async (id: number, label: string) => {
    if (!confirm(`Revoke the key “${label}”? Clients using it will get 401 at once.`)) return;
    await run(() => api.revokeKey(id));
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
      <FormMessage msg={msg} />
      <Loaded state={list}>
        {(data) => (
          <div class="table-wrap">
            <table class="table keys-table" data-testid="keys-table">
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
                {data.keys.map((k) => (
                  <tr key={k.id} data-key-id={k.id}>
                    <td>{k.name ?? <span class="muted">unnamed</span>}</td>
                    <td class="mono" data-label="Key">{k.prefix}…</td>
                    <td style={{ textTransform: 'capitalize' }} data-label="Role">{k.role}</td>
                    <td class="nowrap" data-label="Created">{fmtDateTime(k.createdAt)}</td>
                    <td class="nowrap" data-label="Last used">{k.lastUsedAt ? fmtDateTime(k.lastUsedAt) : <span class="muted">never</span>}</td>
                    <td>{k.revokedAt ? <span class="badge badge-ended">Revoked</span> : <span class="badge badge-active">Active</span>}</td>
                    <td class="num key-actions">
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
      </Loaded>
    </>
  );
}
