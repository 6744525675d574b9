/**
 * Review queue (GET /api/reviews/queue): findings awaiting review, most severe first, then newest.
 * One finding at a time with its evidence; keyboard: C confirm, D dismiss, S (or J) skip, K back.
 * A verdict is saved at once (PUT /api/findings/:id/review) and the next finding comes up; a
 * dismissed one stops counting in the trends. Below: precision per subtype measured from reviews.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { CategoryBadge, Empty, ErrorBox, Link, Loading, PageHeader, Segmented, SeverityBadge } from '../components/ui';
import { fmtDateTime, fmtFullDateTime, fmtInt, humanize } from '../format';
import { useAsync, useTitle } from '../hooks';
import { setQuery, useLocation } from '../router';
import type { FlaggedTurn, PrecisionReport } from '../types';
import { DAY_OPTIONS, daysFrom } from './Trends';

const PAGE = 20;

export function ReviewPage() {
  useTitle('Review queue');
  const { query } = useLocation();
  const days = daysFrom(query);
  const [items, setItems] = useState<FlaggedTurn[] | null>(null);
  const [pending, setPending] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [note, setNote] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<{ id: number; status: 'confirmed' | 'dismissed' }[]>([]);
  const [attempt, setAttempt] = useState(0);
  const precision = useAsync<PrecisionReport>((signal) => api.precision(days, signal), [days, done.length]);

  useEffect(() => {
    const ctrl = new AbortController();
    setItems(null);
    setError(null);
    setIndex(0);
    api.reviewQueue({ days, limit: PAGE }, ctrl.signal).then(
      (p) => {
        setItems(p.findings);
        setPending(p.pending);
        setCursor(p.nextCursor);
      },
      (e: Error) => e.name !== 'AbortError' && setError(e),
    );
    return () => ctrl.abort();
  }, [days, attempt]);

  const current = items?.[index] ?? null;

  // Near the end of what is loaded, the next page is fetched so the reviewer never waits.
  const loadingMore = useRef(false);
  useEffect(() => {
    if (!items || !cursor || loadingMore.current || index < items.length - 3) return;
    loadingMore.current = true;
    api.reviewQueue({ days, limit: PAGE, cursor }).then(
      (p) => {
        setItems((xs) => [...(xs ?? []), ...p.findings.filter((f) => !(xs ?? []).some((x) => x.id === f.id))]);
        setCursor(p.nextCursor);
        loadingMore.current = false;
      },
      (e: Error) => {
        setError(e);
        loadingMore.current = false;
      },
    );
  }, [index, items, cursor]);

  const verdict = async (status: 'confirmed' | 'dismissed') => {
    if (!current || saving) return;
    setSaving(true);
    try {
      await api.reviewFinding(current.id, { status, ...(note.trim() ? { note: note.trim() } : {}) });
      setItems((xs) => (xs ?? []).filter((x) => x.id !== current.id));
      setPending((n) => Math.max(0, n - 1));
      setDone((d) => [{ id: current.id, status }, ...d]);
      setNote('');
      setError(null);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };
  const skip = () => items && index < items.length && setIndex((i) => i + 1);
  const back = () => setIndex((i) => Math.max(0, i - 1));

  const keys = useRef({ verdict, skip, back });
  keys.current = { verdict, skip, back };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      const k = e.key.toLowerCase();
      if (k === 'c') void keys.current.verdict('confirmed');
      else if (k === 'd') void keys.current.verdict('dismissed');
      else if (k === 's' || k === 'j') keys.current.skip();
      else if (k === 'k') keys.current.back();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <PageHeader
        title="Review queue"
        subtitle={<>Findings awaiting review, most severe first, then newest. Dismissed findings stop counting in the trends.</>}
        actions={<Segmented label="Period" value={days} options={DAY_OPTIONS} onChange={(v) => setQuery({ days: v })} />}
      />
      <p class="muted small" id="review-keys">
        Keyboard: <kbd>C</kbd> confirm · <kbd>D</kbd> dismiss · <kbd>S</kbd> skip · <kbd>K</kbd> back
      </p>
      {error && <ErrorBox error={error} onRetry={() => setAttempt((a) => a + 1)} />}
      {!items && !error ? (
        <Loading label="Loading the queue…" />
      ) : items && !current ? (
        <Empty title={items.length === 0 && pending === 0 ? 'Nothing awaits review.' : 'You skipped every loaded finding.'}>
          {items.length > 0 ? (
            <button type="button" class="btn" onClick={() => setIndex(0)}>
              Start again from the first skipped
            </button>
          ) : (
            `New findings of the last ${days} days appear here.`
          )}
        </Empty>
      ) : current ? (
        <section class="card review-card" data-testid="review-card" data-finding-id={current.id} data-session-id={current.sessionId} aria-describedby="review-keys">
          <div class="review-meta">
            <span data-testid="review-position">
              {fmtInt(index + 1)} of {fmtInt(pending)} awaiting review
            </span>
            <SeverityBadge severity={current.severity} />
            <CategoryBadge category={current.category} />
            <strong>{humanize(current.subtype)}</strong>
            <span class="muted small" title={fmtFullDateTime(current.createdAt)}>
              {fmtDateTime(current.createdAt)}
            </span>
            <Link href={`/sessions/${encodeURIComponent(current.sessionId)}`}>Open session {current.sessionId}</Link>
          </div>
          <blockquote class="review-excerpt">
            <span class="muted">{current.before}</span>
            <mark>{current.excerpt}</mark>
            <span class="muted">{current.after}</span>
          </blockquote>
          <p>{current.explanation}</p>
          <label class="field">
            <span>Note (optional)</span>
            <textarea rows={2} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder="Why, for colleagues and the labelled export" />
          </label>
          <div class="review-actions">
            <button type="button" class="btn btn-primary" disabled={saving} onClick={() => void verdict('confirmed')}>
              Confirm <kbd>C</kbd>
            </button>
            <button type="button" class="btn btn-danger" disabled={saving} onClick={() => void verdict('dismissed')}>
              Dismiss <kbd>D</kbd>
            </button>
            <button type="button" class="btn" disabled={saving} onClick={skip}>
              Skip <kbd>S</kbd>
            </button>
          </div>
        </section>
      ) : null}
      {done.length > 0 && (
        <p class="muted small" data-testid="review-done" aria-live="polite">
          Reviewed this visit: {done.filter((d) => d.status === 'confirmed').length} confirmed, {done.filter((d) => d.status === 'dismissed').length} dismissed.
        </p>
      )}

      <section aria-labelledby="precision-title">
        <h2 id="precision-title" class="section-title">
          Precision from reviews <span class="muted small">· last {days} days, per detector</span>
        </h2>
        {precision.error ? (
          <ErrorBox error={precision.error} onRetry={precision.reload} />
        ) : !precision.data ? (
          <Loading />
        ) : (
          <div class="table-wrap">
            <table class="table" data-testid="precision-table">
              <thead>
                <tr>
                  <th scope="col">Subtype</th>
                  <th scope="col" class="num">Confirmed</th>
                  <th scope="col" class="num">Dismissed</th>
                  <th scope="col" class="num">Precision</th>
                  <th scope="col" class="num">Missed</th>
                </tr>
              </thead>
              <tbody>
                {precision.data.subtypes.map((s) => (
                  <tr key={s.subtype} data-subtype={s.subtype}>
                    <td>
                      <CategoryBadge category={s.category} /> {humanize(s.subtype)}
                    </td>
                    <td class="num">{fmtInt(s.confirmed)}</td>
                    <td class="num">{fmtInt(s.dismissed)}</td>
                    <td class="num" data-field="precision">
                      {s.precision === null ? <span class="muted">—</span> : `${(s.precision * 100).toFixed(1)}%`}
                    </td>
                    <td class="num">{fmtInt(s.missed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
