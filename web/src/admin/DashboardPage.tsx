import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../lib/error-text.ts';
import { paths } from '../lib/router.ts';
import { Link } from '../lib/Link.tsx';
import { inputClass, labelClass } from '../ui/styles.ts';
import { adminApi, type AdminStats } from './api.ts';
import { StatsChart, type ChartSeries, type Metric } from './StatsChart.tsx';

const charts: { title: string; series: ChartSeries[] }[] = [
  {
    title: 'People',
    series: [
      { metric: 'activeUsers', label: 'Active', color: '#4f46e5' },
      { metric: 'signUps', label: 'Sign-ups', color: '#059669' },
    ],
  },
  {
    title: 'Activity',
    series: [
      { metric: 'messages', label: 'Messages', color: '#0284c7' },
      { metric: 'registrations', label: 'Registrations', color: '#d97706' },
      { metric: 'sessionsHeld', label: 'Sessions held', color: '#7c3aed' },
    ],
  },
  {
    title: 'Reports and support',
    series: [
      { metric: 'reports', label: 'Reports', color: '#dc2626' },
      { metric: 'ticketsOpened', label: 'Tickets opened', color: '#ea580c' },
      { metric: 'ticketsResolved', label: 'Tickets resolved', color: '#16a34a' },
    ],
  },
];
const columns = charts.flatMap((c) => c.series);
const ranges = [7, 30, 90] as const;

/** The admin home: what needs attention now, and daily numbers as charts (uPlot, loaded on this page only). */
export function DashboardPage() {
  const days = useSignal<number>(30);
  const stats = useSignal<AdminStats | null>(null);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    let current = true;
    adminApi.stats(days.value).then(
      (s) => {
        if (!current) return;
        stats.value = s;
        error.value = null;
      },
      (err: unknown) => {
        if (current) error.value = errorText(err, 'Could not load the numbers.');
      },
    );
    return () => {
      current = false;
    };
  }, [days.value]);

  const s = stats.value;
  const today = s?.days.at(-1);
  return (
    <section class="space-y-4" aria-labelledby="dashboard-heading">
      <div class="flex flex-wrap items-end justify-between gap-3">
        <h1 id="dashboard-heading" class="text-2xl font-semibold">
          Dashboard
        </h1>
        <div>
          <label for="stats-days" class={labelClass}>
            Period
          </label>
          <select
            id="stats-days"
            class={inputClass}
            value={String(days.value)}
            onChange={(e) => (days.value = Number(e.currentTarget.value))}
          >
            {ranges.map((n) => (
              <option key={n} value={n}>
                Last {n} days
              </option>
            ))}
          </select>
        </div>
      </div>
      {error.value && <p role="alert">{error.value}</p>}
      {!s ? (
        !error.value && <p class="text-slate-600">Loading…</p>
      ) : (
        <>
          <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Count label="Open reports" value={s.openReports} href={paths.admin('reports')} />
            <Count label="Open tickets" value={s.openTickets} href={paths.admin('tickets')} />
            <Count label="Active today" value={today?.activeUsers ?? 0} />
            <Count label="Sign-ups today" value={today?.signUps ?? 0} />
          </dl>
          <div class="grid gap-4 lg:grid-cols-2">
            {charts.map((c) => (
              <StatsChart key={`${c.title}-${days.value}`} title={c.title} days={s.days} series={c.series} />
            ))}
          </div>
          <details class="rounded-lg border border-slate-200 bg-white p-3">
            <summary class="cursor-pointer font-medium">Numbers by day</summary>
            <div class="mt-2 overflow-x-auto">
              <table class="min-w-full text-right text-sm">
                <thead>
                  <tr>
                    <th scope="col" class="px-2 py-1 text-left">
                      Day (UTC)
                    </th>
                    {columns.map((c) => (
                      <th key={c.metric} scope="col" class="px-2 py-1">
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...s.days].reverse().map((d) => (
                    <tr key={d.date} class="border-t border-slate-100">
                      <th scope="row" class="px-2 py-1 text-left font-normal">
                        {d.date}
                      </th>
                      {columns.map((c) => (
                        <td key={c.metric} class="px-2 py-1">
                          {d[c.metric satisfies Metric]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

function Count({ label, value, href }: { label: string; value: number; href?: string }) {
  return (
    <div class="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <dt class="text-sm text-slate-600">{label}</dt>
      <dd class="text-2xl font-semibold">
        {href ? (
          <Link href={href} class="text-indigo-700 underline">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}
