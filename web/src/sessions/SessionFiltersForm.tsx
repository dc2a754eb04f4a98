import type { SkillLevel } from '../identity/api.ts';
import { levelLabels, skillLevels } from '../profile/levels.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { SessionsBrowseModel } from './sessions-browse.model.ts';

/** Skill (typos forgiven), level, dates and words; a filter the server refuses shows beside its field. */
export function SessionFiltersForm({ model }: { model: SessionsBrowseModel }) {
  const filters = model.filters.value;
  const errors = model.search.fieldErrors.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.load();
  }
  const date = (key: 'from' | 'to', label: string) => (
    <div>
      <label for={`sessions-${key}`} class={labelClass}>
        {label}
      </label>
      <input
        id={`sessions-${key}`}
        type="date"
        class={inputClass}
        value={filters[key]}
        onInput={(e) => model.setFilter(key, e.currentTarget.value)}
        {...errorProps(`sessions-${key}`, errors[key])}
      />
      <FieldError fieldId={`sessions-${key}`} message={errors[key]} />
    </div>
  );
  return (
    <form noValidate onSubmit={onSubmit} class={`space-y-4 ${cardClass}`} aria-label="Search sessions">
      <Alert message={model.search.formError.value} />
      <div class="grid gap-4 sm:grid-cols-2">
        <TextField
          id="sessions-q"
          label="Words"
          maxLength={200}
          value={filters.q}
          onValue={(v) => model.setFilter('q', v)}
          error={errors.q}
          hint="In the title or description."
        />
        <TextField
          id="sessions-skill"
          label="Skill"
          maxLength={60}
          value={filters.skill}
          onValue={(v) => model.setFilter('skill', v)}
          error={errors.skill}
          hint="Typos are fine."
        />
        <div>
          <label for="sessions-level" class={labelClass}>
            Level
          </label>
          <select
            id="sessions-level"
            class={inputClass}
            value={filters.level}
            onChange={(e) => model.setFilter('level', e.currentTarget.value as SkillLevel | '')}
            {...errorProps('sessions-level', errors.level)}
          >
            <option value="">Any level</option>
            {skillLevels.map((level) => (
              <option key={level} value={level}>
                {levelLabels[level]}
              </option>
            ))}
          </select>
          <FieldError fieldId="sessions-level" message={errors.level} />
        </div>
        <div class="grid grid-cols-2 gap-3">
          {date('from', 'From')}
          {date('to', 'Until')}
        </div>
      </div>
      <div class="flex flex-wrap gap-3">
        <SubmitButton pending={model.search.pending.value}>Search</SubmitButton>
        <button type="button" class={secondaryButtonClass} onClick={() => void model.clearFilters()}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
