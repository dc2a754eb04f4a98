/**
 * A live region for form-level errors. It is always in the DOM so screen readers announce
 * the message when it appears.
 */
export function Alert({ message }: { message: string | null }) {
  return (
    <div
      role="alert"
      class={message ? 'rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800' : ''}
    >
      {message}
    </div>
  );
}
