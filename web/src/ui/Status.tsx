/** A polite live region for confirmations ("Profile saved"). */
export function Status({ message }: { message: string | null }) {
  return (
    <p role="status" class="text-sm text-emerald-700">
      {message}
    </p>
  );
}
