/** Settings (company admins): members, API keys, the analysis policy, monitoring (idle time), webhooks, and data (retention, export, erasure, audit log). */
import { useEffect } from 'preact/hooks';
import { Link, PageHeader } from '../components/ui';
import { useTitle } from '../hooks';
import { setQuery, useLocation } from '../router';
import type { Me } from '../types';
import { Keys } from './settings/Keys';
import { Members } from './settings/Members';
import { PolicyForm } from './settings/Policy';
import { Webhooks } from './settings/Webhooks';
import { DataSettings } from './settings/Data';
import { MonitoringSettings } from './settings/Monitoring';

const TABS = [
  { id: 'members', label: 'Members' },
  { id: 'keys', label: 'API keys' },
  { id: 'policy', label: 'Policy' },
  { id: 'monitoring', label: 'Monitoring' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'data', label: 'Data' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function SettingsPage({ me }: { me: Me }) {
  useTitle('Settings');
  const { query } = useLocation();
  const tab: Tab = TABS.find((t) => t.id === query.get('tab'))?.id ?? 'members';
  // On a narrow screen the tab strip scrolls: keep the open tab in sight.
  useEffect(() => document.getElementById(`tab-${tab}`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' }), [tab]);
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
        {tab === 'monitoring' && <MonitoringSettings />}
        {tab === 'webhooks' && <Webhooks />}
        {tab === 'data' && <DataSettings />}
      </div>
    </>
  );
}

