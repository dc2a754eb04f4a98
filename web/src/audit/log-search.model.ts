import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { auditApi, type LogEvent } from './api.ts';

/** `datetime-local` input text (the person's local time) as an ISO-8601 instant; empty stays unset. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Global log search by type, actor, correlation id and time range, oldest first, a page at a time. */
export const LogSearchModel = createModel(() => {
  const type = signal('');
  const actorId = signal('');
  const correlationId = signal('');
  const from = signal('');
  const to = signal('');
  const events = signal<LogEvent[] | null>(null);
  const nextCursor = signal<string | null>(null);
  const error = signal<string | null>(null);
  const loading = signal(false);

  async function load(more: boolean) {
    loading.value = true;
    try {
      const filter = {
        type: type.value.trim() || undefined,
        actorId: actorId.value.trim() || undefined,
        correlationId: correlationId.value.trim() || undefined,
        from: instant(from.value),
        to: instant(to.value),
      };
      const page = await auditApi.search(filter, more ? (nextCursor.value ?? undefined) : undefined);
      events.value = more ? [...(events.value ?? []), ...page.events] : page.events;
      nextCursor.value = page.nextCursor;
      error.value = null;
    } catch (err) {
      error.value = errorText(err, 'Could not search the log.');
    } finally {
      loading.value = false;
    }
  }

  return {
    type,
    actorId,
    correlationId,
    from,
    to,
    events,
    nextCursor,
    error,
    loading,
    search: () => load(false),
    more: () => load(true),
    /** Every event one request caused: only its correlation id as the filter. */
    chain(id: string) {
      type.value = '';
      actorId.value = '';
      from.value = '';
      to.value = '';
      correlationId.value = id;
      return load(false);
    },
  };
});
