import type { SkillLevel } from '../identity/api.ts';
import { levelLabels, skillLevels } from '../profile/levels.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { MatchesModel } from './matches.model.ts';

/** Skill, language and level filters; a filter the server refuses shows its error beside the field. */
export function MatchFiltersForm({ model }: { model: MatchesModel }) {
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
