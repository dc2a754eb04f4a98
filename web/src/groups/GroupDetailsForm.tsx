import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass } from '../ui/styles.ts';
import type { GroupModel } from './group.model.ts';
import { maxGroupDescription, maxGroupName } from './groups.model.ts';

/** The admins' form that renames the group and changes its description. */
export function GroupDetailsForm({ model }: { model: GroupModel }) {
  const { fieldErrors, formError, pending } = model.rename;
  return (
    <section class={cardClass} aria-labelledby="rename-heading">
      <h2 id="rename-heading" class="mb-3 text-lg font-semibold">
        Name and description
      </h2>
      <form
        class="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <TextField
          id="settings-name"
          label="Name"
          value={model.name.value}
          onValue={(v) => (model.name.value = v)}
          error={fieldErrors.value.name}
          required
          maxLength={maxGroupName}
        />
        <div>
          <label for="settings-description" class={labelClass}>
            Description
          </label>
          <textarea
            id="settings-description"
            class={inputClass}
            rows={3}
            maxLength={maxGroupDescription}
            value={model.description.value}
            onInput={(e) => (model.description.value = e.currentTarget.value)}
            {...errorProps('settings-description', fieldErrors.value.description)}
          />
          <FieldError fieldId="settings-description" message={fieldErrors.value.description} />
        </div>
        <Alert message={formError.value} />
        <SubmitButton pending={pending.value}>Save</SubmitButton>
      </form>
    </section>
  );
}
