import type { TargetedInputEvent } from 'preact';
import { FieldError, fieldErrorId } from './FieldError.tsx';
import { inputClass, labelClass } from './styles.ts';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  hint?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, label, error, hint } = props;
  const hintId = `${id}-hint`;
  const describedBy = [hint && hintId, error && fieldErrorId(id)].filter(Boolean).join(' ');
  const type = props.type ?? 'text';
  // Preact types <input> per `type`, so a union-typed `type` cannot be passed through in one element.
  const input = {
    id,
    name: id,
    class: inputClass,
    value: props.value,
    onInput: (e: TargetedInputEvent<HTMLInputElement>) => props.onValue(e.currentTarget.value),
    autoComplete: props.autoComplete,
    required: props.required,
    maxLength: props.maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div>
      <label for={id} class={labelClass}>
        {label}
      </label>
      {type === 'password' ? (
        <input type="password" {...input} />
      ) : type === 'email' ? (
        <input type="email" {...input} />
      ) : (
        <input type="text" {...input} />
      )}
      {hint && (
        <p id={hintId} class="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      )}
      <FieldError fieldId={id} message={error} />
    </div>
  );
}
