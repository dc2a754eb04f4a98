import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { formatDay } from '../lib/zoned-time.ts';
import { levelLabels } from '../profile/levels.ts';
import { cardClass } from '../ui/styles.ts';
import type { SkillProgress } from './api.ts';
import { HoursChart } from './HoursChart.tsx';
import { ProgressModel } from './progress.model.ts';
import { Skeleton } from '../ui/Skeleton.tsx';

/** My progress: a chart of hours per skill, then every number and my declared levels over time. */
export function ProgressPage() {
  return <SignedIn>{() => <Progress />}</SignedIn>;
}

function Progress() {
  const model = useModel(() => new ProgressModel());
  useEffect(() => {
    const abort = new AbortController();
    void model.load(abort.signal);
    return () => abort.abort();
  }, [model]);
  const state = model.state.value;
  return (
    <section class="space-y-6" aria-labelledby="progress-heading">
      <h1 id="progress-heading" class="text-2xl font-semibold">
        My progress
      </h1>
      {state.status === 'loading' && <Skeleton label="Loading your progress" />}
      {state.status === 'failed' && <p role="alert">{state.message}</p>}
      {state.status === 'ready' &&
        (state.skills.length === 0 ? (
          <p class="text-slate-600">
            Add skills to your profile or join a session to see your progress here.
          </p>
        ) : (
          <>
            <section class={cardClass} aria-labelledby="hours-heading">
              <h2 id="hours-heading" class="mb-3 text-lg font-semibold">
                Hours per skill
              </h2>
              <HoursChart skills={state.skills} />
            </section>
            <ul class="space-y-4">
              {state.skills.map((s) => (
                <li key={s.skill}>
                  <SkillCard skill={s} />
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

function SkillCard({ skill: s }: { skill: SkillProgress }) {
  const id = `progress-${s.skill.replace(/\W+/g, '-')}`;
  const stats: [string, string][] = [
    ['Sessions attended', String(s.sessionsAttended)],
    ['Hours learned', String(s.hoursLearned)],
    ['Sessions hosted', String(s.sessionsHosted)],
    ['Hours taught', String(s.hoursTaught)],
    ['Ratings received', String(s.ratingsReceived)],
    ['Average rating', s.averageRating === null ? '–' : `${s.averageRating.toFixed(1)} / 5`],
  ];
  const lists = [
    s.teachLevel && `You teach it (${levelLabels[s.teachLevel]})`,
    s.learnLevel && `You learn it (${levelLabels[s.learnLevel]})`,
  ].filter(Boolean);
  return (
    <section class={cardClass} aria-labelledby={id}>
      <h2 id={id} class="break-words text-lg font-semibold">
        {s.skill}
      </h2>
      {lists.length > 0 && <p class="text-sm text-slate-600">{lists.join(' · ')}</p>}
      <dl class="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
        {stats.map(([label, value]) => (
          <div key={label} class="rounded-md bg-slate-50 p-3">
            <dt class="text-xs text-slate-500">{label}</dt>
            <dd class="text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {s.levelHistory.length > 0 && (
        <>
          <h3 class="mt-4 text-sm font-semibold text-slate-700">Your declared level over time</h3>
          <ol class="mt-1 space-y-1 text-sm">
            {s.levelHistory.map((h) => (
              <li key={`${h.kind}-${h.since}`}>
                <time dateTime={h.since}>{formatDay(h.since)}</time>: {levelLabels[h.level]} (
                {h.kind === 'teach' ? 'teaching' : 'learning'})
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
