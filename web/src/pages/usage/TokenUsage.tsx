/**
 * Tokens and cost on the Usage page: `GET /api/usage/tokens` for the page's window as totals, two
 * daily charts (tokens in and out; cost per model) and a table per model. Costs are priced when each
 * answer was stored (the company's prices, else the shipped list prices: Settings is not needed).
 */
import { useMemo } from 'preact/hooks';
import { Chart, type SeriesSpec } from '../../components/Chart';
import { Stat } from '../../components/ui';
import { fmtInt } from '../../format';
import type { TokenUsageReport } from '../../types';

type Block = TokenUsageReport['reporting'][number];

/** Dollars with the precision a cost needs: cents from a dollar up, else four significant digits. */
export function fmtUsd(v: number): string {
  if (v === 0) return '$0';
  if (Math.abs(v) >= 1) return `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${v.toPrecision(4).replace(/0+$/, '').replace(/\.$/, '')}`;
}

/** Models drawn one series each; the rest of the window's models share one "other" series. */
const DRAWN_MODELS = 5;
const MODEL_COLORS = ['#1f5f8b', '#2b8a6e', '#c27803', '#6d4fc2', '#b42318'];

export function companyBlock(report: TokenUsageReport, companyId: number | null): Block | null {
  return report.reporting.find((x) => x.company.id === companyId) ?? report.reporting[0] ?? null;
}

export function TokenUsagePanel({ block }: { block: Block }) {
  const days = useMemo(() => block.dates.map((d) => d.date), [block]);
  const tokens = useMemo(
    () => ({
      series: [
        { label: 'Input tokens', color: '#1f5f8b', format: fmtInt },
        { label: 'Output tokens', color: '#c27803', format: fmtInt },
      ] as SeriesSpec[],
      data: [block.dates.map((d) => d.input_tokens), block.dates.map((d) => d.output_tokens)],
    }),
    [block],
  );
  const cost = useMemo(() => {
    const named = block.totals.models.slice(0, DRAWN_MODELS);
    const drawn = new Set(named.map((m) => m.model));
    const series: SeriesSpec[] = named.map((m, i) => ({ label: m.model ?? 'no model', color: MODEL_COLORS[i], format: fmtUsd }));
    const data = named.map((m) => block.dates.map((d) => d.models.find((x) => x.model === m.model)?.cost_usd ?? 0));
    if (block.totals.models.length > DRAWN_MODELS) {
      series.push({ label: 'Other models', color: '#6b7482', format: fmtUsd });
      data.push(block.dates.map((d) => d.models.filter((x) => !drawn.has(x.model)).reduce((a, x) => a + x.cost_usd, 0)));
    }
    return { series, data };
  }, [block]);
  const t = block.totals;

  return (
    <section class="card" data-testid="usage-tokens">
      <h2>Tokens and cost</h2>
      <p class="muted small">
        Answers that reported tokens or latency, per UTC day. Each answer is priced when it is stored, with the company’s price of its model or the shipped public list
        price; answers whose model has no price count as unpriced.
      </p>
      <section class="stats" aria-label="Tokens and cost for the window">
        <Stat label="Input tokens" value={fmtInt(t.input_tokens)} testId="usage-input-tokens" />
        <Stat label="Output tokens" value={fmtInt(t.output_tokens)} testId="usage-output-tokens" />
        <Stat label="Cost" value={fmtUsd(t.cost_usd)} testId="usage-cost">
          <span class="muted">{t.unpriced_responses_count ? `${fmtInt(t.unpriced_responses_count)} answers unpriced` : 'every answer priced'}</span>
        </Stat>
        <Stat label="Mean latency" value={t.average_latency_ms === null ? '—' : `${fmtInt(t.average_latency_ms)} ms`} testId="usage-latency">
          <span class="muted">{fmtInt(t.responses_count)} answers with usage</span>
        </Stat>
      </section>
      {t.responses_count === 0 ? (
        <p class="muted">No answer reported tokens in this window. Send <code>inputTokens</code>, <code>outputTokens</code> and <code>latencyMs</code> with each answer, or use the proxy or OpenTelemetry.</p>
      ) : (
        <>
          <section class="chart-grid two">
            <div class="card"><Chart title="Tokens per day" days={days} series={tokens.series} data={tokens.data} height={190} /></div>
            <div class="card"><Chart title="Cost per day and model (USD)" days={days} series={cost.series} data={cost.data} height={190} yFormat={fmtUsd} /></div>
          </section>
          <div class="table-wrap">
            <table class="table table-compact" data-testid="usage-models">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" class="num">Answers</th>
                  <th scope="col" class="num">Input tokens</th>
                  <th scope="col" class="num">Output tokens</th>
                  <th scope="col" class="num">Cost</th>
                  <th scope="col" class="num">Mean latency</th>
                </tr>
              </thead>
              <tbody>
                {t.models.map((m) => (
                  <tr key={m.model ?? ''} data-model={m.model ?? ''}>
                    <td class="mono">{m.model ?? <span class="muted">no model</span>}</td>
                    <td class="num">{fmtInt(m.responses_count)}</td>
                    <td class="num" data-field="input_tokens">{fmtInt(m.input_tokens)}</td>
                    <td class="num" data-field="output_tokens">{fmtInt(m.output_tokens)}</td>
                    <td class="num" data-field="cost_usd">{m.unpriced_responses_count && !m.cost_usd ? <span class="muted">unpriced</span> : fmtUsd(m.cost_usd)}</td>
                    <td class="num">{m.average_latency_ms === null ? '—' : `${fmtInt(m.average_latency_ms)} ms`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
