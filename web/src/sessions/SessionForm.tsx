import type { SkillLevel } from '../identity/api.ts';
import { formatInZone } from '../lib/zoned-time.ts';
import { levelLabels, skillLevels } from '../profile/levels.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps, fieldErrorId } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass } from '../ui/styles.ts';
import type { SessionDraft, SessionFormModel } from './session-form.model.ts';

/** A labelled input of another type than text (datetime-local, number), with hint and error. */
function InputField(props: {
  id: keyof SessionDraft;
  label: string;
  type: 'datetime-local' | 'number';
  model: SessionFormModel;
  hint?: string;
  min?: number;
  max?: number;
}) {
  const { id, model, hint } = props;
  const error = model.submission.fieldErrors.value[id];
  const fieldId = `session-${id}`;
  const describedBy = [hint && `${fieldId}-hint`, error && fieldErrorId(fieldId)].filter(Boolean).join(' ');
  return (
    <div>
      <label for={fieldId} class={labelClass}>
        {props.label}
      </label>
      <input
        id={fieldId}
        type={props.type}
        class={inputClass}
        min={props.min}
        max={props.max}
        step={props.type === 'number' ? 1 : undefined}
        inputMode={props.type === 'number' ? 'numeric' : undefined}
        value={model.draft.value[id]}
        onInput={(e) => model.set(id, e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <p id={`${fieldId}-hint`} class="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      )}
      <FieldError fieldId={fieldId} message={error} />
    </div>
  );
}

/** Host or edit a session; times are typed and shown in the host's zone, which the form names. */
export function SessionForm({
  model,
  zone: zoneId,
  submitLabel,
  zoneNote,
  onSaved,
}: {
  model: SessionFormModel;
  /** The host's IANA zone the times are typed in. */
  zone: string;
  submitLabel: string;
  /** Where the zone comes from, e.g. "your profile's time zone". */
  zoneNote: string;
  onSaved: (sessionId: string) => void;
}) {
  const draft = model.draft.value;
  const errors = model.submission.fieldErrors.value;
  const zone = zoneId.replaceAll('_', ' ');
  const ends = model.endsAt.value;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const saved = await model.save();
    if (saved) onSaved(saved.id);
    // A long form: take the person to the first field the server (or the browser) refused.
    else setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  }
  return (
    <form noValidate onSubmit={onSubmit} class={`space-y-4 ${cardClass}`} aria-label={submitLabel}>
      <Alert message={model.submission.formError.value} />
      <TextField
        id="session-title"
        label="Topic"
        maxLength={120}
        required
        value={draft.title}
        onValue={(v) => model.set('title', v)}
        error={errors.title}
      />
      <div class="grid gap-4 sm:grid-cols-2">
        <TextField
          id="session-skill"
          label="Skill"
          maxLength={60}
          required
          value={draft.skill}
          onValue={(v) => model.set('skill', v)}
          error={errors.skill}
          hint="Learners find it even with typos."
        />
        <div>
          <label for="session-level" class={labelClass}>
            Level
          </label>
          <select
            id="session-level"
            class={inputClass}
            value={draft.level}
            onChange={(e) => model.set('level', e.currentTarget.value as SkillLevel)}
            {...errorProps('session-level', errors.level)}
          >
            {skillLevels.map((level) => (
              <option key={level} value={level}>
                {levelLabels[level]}
              </option>
            ))}
          </select>
          <FieldError fieldId="session-level" message={errors.level} />
        </div>
      </div>
      <TextAreaField
        id="session-description"
        label="Description (optional)"
        rows={4}
        maxLength={5000}
        value={draft.description}
        onValue={(v) => model.set('description', v)}
        error={errors.description}
      />
      <TextAreaField
        id="session-prerequisites"
        label="Prerequisites (optional, one per line)"
        rows={3}
        value={draft.prerequisites}
        onValue={(v) => model.set('prerequisites', v)}
        error={errors.prerequisites}
      />
      <fieldset class="space-y-3 rounded-md border border-slate-200 p-3">
        <legend class="px-1 text-sm font-semibold text-slate-700">When, in {zone}</legend>
        <p class="text-sm text-slate-600">
          Times are in {zone} ({zoneNote}). Learners see them in their own time zone.
        </p>
        <div class="grid gap-4 sm:grid-cols-2">
          <InputField id="startsAt" label={`Starts (${zone})`} type="datetime-local" model={model} />
          <InputField
            id="durationMinutes"
            label="Length in minutes"
            type="number"
            min={15}
            max={480}
            model={model}
            hint="15 to 480."
          />
        </div>
        <p class="text-sm text-slate-700" aria-live="polite">
          {ends ? `Ends ${formatInZone(ends, zoneId)}` : 'Choose a start and a length to see the end.'}
        </p>
      </fieldset>
      <div class="grid gap-4 sm:grid-cols-2">
        <InputField
          id="capacity"
          label="Seats"
          type="number"
          min={1}
          max={500}
          model={model}
          hint="1 to 500."
        />
        <TextField
          id="session-meetingUrl"
          label="Meeting link (optional)"
          maxLength={2048}
          value={draft.meetingUrl}
          onValue={(v) => model.set('meetingUrl', v)}
          error={errors.meetingUrl}
          hint="An https:// link, shown only to people with a seat."
        />
      </div>
      <SubmitButton pending={model.submission.pending.value}>{submitLabel}</SubmitButton>
    </form>
  );
}
