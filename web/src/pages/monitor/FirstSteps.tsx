/**
 * The monitor of a company that has no session at all (not one whose filters or window match
 * nothing): instead of an empty list, the first step — an ingest key (admins create one in
 * Settings; analysts are told who can) and a first turn to send, as a command with this server's
 * address, that the monitor then shows within seconds.
 */
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { Empty, Link, Loading } from '../../components/ui';
import { useAsync } from '../../hooks';

/** One live turn (POST /api/sessions/:id/messages): no timestamp to fill in, the server stamps it. */
export function firstTurnCommand(origin: string): string {
  return [
    `curl -X POST ${origin}/api/sessions/first-session/messages \\`,
    '  -H "Authorization: Bearer $CHATLENS_API_KEY" \\',
    "  -H 'content-type: application/json' \\",
    `  -d '{"messageId":"m1","role":"user","content":"Hello! What plans do you offer?","userId":"first-user"}'`,
  ].join('\n');
}

/**
 * What the monitor shows when its list is empty without filters: the first steps when the company
 * has no session at any time, otherwise that nothing was active in the window.
 */
export function EmptyMonitor({ windowLabel }: { windowLabel: string | null }) {
  // One session at any time is enough to know the company is past its first step.
  const any = useAsync((signal) => api.monitor({ since: '1970-01-01', limit: 1 }, signal), []);
  if (any.loading && !any.data) return <Loading label="Loading sessions…" />;
  if (any.data && any.data.sessions.length === 0) return <FirstSteps />;
  return (
    <Empty title={windowLabel ? `No session was active in the last ${windowLabel}.` : 'No session yet.'}>
      New conversations appear here within seconds. Widen the window to see older ones.
    </Empty>
  );
}

function FirstSteps() {
  const { me } = useAuth();
  const [copied, setCopied] = useState(false);
  const command = firstTurnCommand(window.location.origin);
  const company = me.companyName ?? 'this company';
  return (
    <section class="card first-steps" data-testid="first-steps" aria-labelledby="first-steps-title">
      <h2 id="first-steps-title">No conversation has reached {company} yet</h2>
      <p class="muted">Connect your assistant in two steps; its conversations then appear here within seconds.</p>
      <ol>
        <li data-testid="first-step-key">
          <strong>Get an ingest key.</strong>{' '}
          {me.role === 'admin' ? (
            <>
              Create one in <Link href="/settings?tab=keys">Settings › API keys</Link> with the role “Ingest: send chat events”, and copy it: it is shown only once.
            </>
          ) : (
            <>
              Only admins create API keys: ask an admin of {company} for a key with the Ingest role (they create it in Settings › API keys). Your analyst account reads
              what arrives.
            </>
          )}
        </li>
        <li>
          <strong>Send a first turn</strong> from your assistant's server, with the key in <code>CHATLENS_API_KEY</code>:
          <pre class="snippet" data-testid="first-event-snippet">
            <code>{command}</code>
          </pre>
          <button type="button" class="btn btn-small" onClick={() => navigator.clipboard?.writeText(command).then(() => setCopied(true), () => setCopied(false))}>
            {copied ? 'Copied' : 'Copy command'}
          </button>
          <p class="muted small">
            Send each turn of a conversation this way, user and assistant alike (the answer says whether the turn was flagged); <code>POST /api/ingest</code> takes
            batches of past events. The full reference is at <a href="/docs">/docs</a>.
          </p>
        </li>
      </ol>
    </section>
  );
}
