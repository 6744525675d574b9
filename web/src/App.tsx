import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api';
import { AuthContext, type AuthState } from './auth';
import { Layout } from './components/Layout';
import { ErrorBox, Loading } from './components/ui';
import { LoginPage } from './pages/Login';
import { MonitorPage } from './pages/Monitor';
import { SessionPage } from './pages/Session';
import { TrendsPage } from './pages/Trends';
import { FindingsPage } from './pages/Findings';
import { UsagePage } from './pages/Usage';
import { UploadsPage } from './pages/Uploads';
import { SettingsPage } from './pages/Settings';
import { NotFoundPage } from './pages/NotFound';
import { ReviewPage } from './pages/Review';
import { UserPage } from './pages/User';
import { navigate, useLocation } from './router';
import type { Me } from './types';

type Boot = { state: 'loading' } | { state: 'signed-out'; reason?: string } | { state: 'signed-in'; me: Me } | { state: 'error'; error: Error };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const loc = useLocation();

  const check = () => {
    api.me().then(
      (me) => {
        setCsrfToken(me.csrfToken);
        setBoot({ state: 'signed-in', me });
      },
      (err: Error) => setBoot(err instanceof ApiError && err.status === 401 ? { state: 'signed-out' } : { state: 'error', error: err }),
    );
  };

  useEffect(() => {
    check();
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setBoot({ state: 'signed-out', reason: 'Your session has ended. Please sign in again.' });
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  if (boot.state === 'loading') return <div class="boot"><Loading label="Loading Chatlens…" /></div>;
  if (boot.state === 'error') return <div class="boot"><ErrorBox error={boot.error} onRetry={check} /></div>;
  if (boot.state === 'signed-out') {
    return (
      <LoginPage
        notice={boot.reason}
        onSignedIn={(me) => {
          setCsrfToken(me.csrfToken);
          setBoot({ state: 'signed-in', me });
          if (loc.path === '/login') navigate('/', { replace: true });
        }}
      />
    );
  }

  const auth: AuthState = {
    me: boot.me,
    signOut: async () => {
      try {
        await api.logout();
      } finally {
        setCsrfToken(null);
        setBoot({ state: 'signed-out' });
        navigate('/', { replace: true });
      }
    },
  };
  return (
    <AuthContext.Provider value={auth}>
      <Layout path={loc.path}>{route(loc.path, boot.me)}</Layout>
    </AuthContext.Provider>
  );
}

function route(path: string, me: Me): ComponentChildren {
  if (path === '/' || path === '/login' || path === '/monitor') return <MonitorPage />;
  const session = /^\/sessions\/([^/]+)$/.exec(path);
  if (session) return <SessionPage id={decodeURIComponent(session[1])} key={session[1]} />;
  const user = /^\/users\/([^/]+)$/.exec(path);
  if (user) return <UserPage userId={decodeURIComponent(user[1])} key={user[1]} />;
  if (path === '/review') return <ReviewPage />;
  if (path === '/trends') return <TrendsPage />;
  if (path === '/trends/findings') return <FindingsPage />;
  if (path === '/usage') return <UsagePage />;
  if (path === '/uploads') return <UploadsPage />;
  if (path === '/settings') return <SettingsPage me={me} />;
  return <NotFoundPage />;
}
