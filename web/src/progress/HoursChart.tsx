import type { SkillProgress } from './api.ts';

const ROW = 48;
const LABEL_WIDTH = 100;
const WIDTH = 320;
const BAR = 16;

const hours = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} h`;

/**
 * Hours learned and taught per skill as paired horizontal bars, in inline SVG: no library for two bar
 * colours, and the SVG scales down to a phone. Screen readers get one sentence per skill (the table
 * beside it has every number).
 */
export function HoursChart({ skills }: { skills: readonly SkillProgress[] }) {
  const rows = skills.filter((s) => s.hoursLearned > 0 || s.hoursTaught > 0);
  if (rows.length === 0)
    return <p class="text-slate-600">No hours yet: attend or host a session to start.</p>;
  const max = Math.max(...rows.map((s) => Math.max(s.hoursLearned, s.hoursTaught)));
  const scale = (n: number) => (max > 0 ? (n / max) * (WIDTH - LABEL_WIDTH - 50) : 0);
  const height = rows.length * ROW + 24;
  const summary = rows
    .map((s) => `${s.skill}: ${hours(s.hoursLearned)} learned, ${hours(s.hoursTaught)} taught.`)
    .join(' ');
  return (
    <figure class="space-y-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        class="h-auto w-full max-w-xl"
        role="img"
        aria-labelledby="hours-chart-title hours-chart-desc"
      >
        <title id="hours-chart-title">Hours learned and taught per skill</title>
        <desc id="hours-chart-desc">{summary}</desc>
        {rows.map((s, i) => {
          const y = i * ROW + 4;
          return (
            <g key={s.skill}>
              <text x={0} y={y + BAR + 4} class="fill-slate-700 text-[13px]">
                {s.skill.length > 13 ? `${s.skill.slice(0, 12)}…` : s.skill}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y}
                width={scale(s.hoursLearned)}
                height={BAR}
                rx={2}
                class="fill-indigo-500"
              />
              <text
                x={LABEL_WIDTH + scale(s.hoursLearned) + 4}
                y={y + BAR - 3}
                class="fill-slate-600 text-[12px]"
              >
                {hours(s.hoursLearned)}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + BAR + 2}
                width={scale(s.hoursTaught)}
                height={BAR}
                rx={2}
                class="fill-amber-500"
              />
              <text
                x={LABEL_WIDTH + scale(s.hoursTaught) + 4}
                y={y + 2 * BAR - 1}
                class="fill-slate-600 text-[12px]"
              >
                {hours(s.hoursTaught)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="flex flex-wrap gap-4 text-sm text-slate-700">
        <span class="inline-flex items-center gap-1">
          <span aria-hidden="true" class="inline-block size-3 rounded-sm bg-indigo-500" /> Learned
        </span>
        <span class="inline-flex items-center gap-1">
          <span aria-hidden="true" class="inline-block size-3 rounded-sm bg-amber-500" /> Taught
        </span>
      </figcaption>
    </figure>
  );
}
