import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { skillLevels, type SkillLevel } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { levelLabels } from '../profile/levels.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import { MatchCard } from './MatchCard.tsx';
import { MatchesModel } from './matches.model.ts';

export function MatchesPage() {
  const model = useModel(() => new MatchesModel());
  useEffect(() => {
    void model.load();
    return () => model.stop();
  }, [model]);

  const state = model.state.value;
  if (state.status === 'signedOut') {
    return (
      <p role="alert">
        <Link href={paths.signIn} class="text-indigo-700 underline">
          Sign in
        </Link>{' '}
        to see who matches your skills.
      </p>
    );
  }

  return (
    <section class="space-y-6" aria-labelledby="matches-heading">
      <div>
        <h1 id="matches-heading" class="text-2xl font-semibold">
          Your matches
        </h1>
        <p class="text-slate-600">
          People who teach what you want to learn and want to learn what you teach come first.
        </p>
      </div>
      <Filters model={model} />
      <Results model={model} />
    </section>
  );
}

function Filters({ model }: { model: MatchesModel }) {
  const filters = model.filters.value;
  const errors = model.search.fieldErrors.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.load();
  }
  return (
    <form noValidate onSubmit={onSubmit} class={`space-y-4 ${cardClass}`} aria-label="Filter matches">
      <Alert message={model.state.value.status === 'ready' ? model.search.formError.value : null} />
      <div class="grid gap-4 sm:grid-cols-3">
        <TextField
          id="skill"
          label="Skill"
          maxLength={60}
          value={filters.skill}
          onValue={(v) => model.setFilter('skill', v)}
          error={errors.skill}
          hint="Typos are fine."
        />
        <TextField
          id="language"
          label="Language"
          maxLength={40}
          value={filters.language}
          onValue={(v) => model.setFilter('language', v)}
          error={errors.language}
        />
        <div>
          <label for="level" class={labelClass}>
            Their level, at least
          </label>
          <select
            id="level"
            class={inputClass}
            value={filters.level}
            onChange={(e) => model.setFilter('level', e.currentTarget.value as SkillLevel | '')}
            {...errorProps('level', errors.level)}
          >
            <option value="">Any level</option>
            {skillLevels.map((level) => (
              <option key={level} value={level}>
                {levelLabels[level]}
              </option>
            ))}
          </select>
          <FieldError fieldId="level" message={errors.level} />
        </div>
      </div>
      <div class="flex flex-wrap gap-3">
        <SubmitButton pending={model.search.pending.value}>Show matches</SubmitButton>
        <button type="button" class={secondaryButtonClass} onClick={() => void model.clearFilters()}>
          Clear filters
        </button>
      </div>
    </form>
  );
}

function Results({ model }: { model: MatchesModel }) {
  const state = model.state.value;
  switch (state.status) {
    case 'loading':
    case 'signedOut':
      return <p class="text-slate-600">Looking for matches…</p>;
    case 'failed':
      return <p role="alert">{state.message}</p>;
    case 'ready':
      if (state.matches.length === 0) {
        return (
          <p class="text-slate-600">
            No matches yet. Add what you teach and what you want to learn on{' '}
            <Link href={paths.myProfile} class="text-indigo-700 underline">
              your profile
            </Link>
            , or clear the filters.
          </p>
        );
      }
      return (
        <ul class="space-y-4" aria-label="Matches">
          {state.matches.map((match) => (
            <li key={match.user.id}>
              <MatchCard match={match} />
            </li>
          ))}
        </ul>
      );
    default: {
      const _never: never = state;
      return _never;
    }
  }
}
