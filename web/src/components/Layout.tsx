import type { ComponentChildren } from 'preact';
import { useAuth } from '../auth';
import { Link } from './ui';

export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1f3a5f" />
      <circle cx="14" cy="14" r="7" fill="none" stroke="#fff" stroke-width="3" />
      <path d="M19 19l6 6" stroke="#7dd3c0" stroke-width="3.5" stroke-linecap="round" />
    </svg>
  );
}

const ICONS: Record<string, string> = {
  monitor: 'M3 12h4l3-8 4 16 3-8h4',
  trends: 'M3 17l6-6 4 4 8-8M15 7h6v6',
  usage: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  review: 'M9 11l3 3 8-8M20 12v7a2 2 0 01-2 2H6a2 2 0 01-2-2V5a2 2 0 012-2h9',
  uploads: 'M12 16V4M6 10l6-6 6 6M4 20h16',
  settings: 'M12 15a3 3 0 100-6 3 3 0 000 6zM19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-1.8-.3 1.7 1.7 0 00-1 1.5V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-1.1-1.5 1.7 1.7 0 00-1.8.3l-.1.1a2 2 0 11-2.8-2.8l.1-.1a1.7 1.7 0 00.3-1.8 1.7 1.7 0 00-1.5-1H3a2 2 0 110-4h.1a1.7 1.7 0 001.5-1.1 1.7 1.7 0 00-.3-1.8l-.1-.1a2 2 0 112.8-2.8l.1.1a1.7 1.7 0 001.8.3H9a1.7 1.7 0 001-1.5V3a2 2 0 114 0v.1a1.7 1.7 0 001 1.5 1.7 1.7 0 001.8-.3l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 00-.3 1.8V9a1.7 1.7 0 001.5 1H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z',
};

function Icon({ name }: { name: string }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d={ICONS[name]} />
    </svg>
  );
}

const NAV = [
  { href: '/monitor', label: 'Live monitor', icon: 'monitor', match: (p: string) => p === '/' || p === '/monitor' || p.startsWith('/sessions/') },
  { href: '/review', label: 'Review', icon: 'review', match: (p: string) => p === '/review' },
  { href: '/trends', label: 'Trends', icon: 'trends', match: (p: string) => p.startsWith('/trends') },
  { href: '/usage', label: 'Usage', icon: 'usage', match: (p: string) => p === '/usage' },
  { href: '/uploads', label: 'Uploads', icon: 'uploads', match: (p: string) => p === '/uploads' },
  { href: '/settings', label: 'Settings', icon: 'settings', match: (p: string) => p === '/settings', admin: true },
];

export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  const { me, signOut } = useAuth();
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <aside class="sidebar">
        <div class="brand">
          <Logo />
          <span>Chatlens</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => !n.admin || me.role === 'admin').map((n) => (
              <li key={n.href}>
                <Link href={n.href} class={n.match(path) ? 'active' : ''} aria-current={n.match(path) ? 'page' : undefined}>
                  <Icon name={n.icon} />
                  <span>{n.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <div class="account-company" title="Company">
            {me.companyName ?? 'Platform'}
          </div>
          <div class="account-email" title={me.email ?? ''}>
            {me.email ?? 'API key'}
          </div>
          <div class="account-row">
            <span class="badge badge-role">{me.role}</span>
            <button type="button" class="btn btn-link" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </aside>
      <main id="main" class="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
