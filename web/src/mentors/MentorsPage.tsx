import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { SkillLevel } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths, queryParam } from '../lib/router.ts';
import { levelLabels, skillLevels } from '../profile/levels.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { Mentor } from './api.ts';
import { MentorsModel } from './mentors.model.ts';
import { Skeleton } from '../ui/Skeleton.tsx';

/** Find a mentor: who teaches a skill, ranked by their reputation in that skill. */
export function MentorsPage() {
  const model = useModel(() => new MentorsModel());
  useEffect(() => {
    // "Everyone who teaches X" links from the matches page carry the skill.
    const skill = queryParam('skill');
    if (skill) model.setFilter('skill', skill);
    void model.load();
    return () => model.stop();
  }, [model]);
  const filters = model.filters.value;
  const errors = model.search.fieldErrors.value;
  const state = model.state.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.load();
  }
  return (
    <section class="space-y-6" aria-labelledby="mentors-heading">
      <div>
        <h1 id="mentors-heading" class="text-2xl font-semibold">
          Mentors
        </h1>
        <p class="text-slate-600">People who teach a skill, best rated in that skill first.</p>
      </div>
      <form noValidate onSubmit={onSubmit} class={`space-y-4 ${cardClass}`} aria-label="Find mentors">
        <Alert message={model.search.formError.value} />
        <div class="grid gap-4 sm:grid-cols-3">
          <TextField
            id="mentors-skill"
            label="Skill"
            maxLength={60}
            value={filters.skill}
            onValue={(v) => model.setFilter('skill', v)}
            error={errors.skill}
            hint="Typos are fine."
          />
          <div>
            <label for="mentors-level" class={labelClass}>
              Their level, at least
            </label>
            <select
              id="mentors-level"
              class={inputClass}
              value={filters.level}
              onChange={(e) => model.setFilter('level', e.currentTarget.value as SkillLevel | '')}
              {...errorProps('mentors-level', errors.level)}
            >
              <option value="">Any level</option>
              {skillLevels.map((level) => (
                <option key={level} value={level}>
                  {levelLabels[level]}
                </option>
              ))}
            </select>
            <FieldError fieldId="mentors-level" message={errors.level} />
          </div>
          <TextField
            id="mentors-language"
            label="Language"
            maxLength={40}
            value={filters.language}
            onValue={(v) => model.setFilter('language', v)}
            error={errors.language}
          />
        </div>
        <SubmitButton pending={model.search.pending.value}>Find mentors</SubmitButton>
      </form>
      {state.status === 'loading' && <Skeleton label="Loading mentors" />}
      {state.status === 'failed' && <p role="alert">{state.message}</p>}
      {state.status === 'ready' && (
        <section aria-labelledby="mentor-results-heading" class="space-y-3">
          <h2 id="mentor-results-heading" class="text-lg font-semibold">
            {state.mentors.length === 0 ? 'Nobody teaches that yet' : 'Results'}
          </h2>
          <ol class="space-y-3">
            {state.mentors.map((m) => (
              <li key={`${m.user.id}/${m.skill}`}>
                <MentorCard mentor={m} />
              </li>
            ))}
          </ol>
          <Alert message={model.more.formError.value} />
          {state.nextCursor && (
            <button
              type="button"
              class={secondaryButtonClass}
              disabled={model.more.pending.value}
              aria-busy={model.more.pending.value}
              onClick={() => void model.loadMore()}
            >
              Load more
            </button>
          )}
        </section>
      )}
    </section>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function MentorCard({ mentor }: { mentor: Mentor }) {
  const { user, skillReputation: rep } = mentor;
  const badges = user.reputation.badges;
  return (
    <article
      aria-label={user.displayName}
      class="flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <UserAvatar name={user.displayName} url={user.avatarUrl} size="sm" alt="" />
      <div class="min-w-0 flex-1 space-y-1">
        <Link href={paths.user(user.id)} class="break-words font-semibold text-indigo-700 hover:underline">
          {user.displayName}
        </Link>
        <p class="text-sm text-slate-700">
          Teaches {mentor.skill} · {levelLabels[mentor.level]}
        </p>
        <p class="text-sm text-slate-600">
          {rep.rating === null
            ? 'Not rated in this skill yet'
            : `Rated ${rep.rating.toFixed(1)} / 5 (${count(rep.reviews, 'review')})`}
          {' · '}
          {count(rep.sessionsHosted, 'session')} · {count(rep.studentsTaught, 'student')}
        </p>
        {badges.length > 0 && (
          <p class="text-xs text-amber-900">Badges: {badges.map((b) => b.name).join(', ')}</p>
        )}
      </div>
    </article>
  );
}
