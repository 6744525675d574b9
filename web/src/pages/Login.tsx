import { useState } from 'preact/hooks';
import { api } from '../api';
import { useTitle } from '../hooks';
import type { Me } from '../types';
import { Logo } from '../components/Layout';

export function LoginPage({ onSignedIn, notice }: { onSignedIn: (me: Me) => void; notice?: string }) {
  useTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(email.trim(), password));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="login-brand">
          <Logo />
          <span>Chatlens</span>
        </div>
        <h1 id="login-title">Sign in</h1>
        <p class="muted">Monitoring and safety analysis for your chat assistants.</p>
        {notice && !error && <div class="notice">{notice}</div>}
        {error && (
          <div class="form-error" role="alert">
            {error}
          </div>
        )}
        <label>
          Email
          <input type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autofocus />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="muted small">
          Using the API instead? See the <a href="/docs">API reference</a>.
        </p>
      </form>
    </main>
  );
}
