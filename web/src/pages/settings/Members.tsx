/** Settings › Members: who can sign in, with which role. */
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { FormMessage, Loaded } from '../../components/ui';
import { fmtDateTime } from '../../format';
import { useAction, useAsync } from '../../hooks';
import { type Account, type Me } from '../../types';

export function Members({ me }: { me: Me }) {
  const list = useAsync(() => api.accounts(), []);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'analyst'>('analyst');
  const [password, setPassword] = useState('');
  const { busy, msg, run: act } = useAction(list.reload);

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
      <FormMessage msg={msg} />
      <Loaded state={list}>
        {(data) => (
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
                {data.accounts.map((a: Account) => {
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
      </Loaded>
    </>
  );
}
