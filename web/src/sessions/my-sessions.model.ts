import { computed, createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { sessionsApi, type MySessions, type Session } from './api.ts';

type LoadState =
  { status: 'loading' } | { status: 'ready'; mine: MySessions } | { status: 'failed'; message: string };

/** Upcoming (still scheduled) and past (ended or cancelled), each in the server's order. */
export function split(sessions: readonly Session[]) {
  return {
    upcoming: sessions.filter((s) => s.status === 'scheduled'),
    past: sessions.filter((s) => s.status !== 'scheduled'),
  };
}

/** "My sessions": what I host and attend, and my private calendar feed's link. */
export const MySessionsModel = createModel(() => {
  const state = signal<LoadState>({ status: 'loading' });
  const feedUrl = signal<string | null>(null);
  const feed = new SubmissionModel(() => null);
  const hosting = computed(() => (state.value.status === 'ready' ? split(state.value.mine.hosting) : null));
  const attending = computed(() =>
    state.value.status === 'ready' ? split(state.value.mine.attending) : null,
  );

  return {
    state,
    hosting,
    attending,
    feedUrl,
    feed,
    async load(abort?: AbortSignal) {
      try {
        state.value = { status: 'ready', mine: await sessionsApi.mine(abort) };
      } catch (err) {
        if (!abort?.aborted)
          state.value = { status: 'failed', message: errorText(err, 'Could not load your sessions.') };
      }
    },
    async showFeed() {
      const answer = await feed.run(() => sessionsApi.calendarFeed());
      if (answer) feedUrl.value = answer.url;
    },
    /** A new secret link; the old one stops working. */
    async renewFeed() {
      const answer = await feed.run(() => sessionsApi.renewCalendarFeed());
      if (answer) feedUrl.value = answer.url;
    },
  };
});
export type MySessionsModel = InstanceType<typeof MySessionsModel>;
