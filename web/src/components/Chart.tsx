/** A uPlot chart that follows its container's width and redraws when its data change. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface SeriesSpec {
  label: string;
  color: string;
  dash?: number[];
  fill?: boolean;
  bars?: boolean;
  format?: (v: number) => string;
}

/** Tick steps for counts: whole numbers only, so a small or empty chart never shows 0.25 or 0.5. */
const INTEGER_INCRS = Array.from({ length: 10 }, (_, e) => [1, 2, 5].map((m) => m * 10 ** e)).flat();

const today = () => new Date().toISOString().slice(0, 10);

/**
 * `yFormat` marks a chart of fractions (rates); without it the values are counts and the y axis
 * ticks whole numbers. Until the pointer hovers a day, the legend shows the latest day's values,
 * and today's day reads "so far" because it is not over.
 */
export function Chart({ title, days, series, data, height = 220, yFormat }: { title: string; days: string[]; series: SeriesSpec[]; data: (number | null)[][]; height?: number; yFormat?: (v: number) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const last = days.length - 1;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { stroke: '#5b6472', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e2e5ea' } },
        {
          stroke: '#5b6472',
          grid: { stroke: '#eef0f3' },
          ticks: { stroke: '#e2e5ea' },
          size: 56,
          incrs: yFormat ? undefined : INTEGER_INCRS,
          values: (_u, vals) => {
            const labels = vals.map((v) => (yFormat ? yFormat(v) : String(v)));
            el.dataset.yTicks = labels.join(' ');
            return labels;
          },
        },
      ],
      series: [
        {
          label: 'Day',
          value: (_u, _v, _si, idx) => {
            const day = days[idx ?? last];
            if (!day) return '';
            return day === today() ? `${day} (today, so far)` : day;
          },
        },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.bars ? 1 : 2,
          dash: s.dash,
          fill: s.fill || s.bars ? `${s.color}33` : undefined,
          paths: s.bars ? uPlot.paths.bars!({ size: [0.7, 40] }) : undefined,
          points: { show: days.length <= 31 && !s.bars, size: 4 },
          value: (u: uPlot, _v: number | null, si: number, idx: number | null) => {
            // No hovered day: the latest one, rather than a row of dashes.
            const v = u.data[si]?.[idx ?? last];
            return v == null ? '—' : s.format ? s.format(v) : String(v);
          },
        })),
      ],
    };
    const plot = new uPlot(opts, [xs, ...data] as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [days, series, data, height, yFormat]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} class="chart-box" role="img" aria-label={`${title} chart; the same numbers are in the table below`} />
    </figure>
  );
}
