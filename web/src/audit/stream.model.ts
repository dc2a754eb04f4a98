import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { auditApi, type AuditEvent, type StreamState } from './api.ts';

/** One stream: its events a page at a time, and its state folded to any revision (time travel). */
export const StreamModel = createModel((stream: string) => {
  const events = signal<AuditEvent[] | null>(null);
  const nextRevision = signal<number | null>(null);
  const eventsError = signal<string | null>(null);
  const state = signal<StreamState | null>(null);
  const stateError = signal<string | null>(null);
  const traveling = signal(false);

  async function loadEvents(from: number) {
    try {
      const page = await auditApi.events(stream, from);
      events.value = from === 0 ? page.events : [...(events.value ?? []), ...page.events];
      nextRevision.value = page.nextRevision;
      eventsError.value = null;
    } catch (err) {
      eventsError.value = errorText(err, 'Could not load the events.');
    }
  }

  async function travel(revision?: number) {
    traveling.value = true;
    try {
      state.value = await auditApi.state(stream, revision);
      stateError.value = null;
    } catch (err) {
      state.value = null;
      stateError.value = errorText(err, 'Could not fold the stream.');
    } finally {
      traveling.value = false;
    }
  }

  return {
    events,
    nextRevision,
    eventsError,
    state,
    stateError,
    traveling,
    open() {
      void loadEvents(0);
      void travel();
    },
    more: () => (nextRevision.value === null ? undefined : loadEvents(nextRevision.value)),
    /** Folds the stream up to `revision` (the latest when left out). */
    travel,
  };
});
