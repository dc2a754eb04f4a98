import { FieldError, fieldErrorId } from './FieldError.tsx';
import { inputClass, labelClass } from './styles.ts';

interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  rows: number;
  maxLength?: number;
  /** A line under the field that the field points at, e.g. "120 characters left". */
  count?: string;
  autoFocus?: boolean;
}

/** A labelled multi-line field with its error message: the textarea twin of TextField. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, error, count } = props;
  const countId = `${id}-count`;
  const describedBy = [count !== undefined && countId, error && fieldErrorId(id)].filter(Boolean).join(' ');
  return (
    <div>
      <label for={id} class={labelClass}>
        {label}
      </label>
      <textarea
        id={id}
        class={inputClass}
        rows={props.rows}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {count !== undefined && (
        <p id={countId} class="mt-1 text-right text-xs text-slate-600">
          {count}
        </p>
      )}
      <FieldError fieldId={id} message={error} />
    </div>
  );
}
