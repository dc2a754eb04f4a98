import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass } from '../ui/styles.ts';
import { maxGroupDescription, maxGroupName, type GroupsModel } from './groups.model.ts';

/** Creates a group with me as its admin, then opens it. */
export function CreateGroupForm({ model }: { model: GroupsModel }) {
  const { fieldErrors, formError, pending } = model.submission;
  return (
    <section aria-labelledby="create-group" class={cardClass}>
      <h2 id="create-group" class="mb-3 text-lg font-semibold">
        Create a group
      </h2>
      <form
        class="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void model.create();
        }}
      >
        <TextField
          id="group-name"
          label="Name"
          value={model.name.value}
          onValue={(v) => (model.name.value = v)}
          error={fieldErrors.value.name}
          required
          maxLength={maxGroupName}
        />
        <div>
          <label for="group-description" class={labelClass}>
            Description (optional)
          </label>
          <textarea
            id="group-description"
            class={inputClass}
            rows={3}
            maxLength={maxGroupDescription}
            value={model.description.value}
            onInput={(e) => (model.description.value = e.currentTarget.value)}
            {...errorProps('group-description', fieldErrors.value.description)}
          />
          <FieldError fieldId="group-description" message={fieldErrors.value.description} />
        </div>
        <Alert message={formError.value} />
        <SubmitButton pending={pending.value}>Create group</SubmitButton>
      </form>
    </section>
  );
}
