/**
 * Trends: daily rates per category with the prior period overlaid, totals against the prior
 * period, and the subtype breakdown, each subtype linking to its flagged turns.
 * The overlay comes from a second call with days = 2N (the API's limit is 365, so there is no
 * daily overlay for the 365-day window; its totals still compare with the prior period).
 */
import { useMemo } from 'preact/hooks';
import { api } from '../api';
import { Chart, type SeriesSpec } from '../components/Chart';
import { CATEGORY_LABEL, Delta, ErrorBox, Link, Loading, PageHeader, Segmented, Stat } from '../components/ui';
import { fmtDay, fmtInt, fmtRate, humanize } from '../format';
import { useAsync, useTitle } from '../hooks';
import { setQuery, useLocation } from '../router';
import { CATEGORIES, SUBTYPES, type Category, type Trends, type TrendsDay } from '../types';

export const DAY_OPTIONS = [
  { value: 7, label: '7 days' },
  { value: 30, label: '30 days' },
  { value: 90, label: '90 days' },
  { value: 365, label: '365 days' },
];

export const CATEGORY_COLOR: Record<Category, string> = { hallucination: '#c27803', bias: '#6d4fc2', toxicity: '#c8336b' };
const ISSUES_COLOR = '#2f6f9f';
const PRIOR_COLOR = '#9aa3af';

export function daysFrom(q: URLSearchParams): number {
  const d = Number(q.get('days'));
  return DAY_OPTIONS.some((o) => o.value === d) ? d : 30;
}

const rateKey = (c: Category) => `${c}Rate` as const;

export function TrendsPage() {
  useTitle('Trends');
  const { query } = useLocation();
  const days = daysFrom(query);
  const state = useAsync(
    async (signal) => {
      const [current, overlay] = await Promise.all([api.trends(days, signal), days * 2 <= 365 ? api.trends(days * 2, signal) : Promise.resolve(null)]);
      return { current, prior: overlay ? overlay.dailyData.slice(0, overlay.dailyData.length - days) : null };
    },
    [days],
  );

  return (
    <>
      <PageHeader
        title="Trends"
        subtitle="Hallucination, bias and toxicity across live chats and uploads, against the prior period."
        actions={<Segmented label="Period" value={days} options={DAY_OPTIONS} onChange={(v) => setQuery({ days: v === 30 ? null : v })} />}
      />
      {state.error ? (
        <ErrorBox error={state.error} onRetry={state.reload} />
      ) : !state.data ? (
        <Loading label="Loading trends…" />
      ) : (
        <TrendsBody trends={state.data.current} prior={state.data.prior} days={days} stale={state.loading} />
      )}
    </>
  );
}

function TrendsBody({ trends, prior, days, stale }: { trends: Trends; prior: TrendsDay[] | null; days: number; stale: boolean }) {
  const t = trends.totals;
  const p = t.priorPeriod;
  const dayList = useMemo(() => trends.dailyData.map((d) => d.date), [trends]);
  const priorAt = (i: number) => (prior && prior.length === trends.dailyData.length ? prior[i] : null);

  const issues = useMemo(() => {
    const series: SeriesSpec[] = [{ label: 'Issues', color: ISSUES_COLOR, bars: true, format: fmtInt }];
    const data: (number | null)[][] = [trends.dailyData.map((d) => d.totalIssues)];
    if (prior) {
      series.push({ label: 'Prior period', color: PRIOR_COLOR, dash: [5, 4], format: fmtInt });
      data.push(trends.dailyData.map((_, i) => priorAt(i)?.totalIssues ?? null));
    }
    return { series, data };
  }, [trends, prior]);

  const rates = useMemo(
    () =>
      CATEGORIES.map((c) => {
        const series: SeriesSpec[] = [{ label: `${CATEGORY_LABEL[c]} rate`, color: CATEGORY_COLOR[c], fill: true, format: fmtRate }];
        const data: (number | null)[][] = [trends.dailyData.map((d) => d[rateKey(c)])];
        if (prior) {
          series.push({ label: 'Prior period', color: PRIOR_COLOR, dash: [5, 4], format: fmtRate });
          data.push(trends.dailyData.map((_, i) => priorAt(i)?.[rateKey(c)] ?? null));
        }
        return { c, series, data };
      }),
    [trends, prior],
  );

  const rateTick = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
  const maxSubtype = Math.max(1, ...CATEGORIES.flatMap((c) => Object.values(trends.subtypeBreakdown[c])));

  return (
    <div class={stale ? 'stale' : ''} aria-busy={stale}>
      <section class="stats" aria-label="Totals against the prior period" data-testid="trends-totals">
        <Stat label="Issues" value={fmtInt(t.issues)} testId="total-issues">
          <Delta current={t.issues} prior={p.issues} goodWhen="down" format={fmtInt} /> <span class="muted small">vs {fmtInt(p.issues)}</span>
        </Stat>
        {CATEGORIES.map((c) => (
          <Stat key={c} label={`${CATEGORY_LABEL[c]} rate`} value={fmtRate(t[rateKey(c)])} testId={`total-${c}-rate`}>
            <Delta current={t[rateKey(c)]} prior={p[rateKey(c)]} goodWhen="down" format={fmtRate} /> <span class="muted small">vs {fmtRate(p[rateKey(c)])}</span>
          </Stat>
        ))}
        <Stat label="Uploads" value={fmtInt(t.uploads)} testId="total-uploads">
          <Delta current={t.uploads} prior={p.uploads} goodWhen="none" format={fmtInt} /> <span class="muted small">vs {fmtInt(p.uploads)}</span>
        </Stat>
      </section>

      {!prior && <p class="muted small">The daily prior-period overlay covers windows up to 182 days; the totals above still compare with the prior 365 days.</p>}

      <section class="card">
        <Chart title={`Issues per day, last ${days} days`} days={dayList} series={issues.series} data={issues.data} height={200} />
      </section>
      <section class="chart-grid">
        {rates.map((r) => (
          <div class="card" key={r.c}>
            <Chart title={`${CATEGORY_LABEL[r.c]} rate per day`} days={dayList} series={r.series} data={r.data} height={180} yFormat={rateTick} />
          </div>
        ))}
      </section>

      <section aria-labelledby="breakdown-title">
        <h2 id="breakdown-title" class="section-title">
          Subtype breakdown <span class="muted small">· select a subtype to review its flagged turns</span>
        </h2>
        <div class="breakdown">
          {CATEGORIES.map((c) => {
            const total = Object.values(trends.subtypeBreakdown[c]).reduce((a, b) => a + b, 0);
            return (
              <div class="card breakdown-card" key={c} data-category={c}>
                <h3>
                  <span class={`swatch cat-${c}`} aria-hidden="true" />
                  <Link href={`/trends/findings?category=${c}&days=${days}`}>{CATEGORY_LABEL[c]}</Link>
                  <span class="num muted">{fmtInt(total)}</span>
                </h3>
                <table class="table table-compact">
                  <tbody>
                    {SUBTYPES[c].map((s) => {
                      const n = (trends.subtypeBreakdown[c] as Record<string, number>)[s] ?? 0;
                      return (
                        <tr key={s} data-subtype={s}>
                          <th scope="row">
                            <Link href={`/trends/findings?subtype=${s}&days=${days}`} title={`Flagged turns: ${humanize(s)}`}>
                              {humanize(s)}
                            </Link>
                          </th>
                          <td class="bar-cell" aria-hidden="true">
                            <span class="bar" style={{ width: `${(n / maxSubtype) * 100}%`, background: CATEGORY_COLOR[c] }} />
                          </td>
                          <td class="num" data-field="count">
                            {fmtInt(n)}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          })}
        </div>
      </section>

      <details class="card data-details">
        <summary>Daily numbers</summary>
        <div class="table-wrap">
          <table class="table" data-testid="trends-daily">
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col" class="num">Issues</th>
                {CATEGORIES.map((c) => (
                  <th scope="col" class="num" key={c}>
                    {CATEGORY_LABEL[c]} flagged
                  </th>
                ))}
                {CATEGORIES.map((c) => (
                  <th scope="col" class="num" key={c}>
                    {CATEGORY_LABEL[c]} rate
                  </th>
                ))}
                <th scope="col" class="num">Uploads</th>
              </tr>
            </thead>
            <tbody>
              {[...trends.dailyData].reverse().map((d) => (
                <tr key={d.date}>
                  <td class="nowrap">{fmtDay(d.date)}</td>
                  <td class="num">{fmtInt(d.totalIssues)}</td>
                  {CATEGORIES.map((c) => (
                    <td class="num" key={c}>
                      {fmtInt(d[`${c}Flagged` as const])}
                    </td>
                  ))}
                  {CATEGORIES.map((c) => (
                    <td class="num" key={c}>
                      {fmtRate(d[rateKey(c)])}
                    </td>
                  ))}
                  <td class="num">{fmtInt(d.uploadCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
