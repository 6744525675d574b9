/** Settings › Monitoring: the idle time after which an open session counts as ended (GET/PUT /api/monitor/settings). */
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox, FormMessage, Loading } from '../../components/ui';
import { useAction, useAsync } from '../../hooks';

export function MonitoringSettings() {
  const state = useAsync(() => api.monitorSettings(), []);
  // null until edited: the field shows the stored value from the first render.
  const [edited, setMinutes] = useState<string | null>(null);
  const { msg, run } = useAction();
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const minutes = edited ?? String(state.data.idleMinutes);
  const save = async (e: Event) => {
    e.preventDefault();
    await run(
      async () => {
        const r = await api.setMonitorSettings({ idleMinutes: Number(minutes) });
        setMinutes(String(r.idleMinutes));
        return r;
      },
      (r) => `Open sessions silent for ${r.idleMinutes} minutes now count as ended.`,
    );
  };
  return (
    <section class="card">
      <h2>Idle sessions</h2>
      <form class="form" onSubmit={save}>
        <label>
          End an open session after (minutes without activity)
          <input type="number" min="1" max="10080" step="1" required value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} data-testid="idle-minutes" />
        </label>
        <div class="actions">
          <button type="submit" class="btn btn-primary">
            Save
          </button>
        </div>
      </form>
      <p class="muted small">
        Such a session shows as <strong>Idle</strong> and, for API clients, as ended by the user at its last activity. A new turn makes it active again. Nothing is deleted or closed for good.
      </p>
      <FormMessage msg={msg} />
    </section>
  );
}
