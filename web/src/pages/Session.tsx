/** One session: the transcript with every finding highlighted on its exact span, documents, tools and feedback. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { FindingReviewControls, FlagMissed } from '../components/ReviewControls';
import { CATEGORY_LABEL, CategoryBadge, Empty, ErrorBox, Link, Loading, PageHeader, SeverityBadge, StatusBadge } from '../components/ui';
import { fmtFullDateTime, fmtInt, humanize } from '../format';
import { useAsync, useTitle } from '../hooks';
import { CATEGORIES, type Category, type TranscriptDocument, type TranscriptMessage, type Transcript } from '../types';
import { Highlighted, type Range, jumpTo, placeSpans } from './session/highlights';

/** Messages per page: a long transcript loads in steps, never in one answer. */
const PAGE = 100;
/** Past this many further pages (5,000 messages), a linked finding no longer loads pages by itself. */
const MAX_AUTO_PAGES = 50;

export function SessionPage({ id }: { id: string }) {
  useTitle(`Session ${id}`);
  const { data: first, error, loading, reload } = useAsync((signal) => api.session(id, { limit: PAGE }, signal), [id]);
  // Pages loaded after the first one ("Load more"); a reload starts again from the first page.
  const [more, setMore] = useState<{ messages: TranscriptMessage[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | null>(null);
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [first]);
  const t = useMemo<Transcript | null>(
    () => (first ? { ...first, messages: more ? [...first.messages, ...more.messages] : first.messages, nextCursor: more ? more.nextCursor : first.nextCursor } : null),
    [first, more],
  );
  const placed = useMemo(() => (t ? placeSpans(t) : null), [t]);

  const loadMore = async () => {
    if (!t?.nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.session(id, { limit: PAGE, cursor: t.nextCursor });
      setMore({ messages: [...(more?.messages ?? []), ...page.messages], nextCursor: page.nextCursor });
    } catch (err) {
      setMoreError(err as Error);
    } finally {
      setLoadingMore(false);
    }
  };

  // A link to one finding (#finding-<id>, from the findings list or a review) opens at it: when
  // its message is past the pages loaded, the next pages load until it appears (or the end).
  useEffect(() => {
    if (!t || !location.hash) return;
    const el = document.getElementById(location.hash.slice(1));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.classList.add('flash');
    } else if (location.hash.startsWith('#finding-') && t.nextCursor && !loadingMore && !moreError && (more?.messages.length ?? 0) < MAX_AUTO_PAGES * PAGE) {
      void loadMore();
    }
  }, [t]);

  if (error) {
    return (
      <>
        <PageHeader title="Session" subtitle={<Link href="/monitor">← Live monitor</Link>} />
        <ErrorBox error={error} onRetry={reload} notFound="Session not found" />
        {error instanceof ApiError && error.status === 404 && (
          <p>
            No session <code>{id}</code> in this company. <Link href="/monitor">Back to the live monitor</Link>
          </p>
        )}
      </>
    );
  }
  if (loading && !t) return <Loading label="Loading transcript…" />;
  if (!t || !placed) return null;

  const findings = t.messages.flatMap((m) => m.findings.map((f) => ({ f, m })));
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, findings.filter((x) => x.f.category === c).length])) as Record<Category, number>;
  const feedback = t.messages.flatMap((m) => m.feedback);
  const tools = [...new Set(t.messages.flatMap((m) => m.tools.map((x) => x.name)))];
  const documents = new Map<string, TranscriptDocument>();
  for (const m of t.messages) for (const d of m.documents) documents.set(`${d.id}`, d);

  return (
    <>
      <PageHeader
        title="Session"
        subtitle={<Link href="/monitor">← Live monitor</Link>}
        actions={
          <button type="button" class="btn btn-small" onClick={reload}>
            Refresh
          </button>
        }
      />
      <section class="session-head card">
        <div class="session-id">
          <span class="mono">{t.id}</span>
          <StatusBadge endedReason={t.endedReason} endedAt={t.endedAt} status={t.status} />
        </div>
        <dl class="facts">
          <div>
            <dt>End user</dt>
            <dd class="mono">{t.userId ?? '—'}</dd>
          </div>
          <div>
            <dt>Messages</dt>
            <dd class="num" data-testid="session-message-count">{fmtInt(t.messageCount)}</dd>
          </div>
          <div>
            <dt>Findings</dt>
            <dd class="num" data-testid="session-finding-count">{fmtInt(findings.length)}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{fmtFullDateTime(t.createdAt)}</dd>
          </div>
          <div>
            <dt>{t.endedAt ? 'Ended' : 'Last activity'}</dt>
            <dd>{fmtFullDateTime(t.endedAt ?? t.lastActivityAt)}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{t.source}{t.uploadId !== null ? ` (upload #${t.uploadId})` : ''}</dd>
          </div>
        </dl>
      </section>

      <div class="session-grid">
        <section class="transcript" aria-label="Transcript">
          {t.messages.length === 0 && <Empty title="This session has no messages yet." />}
          {t.messages.map((m) => (
            <Message key={m.id} m={m} ranges={placed.inMessage.get(m.id) ?? []} docRanges={placed.inDocument} unplaced={placed.unplaced} />
          ))}
          {(t.nextCursor || t.messages.length < t.messageCount) && t.messages.length > 0 && (
            <div class="list-footer">
              <span class="muted small" data-testid="session-loaded">
                {fmtInt(t.messages.length)} of {fmtInt(t.messageCount)} messages loaded
              </span>
              {t.nextCursor && (
                <button type="button" class="btn" data-testid="session-load-more" onClick={() => void loadMore()} disabled={loadingMore}>
                  {loadingMore ? 'Loading…' : 'Load more messages'}
                </button>
              )}
            </div>
          )}
          {moreError && <ErrorBox error={moreError} onRetry={() => void loadMore()} />}
        </section>

        <aside class="session-side">
          <section class="card">
            <h2>Findings</h2>
            {t.nextCursor && <p class="muted small">In the messages loaded so far.</p>}
            <div class="cat-counts">
              {CATEGORIES.map((c) => (
                <div class={`cat-count cat-${c}`} key={c}>
                  <span>{CATEGORY_LABEL[c]}</span>
                  <strong class="num">{byCategory[c]}</strong>
                </div>
              ))}
            </div>
            {findings.length === 0 ? (
              <p class="muted">No finding in this session.</p>
            ) : (
              <ol class="finding-index">
                {findings.map(({ f, m }) => (
                  <li key={f.id}>
                    <button type="button" class="linklike" onClick={() => jumpTo(document.getElementById(`msg-${m.id}-f${f.id}`) ? `msg-${m.id}-f${f.id}` : `finding-${f.id}`)}>
                      <span class={`swatch cat-${f.category}`} aria-hidden="true" />
                      {humanize(f.subtype)}
                    </button>
                    <SeverityBadge severity={f.severity} />
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section class="card">
            <h2>Documents</h2>
            {documents.size === 0 ? (
              <p class="muted">No document was used.</p>
            ) : (
              <ul class="plain">
                {[...documents.values()].map((d) => (
                  <li key={d.id}>
                    <strong>{d.title ?? d.filename}</strong>
                    {d.title && <div class="muted small mono">{d.filename}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card">
            <h2>Tools</h2>
            {tools.length === 0 ? <p class="muted">No tool was used.</p> : <div class="chips">{tools.map((x) => <span class="chip" key={x}>{x}</span>)}</div>}
          </section>
          <section class="card">
            <h2>Feedback</h2>
            {feedback.length === 0 ? (
              <p class="muted">No feedback.</p>
            ) : (
              <div class="feedback-counts">
                <span>Likes <strong class="num">{feedback.filter((x) => x.kind === 'like').length}</strong></span>
                <span>Dislikes <strong class="num">{feedback.filter((x) => x.kind === 'dislike').length}</strong></span>
                <span>Copies <strong class="num">{feedback.filter((x) => x.kind === 'copy').length}</strong></span>
              </div>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}

function Message({ m, ranges, docRanges, unplaced }: { m: TranscriptMessage; ranges: Range[]; docRanges: Map<string, Range[]>; unplaced: Map<number, string[]> }) {
  const anchor = `msg-${m.id}`;
  const roleLabel = { user: 'User', assistant: 'Assistant', system: 'System', tool: 'Tool' }[m.role];
  return (
    <article class={`message message-${m.role} ${m.findings.length ? 'message-flagged' : ''}`} id={anchor} data-message-id={m.id} tabIndex={-1}>
      <header class="message-head">
        <span class={`role role-${m.role}`}>{roleLabel}</span>
        <span class="muted small" title={fmtFullDateTime(m.createdAt)}>
          {fmtFullDateTime(m.createdAt)}
        </span>
        {m.model && <span class="chip chip-quiet">{m.model}</span>}
        {m.tools.map((x) => (
          <span class="chip" key={x.name}>
            tool: {x.name}
          </span>
        ))}
        {!m.analyzed && <span class="muted small">not analysed</span>}
        {m.analyzed && <FlagMissed message={m} />}
      </header>
      <div class="message-body">
        <Highlighted content={m.content} ranges={ranges} anchor={anchor} />
      </div>
      {m.documents.length > 0 && (
        <div class="message-docs">
          {m.documents.map((d) => {
            const dr = docRanges.get(`${m.id}:${d.id}`) ?? [];
            return (
              <details key={d.id} open={dr.length > 0}>
                <summary>
                  Document: <strong>{d.title ?? d.filename}</strong>
                  {dr.length > 0 && <span class="muted small"> · {dr.length} highlighted span{dr.length === 1 ? '' : 's'}</span>}
                </summary>
                {d.content ? (
                  <div class="doc-body">
                    <Highlighted content={d.content} ranges={dr} anchor={`${anchor}-d${d.id}`} />
                  </div>
                ) : (
                  <p class="muted small">The content of this document was not stored.</p>
                )}
              </details>
            );
          })}
        </div>
      )}
      {m.feedback.length > 0 && (
        <div class="message-feedback">
          {(['like', 'dislike', 'copy'] as const).map((k) => {
            const n = m.feedback.filter((x) => x.kind === k).length;
            return n ? (
              <span class={`chip chip-${k}`} key={k}>
                {k === 'like' ? 'Liked' : k === 'dislike' ? 'Disliked' : 'Copied'} ×{n}
              </span>
            ) : null;
          })}
        </div>
      )}
      {m.findings.length > 0 && (
        <ul class="findings">
          {m.findings.map((f) => (
            <li key={f.id} id={`finding-${f.id}`} class={`finding cat-border-${f.category}`} data-finding-id={f.id}>
              <div class="finding-head">
                <CategoryBadge category={f.category} />
                <strong>{humanize(f.subtype)}</strong>
                <span class="muted small mono">{f.subtype}</span>
                <SeverityBadge severity={f.severity} />
                <span class="muted small num">score {f.score.toFixed(2)}</span>
              </div>
              <p>{f.explanation}</p>
              <FindingReviewControls finding={f} />
              {f.spans
                .filter((s) => s.where !== 'turn' || (unplaced.get(f.id) ?? []).includes(s.text))
                .map((s, i) => (
                  <blockquote key={i} class="evidence">
                    <span class="muted small">{s.where === 'document' ? 'In the document' : s.where === 'history' ? 'In an earlier turn' : 'In this turn'}: </span>“{s.text}”
                  </blockquote>
                ))}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
