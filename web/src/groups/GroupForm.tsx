import type { Signal } from '@preact/signals';
import type { SubmissionModel } from '../lib/submission.model.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass } from '../ui/styles.ts';
import { maxGroupDescription, maxGroupName } from './groups.model.ts';

interface GroupFormProps {
  /** Prefix of the element ids: `<id>-heading`, `<id>-name`, `<id>-description`. */
  id: string;
  title: string;
  descriptionLabel: string;
  submitLabel: string;
  name: Signal<string>;
  description: Signal<string>;
  submission: SubmissionModel;
  onSubmit: () => Promise<void>;
}

/** A group's name and description in a card: the create-group form and the admins' settings form. */
export function GroupForm(props: GroupFormProps) {
  const { id, name, description } = props;
  const { fieldErrors, formError, pending } = props.submission;
  return (
    <section class={cardClass} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="mb-3 text-lg font-semibold">
        {props.title}
      </h2>
      <form
        class="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void props.onSubmit();
        }}
      >
        <TextField
          id={`${id}-name`}
          label="Name"
          value={name.value}
          onValue={(v) => (name.value = v)}
          error={fieldErrors.value.name}
          required
          maxLength={maxGroupName}
        />
        <TextAreaField
          id={`${id}-description`}
          label={props.descriptionLabel}
          rows={3}
          maxLength={maxGroupDescription}
          value={description.value}
          onValue={(v) => (description.value = v)}
          error={fieldErrors.value.description}
        />
        <Alert message={formError.value} />
        <SubmitButton pending={pending.value}>{props.submitLabel}</SubmitButton>
      </form>
    </section>
  );
}
