/** Flagged turns behind the trends breakdown (GET /api/findings), newest first, each linking to its session. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { FindingReviewControls } from '../components/ReviewControls';
import { CATEGORY_LABEL, CATEGORY_OPTIONS, CategoryBadge, Empty, ErrorBox, FilterSelect, Link, ListFooter, Loading, PageHeader, Segmented, SeverityBadge } from '../components/ui';
import { fmtDateTime, fmtFullDateTime, humanize } from '../format';
import { useTitle } from '../hooks';
import { setQuery, useLocation } from '../router';
import { ALL_SUBTYPES, CATEGORIES, SUBTYPES, categoryOf, type FlaggedTurn } from '../types';
import { DAY_OPTIONS, daysFrom } from './Trends';

export function FindingsPage() {
  const { query } = useLocation();
  const days = daysFrom(query);
  const asked = query.get('subtype') ?? '';
  const subtype = ALL_SUBTYPES.find((s) => s === asked) ?? '';
  const category = subtype ? categoryOf(subtype) : CATEGORIES.find((c) => c === query.get('category')) ?? '';
  useTitle(subtype ? `Flagged turns: ${humanize(subtype)}` : 'Flagged turns');

  const [items, setItems] = useState<FlaggedTurn[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [more, setMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setItems(null);
    setError(null);
    api.findings({ days, subtype: subtype || undefined, category: subtype ? undefined : category || undefined, limit: 25 }, ctrl.signal).then(
      (p) => {
        setItems(p.findings);
        setCursor(p.nextCursor);
      },
      (e: Error) => e.name !== 'AbortError' && setError(e),
    );
    return () => ctrl.abort();
  }, [days, subtype, category, attempt]);

  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const p = await api.findings({ days, subtype: subtype || undefined, category: subtype ? undefined : category || undefined, limit: 25, cursor });
      setItems((xs) => [...(xs ?? []), ...p.findings]);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e as Error);
    } finally {
      setMore(false);
    }
  };

  const what = subtype ? humanize(subtype) : category ? CATEGORY_LABEL[category] : 'All categories';

  return (
    <>
      <PageHeader
        title="Flagged turns"
        subtitle={
          <>
            <Link href={`/trends${days === 30 ? '' : `?days=${days}`}`}>← Trends</Link> · {what}, last {days} days
          </>
        }
        actions={<Segmented label="Period" value={days} options={DAY_OPTIONS} onChange={(v) => setQuery({ days: v })} />}
      />
      <div class="toolbar">
        <FilterSelect label="Category" value={category} any="All" options={CATEGORY_OPTIONS} onChange={(v) => setQuery({ category: v, subtype: null })} />
        <FilterSelect
          label="Subtype"
          value={subtype}
          any={`All${category ? ` ${CATEGORY_LABEL[category].toLowerCase()}` : ''} subtypes`}
          options={(category ? SUBTYPES[category] : ALL_SUBTYPES).map((s) => ({ value: s, label: humanize(s) }))}
          onChange={(v) => setQuery({ subtype: v, category: null })}
        />
      </div>
      {error ? (
        <ErrorBox error={error} onRetry={() => setAttempt((a) => a + 1)} />
      ) : !items ? (
        <Loading label="Loading flagged turns…" />
      ) : items.length === 0 ? (
        <Empty title={`No flagged turn for ${what.toLowerCase()} in the last ${days} days.`}>Try a longer period or another subtype.</Empty>
      ) : (
        <>
          <div class="table-wrap">
            <table class="table" data-testid="findings-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Category</th>
                  <th scope="col">Subtype</th>
                  <th scope="col">Severity</th>
                  <th scope="col" class="num">Score</th>
                  <th scope="col" class="col-wide">Flagged text and why</th>
                  <th scope="col">Session</th>
                </tr>
              </thead>
              <tbody>
                {items.map((f) => (
                  <tr key={f.id} data-finding-id={f.id}>
                    <td class="nowrap" title={fmtFullDateTime(f.createdAt)}>
                      {fmtDateTime(f.createdAt)}
                    </td>
                    <td>
                      <CategoryBadge category={f.category} />
                    </td>
                    <td class="nowrap">{humanize(f.subtype)}</td>
                    <td>
                      <SeverityBadge severity={f.severity} />
                    </td>
                    <td class="num">{f.score.toFixed(2)}</td>
                    <td class="col-wide">
                      <div class="excerpt">
                        {f.before}
                        <mark class={`hl hl-${f.category}`}>{f.excerpt}</mark>
                        {f.after}
                      </div>
                      <div class="muted small">{f.explanation}</div>
                      <FindingReviewControls finding={f} />
                    </td>
                    <td class="mono nowrap">
                      <Link href={`/sessions/${encodeURIComponent(f.sessionId)}#finding-${f.id}`}>Open</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter shown={`${items.length} shown`} hasMore={!!cursor} loading={more} onMore={() => void loadMore()} />
        </>
      )}
    </>
  );
}
