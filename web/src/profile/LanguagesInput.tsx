import type { ReadonlySignal, Signal } from '@preact/signals';
import { Chip } from '../ui/Chip.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';

interface LanguagesInputProps {
  languages: ReadonlySignal<readonly string[]>;
  draft: Signal<string>;
  onAdd: () => void;
  onRemove: (language: string) => void;
  error: string | undefined;
}

/** Languages as removable chips; type one and press Enter, comma or "Add language". */
export function LanguagesInput({ languages, draft, onAdd, onRemove, error }: LanguagesInputProps) {
  function onKeyDown(event: KeyboardEvent) {
    // Enter would submit the whole form; here it means "add this language".
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      onAdd();
    }
  }

  return (
    <div>
      <label for="languages" class={labelClass}>
        Languages
      </label>
      {languages.value.length > 0 && (
        <ul aria-label="Selected languages" class="mb-2 flex flex-wrap gap-2">
          {languages.value.map((language) => (
            <li key={language} class="max-w-full">
              <Chip onRemove={() => onRemove(language)} removeLabel={`Remove ${language}`}>
                {language}
              </Chip>
            </li>
          ))}
        </ul>
      )}
      <div class="flex gap-2">
        <input
          id="languages"
          type="text"
          class={inputClass}
          value={draft.value}
          maxLength={40}
          placeholder="e.g. Spanish"
          onInput={(e) => (draft.value = e.currentTarget.value)}
          onKeyDown={onKeyDown}
          {...errorProps('languages', error)}
          aria-describedby={error ? 'languages-hint languages-error' : 'languages-hint'}
        />
        <button type="button" class={`${secondaryButtonClass} shrink-0 whitespace-nowrap`} onClick={onAdd}>
          Add language
        </button>
      </div>
      <p id="languages-hint" class="mt-1 text-sm text-slate-500">
        Press Enter after each language.
      </p>
      <FieldError fieldId="languages" message={error} />
    </div>
  );
}
