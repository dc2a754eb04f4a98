import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { ApiError } from '../lib/http.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { sessionsApi, type Attendee, type Review, type Session } from './api.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; session: Session }
  | { status: 'notFound' }
  | { status: 'failed'; message: string };

const SESSION_FRAMES = new Set(['session.updated', 'session.cancelled', 'session.promoted']);
const RELOAD_DELAY_MS = 100;

const liveNews: Record<string, string> = {
  'session.promoted': 'A seat freed up: you are now registered.',
  'session.cancelled': 'This session has been cancelled.',
  'session.updated': 'The host changed this session; the details below are current.',
};

/**
 * One session's page: the session, the viewer's registration, the host's attendee list and the reviews.
 * Changes by others arrive as `/api/live` frames and reload the session with the frame's position.
 */
export const SessionPageModel = createModel((sessionId: string) => {
  const state = signal<LoadState>({ status: 'loading' });
  /** The signed-in viewer's id, null for a visitor. */
  const viewerId = signal<string | null>(null);
  /** Register, leave or cancel: one at a time, so a double click never sends twice. */
  const action = new SubmissionModel(() => null);
  /** What just changed, for a polite live region ("You are number 1 in line"). */
  const news = signal<string | null>(null);
  const attendees = signal<readonly Attendee[] | null>(null);
  const attendeesError = signal<string | null>(null);
  /** User ids whose attendance mark is in flight. */
  const marking = signal<ReadonlySet<string>>(new Set());
  const reviews = signal<readonly Review[]>([]);
  const reviewsCursor = signal<string | null>(null);
  const reviewsError = signal<string | null>(null);
  let unsubscribe: (() => void) | undefined;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let wantedPosition = 0;
  let pendingNews: string | null = null;
  let latestLoad = 0;

  const current = () => (state.value.status === 'ready' ? state.value.session : null);

  async function load(abort?: AbortSignal, minPosition?: number) {
    const run = ++latestLoad;
    try {
      const session = await sessionsApi.get(sessionId, abort, minPosition);
      if (run !== latestLoad) return;
      state.value = { status: 'ready', session };
      const isHost = session.host.id === viewerId.value;
      await Promise.all([loadReviews(abort), isHost ? loadAttendees(abort) : undefined]);
    } catch (err) {
      if (abort?.aborted || run !== latestLoad) return;
      if (err instanceof ApiError && (err.status === 404 || err.status === 422))
        state.value = { status: 'notFound' };
      else if (state.value.status !== 'ready')
        state.value = { status: 'failed', message: errorText(err, 'Could not load this session.') };
    }
  }

  async function loadAttendees(abort?: AbortSignal) {
    try {
      attendees.value = (await sessionsApi.attendees(sessionId, abort)).attendees;
      attendeesError.value = null;
    } catch (err) {
      if (!abort?.aborted) attendeesError.value = errorText(err, 'Could not load the attendees.');
    }
  }

  async function loadReviews(abort?: AbortSignal) {
    try {
      const page = await sessionsApi.reviews(sessionId, undefined, abort);
      reviews.value = page.reviews;
      reviewsCursor.value = page.nextCursor;
      reviewsError.value = null;
    } catch (err) {
      if (abort?.aborted) return;
      // The reviews' read model may not have seen a brand-new session yet: it has none.
      if (err instanceof ApiError && err.status === 404) reviews.value = [];
      else reviewsError.value = errorText(err, 'Could not load the reviews.');
    }
  }

  function onFrame(frame: LiveFrame) {
    const ours = SESSION_FRAMES.has(frame.type) && frame.sessionId === sessionId;
    if (!ours && frame.type !== 'resync' && frame.type !== 'ready') return;
    wantedPosition = Math.max(wantedPosition, frame.position ?? 0);
    // The host's own edits and cancellations reach their other tabs too: no news for them.
    const byMe =
      current()?.host.id === viewerId.value && frame.type !== 'session.promoted' && frame.byStaff !== true;
    if (ours && !byMe) pendingNews = liveNews[frame.type] ?? null;
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      const text = pendingNews;
      pendingNews = null;
      void load(undefined, wantedPosition || undefined).then(() => {
        if (text) news.value = text;
      });
    }, RELOAD_DELAY_MS);
  }

  /** Runs a registration step, then reloads; true when it worked. */
  async function act(work: () => Promise<string | null>): Promise<boolean> {
    news.value = null;
    const said = await action.run(work);
    // Refused or not, the page shows the session as it is now (a 409 often means it changed).
    await load();
    if (said === undefined) return false;
    news.value = said;
    return true;
  }

  return {
    state,
    action,
    news,
    attendees,
    attendeesError,
    marking,
    reviews,
    reviewsCursor,
    reviewsError,
    load,
    loadReviews,
    /** Loads the page for `viewer` (null: a visitor) and follows live frames until `stop`. */
    start(viewer: string | null, abort: AbortSignal) {
      viewerId.value = viewer;
      if (viewer) unsubscribe ??= live.subscribe(onFrame);
      void load(abort);
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      clearTimeout(reloadTimer);
    },
    register: () =>
      act(async () => {
        const answer = await sessionsApi.register(sessionId);
        return answer.status === 'registered'
          ? 'You are registered.'
          : `The session is full: you are number ${answer.waitlistPosition} on the waitlist.`;
      }),
    leave: () =>
      act(async () => {
        const was = current()?.myRegistration;
        await sessionsApi.unregister(sessionId);
        return was === 'waitlisted' ? 'You left the waitlist.' : 'You gave up your seat.';
      }),
    cancel: (reason: string) =>
      act(async () => {
        await sessionsApi.cancel(sessionId, reason.trim());
        return 'The session is cancelled; everyone registered is told.';
      }),
    async markAttendance(userId: string, attended: boolean) {
      if (marking.value.has(userId)) return;
      marking.value = new Set([...marking.value, userId]);
      attendeesError.value = null;
      try {
        await sessionsApi.markAttendance(sessionId, userId, attended);
        await loadAttendees();
      } catch (err) {
        attendeesError.value = errorText(err, 'Could not save the attendance.');
      } finally {
        const next = new Set(marking.value);
        next.delete(userId);
        marking.value = next;
      }
    },
    async moreReviews() {
      const cursor = reviewsCursor.value;
      if (!cursor) return;
      try {
        const page = await sessionsApi.reviews(sessionId, cursor);
        const seen = new Set(reviews.value.map((r) => r.id));
        reviews.value = [...reviews.value, ...page.reviews.filter((r) => !seen.has(r.id))];
        reviewsCursor.value = page.nextCursor;
      } catch (err) {
        reviewsError.value = errorText(err, 'Could not load more reviews.');
      }
    },
    /** A review written or answered on this page replaces its old copy (or comes first). */
    putReview(review: Review) {
      const others = reviews.value.filter((r) => r.id !== review.id);
      const at = reviews.value.findIndex((r) => r.id === review.id);
      reviews.value =
        at < 0 ? [review, ...others] : reviews.value.map((r) => (r.id === review.id ? review : r));
    },
  };
});
export type SessionPageModel = InstanceType<typeof SessionPageModel>;
