/** A recorded time as people read it, to the second, in their own time zone. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A JSON value as an indented block; strings as they are. */
export function shown(value: unknown): string {
  if (value === undefined) return '—';
  if (value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
