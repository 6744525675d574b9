/**
 * Reviewing from a transcript: confirm or dismiss one finding (PUT/DELETE /api/findings/:id/review)
 * and flag a turn the engine missed (POST /api/messages/:id/missed), with the text selected in the
 * turn as the span.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { humanize } from '../format';
import { ALL_SUBTYPES, type Finding, type FindingReview, type Subtype, type TranscriptMessage } from '../types';

export function FindingReviewControls({ finding }: { finding: Pick<Finding, 'id' | 'review'> }) {
  const [review, setReview] = useState<FindingReview | null>(finding.review ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (status: 'confirmed' | 'dismissed' | null) => {
    setBusy(true);
    setError(null);
    try {
      const next = status ? await api.reviewFinding(finding.id, { status }) : await api.clearReview(finding.id);
      setReview(next.review ?? null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="finding-review" data-review-status={review?.status ?? 'pending'}>
      {review ? (
        <>
          <span class={`badge ${review.status === 'dismissed' ? 'badge-ended' : 'badge-active'}`}>{review.status === 'dismissed' ? 'Dismissed' : 'Confirmed'}</span>
          {review.note && <span class="muted small">“{review.note}”</span>}
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void act(null)}>
            Undo
          </button>
        </>
      ) : (
        <>
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void act('confirmed')}>
            Confirm
          </button>
          <button type="button" class="btn btn-small btn-danger" disabled={busy} onClick={() => void act('dismissed')}>
            Dismiss
          </button>
        </>
      )}
      {error && <span class="text-bad small" role="alert">{error}</span>}
    </div>
  );
}

export function FlagMissed({ message }: { message: TranscriptMessage }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [subtype, setSubtype] = useState<Subtype>('HOSTILE_LANGUAGE');
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ ok?: string; error?: string }>({});
  const start = () => {
    // The text selected inside this turn, if any, is the span; else the whole turn.
    const selected = window.getSelection()?.toString().trim() ?? '';
    setText(selected && message.content.includes(selected) ? selected : message.content);
    setState({});
    setOpen(true);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const at = message.content.indexOf(text);
    if (!text || at < 0) return setState({ error: 'The text must be copied from this turn.' });
    try {
      await api.flagMissed(message.id, { subtype, start: at, end: at + text.length, ...(note.trim() ? { note: note.trim() } : {}) });
      setState({ ok: `Flagged as ${humanize(subtype)}.` });
      setOpen(false);
    } catch (err) {
      setState({ error: (err as Error).message });
    }
  };
  return (
    <span class="flag-missed">
      {!open && (
        <button type="button" class="btn btn-small" onMouseDown={(e) => e.preventDefault()} onClick={start} title="Flag what the engine missed in this turn (select the text first)">
          Flag missed…
        </button>
      )}
      {state.ok && <span class="muted small" role="status">{state.ok}</span>}
      {open && (
        <form class="form missed-form" onSubmit={submit}>
          <label>
            Text
            <input type="text" value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <label>
            Subtype
            <select value={subtype} onChange={(e) => setSubtype(e.currentTarget.value as Subtype)}>
              {ALL_SUBTYPES.map((s) => (
                <option value={s} key={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note
            <input type="text" value={note} maxLength={2000} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-primary btn-small">
              Flag
            </button>
            <button type="button" class="btn btn-small" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          {state.error && <p class="form-error">{state.error}</p>}
        </form>
      )}
    </span>
  );
}
