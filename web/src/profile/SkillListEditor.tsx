import type { ReadonlySignal } from '@preact/signals';
import type { SkillLevel } from '../identity/api.ts';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import { isSkillLevel, levelLabels, skillLevels } from './levels.ts';
import { maxSkillNameLength, skillFieldKey, type SkillList, type SkillRow } from './skills.model.ts';

interface SkillListEditorProps {
  list: SkillList;
  title: string;
  rows: ReadonlySignal<readonly SkillRow[]>;
  canAdd: boolean;
  errors: Readonly<Record<string, string>>;
  onAdd: () => void;
  onRemove: (id: number) => void;
  onRename: (id: number, name: string) => void;
  onLevel: (id: number, level: SkillLevel) => void;
}

const verb: Record<SkillList, string> = { teach: 'teach', learn: 'learn' };

export function SkillListEditor(props: SkillListEditorProps) {
  const { list, title, rows, canAdd, errors } = props;
  return (
    <fieldset class="min-w-0 space-y-3" aria-describedby={errors[list] ? `${list}-error` : undefined}>
      <legend class="text-base font-semibold">{title}</legend>
      {rows.value.length === 0 && <p class="text-sm text-slate-500">No skills yet.</p>}
      <ul class="space-y-3">
        {rows.value.map((row, index) => {
          const n = index + 1;
          const nameId = `${list}-${row.id}-name`;
          const levelId = `${list}-${row.id}-level`;
          const nameError = errors[skillFieldKey(list, row.id, 'name')];
          const levelError = errors[skillFieldKey(list, row.id, 'level')];
          return (
            <li
              key={row.id}
              class="grid grid-cols-1 gap-2 rounded-md bg-slate-50 p-3 sm:grid-cols-[1fr_11rem_auto] sm:items-start"
            >
              <div class="min-w-0">
                <label for={nameId} class={labelClass}>
                  Skill to {verb[list]} {n}
                </label>
                <input
                  id={nameId}
                  type="text"
                  class={inputClass}
                  maxLength={maxSkillNameLength}
                  value={row.name}
                  placeholder={list === 'teach' ? 'e.g. Guitar' : 'e.g. Japanese'}
                  onInput={(e) => props.onRename(row.id, e.currentTarget.value)}
                  {...errorProps(nameId, nameError)}
                />
                <FieldError fieldId={nameId} message={nameError} />
              </div>
              <div class="min-w-0">
                <label for={levelId} class={labelClass}>
                  Level of skill to {verb[list]} {n}
                </label>
                <select
                  id={levelId}
                  class={inputClass}
                  value={row.level}
                  onChange={(e) => {
                    const level = e.currentTarget.value;
                    if (isSkillLevel(level)) props.onLevel(row.id, level);
                  }}
                  {...errorProps(levelId, levelError)}
                >
                  {skillLevels.map((level) => (
                    <option key={level} value={level}>
                      {levelLabels[level]}
                    </option>
                  ))}
                </select>
                <FieldError fieldId={levelId} message={levelError} />
              </div>
              <button
                type="button"
                class={`${secondaryButtonClass} sm:mt-6`}
                aria-label={`Remove skill to ${verb[list]} ${n}${row.name ? ` (${row.name})` : ''}`}
                onClick={() => props.onRemove(row.id)}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <FieldError fieldId={list} message={errors[list]} />
      <button type="button" class={secondaryButtonClass} disabled={!canAdd} onClick={props.onAdd}>
        Add skill to {verb[list]}
      </button>
    </fieldset>
  );
}
