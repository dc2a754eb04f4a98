import { useEffect, useRef, useState } from 'preact/hooks';
import type { DailyStats } from './api.ts';

export type Metric = Exclude<keyof DailyStats, 'date'>;
export interface ChartSeries {
  metric: Metric;
  label: string;
  color: string;
}

const HEIGHT = 200;

/**
 * Daily numbers as a line chart drawn by uPlot, which is loaded (script and styles) only when the first
 * chart shows, so the rest of the app never downloads it. The figure's caption names what it shows; the
 * dashboard's table has every number for screen readers.
 */
export function StatsChart({
  title,
  days,
  series,
}: {
  title: string;
  days: readonly DailyStats[];
  series: readonly ChartSeries[];
}) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const target = box.current;
    if (!target) return;
    let disposed = false;
    let plot: { destroy(): void; setSize(size: { width: number; height: number }): void } | undefined;
    let observer: ResizeObserver | undefined;
    void import('./uplot.ts')
      .then(({ UPlot }) => {
        if (disposed) return;
        const x = days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
        const width = Math.max(200, target.clientWidth);
        plot = new UPlot(
          {
            width,
            height: HEIGHT,
            tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            scales: { y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
            axes: [{}, { size: 40 }],
            series: [
              { label: 'Day' },
              ...series.map((s) => ({
                label: s.label,
                stroke: s.color,
                width: 2,
                points: { show: days.length <= 31 },
              })),
            ],
          },
          [x, ...series.map((s) => days.map((d) => d[s.metric]))],
          target,
        );
        observer = new ResizeObserver(() =>
          plot?.setSize({ width: Math.max(200, target.clientWidth), height: HEIGHT }),
        );
        observer.observe(target);
      })
      .catch((err: unknown) => {
        console.error('Could not load the chart', err);
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [days, series]);

  const total = (m: Metric) => days.reduce((sum, d) => sum + d[m], 0);
  return (
    <figure class="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <figcaption class="mb-2">
        <span class="font-semibold">{title}</span>
        <span class="block text-sm text-slate-600">
          {series.map((s) => `${s.label}: ${total(s.metric)}`).join(' · ')} in {days.length} days
        </span>
      </figcaption>
      {failed ? (
        <p class="text-sm text-slate-600">The chart could not be drawn; the table below has the numbers.</p>
      ) : (
        <div
          ref={box}
          class="w-full overflow-hidden"
          style={{ minHeight: `${HEIGHT}px` }}
          aria-hidden="true"
        />
      )}
    </figure>
  );
}
