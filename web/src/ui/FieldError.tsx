export function fieldErrorId(fieldId: string): string {
  return `${fieldId}-error`;
}

/** The message under a field; the input points at it with aria-describedby. */
export function FieldError({ fieldId, message }: { fieldId: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={fieldErrorId(fieldId)} class="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

/** Props that tie an input to its error message. */
export function errorProps(fieldId: string, message: string | undefined) {
  return message ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(fieldId) } : {};
}
