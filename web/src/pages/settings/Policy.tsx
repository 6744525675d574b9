/**
 * Settings › Policy: the thresholds and word lists the analysis applies to this company. Every
 * field shows the value in force: a subtype without its own minimum score shows the preset's, and
 * follows the preset when it changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox, FormMessage, Loading } from '../../components/ui';
import { humanize } from '../../format';
import { useAction, useAsync } from '../../hooks';
import { ALL_SUBTYPES, CATEGORIES, PRESETS, PRESET_VALUES, SEVERITIES, SUBTYPES, type Policy, type Severity, type SubtypeOverride } from '../../types';
import { CATEGORY_LABEL } from '../../components/ui';

const lines = (s: string) => [...new Set(s.split('\n').map((x) => x.trim()).filter(Boolean))];
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const score = (n: number) => n.toFixed(2);

export function PolicyForm() {
  const state = useAsync(() => api.policy(), []);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [allow, setAllow] = useState('');
  const [deny, setDeny] = useState('');
  const { busy, msg, run } = useAction();

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

  const presetScore = PRESET_VALUES[draft.preset].minScore;
  // A score equal to the preset's is no override: the subtype keeps following the preset.
  const setMinScore = (subtype: string, raw: string) => {
    const n = raw === '' ? undefined : Number(raw);
    setOverride(subtype, { minScore: n === undefined || Number.isNaN(n) || n === presetScore ? undefined : n });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    await run(async () => {
      const saved = await api.savePolicy({ ...draft, allowList: lines(allow), denyList: lines(deny) });
      setDraft(saved);
      setAllow(saved.allowList.join('\n'));
      setDeny(saved.denyList.join('\n'));
    }, 'Policy saved. It applies to turns analysed from now on.');
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
                  {capital(p)} (minimum score {score(PRESET_VALUES[p].minScore)})
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
        <p class="muted small">Strict flags more (lower score threshold), lenient flags less; the preset's minimum score applies to every subtype without its own. A live session whose finding reaches the chosen severity is ended and marked as a violation.</p>
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
                          aria-label={`${humanize(s)} minimum score`}
                          value={o.minScore ?? presetScore}
                          data-source={o.minScore === undefined ? 'preset' : 'own'}
                          onChange={(e) => setMinScore(s, e.currentTarget.value)}
                          style={{ width: '7em' }}
                        />{' '}
                        {o.minScore === undefined ? (
                          <span class="muted small">{draft.preset}</span>
                        ) : (
                          <button type="button" class="btn-link small" onClick={() => setOverride(s, { minScore: undefined })} aria-label={`${humanize(s)}: use the preset's minimum score`}>
                            reset to {draft.preset} ({score(presetScore)})
                          </button>
                        )}
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
        <p class="muted small">
          {ALL_SUBTYPES.length} subtypes. A minimum score marked with the preset's name is the preset's ({score(presetScore)} for {draft.preset}) and follows it; any other is this subtype's own. Severity “Detector's” keeps the severity each finding is given.
        </p>
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
      <FormMessage msg={msg} />
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

