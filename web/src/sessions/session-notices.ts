import { live, type LiveFrame } from '../live/live.model.ts';
import { paths, route } from '../lib/router.ts';
import { notices } from '../ui/notices.model.ts';
import { sessionsApi } from './api.ts';

const texts: Record<string, (title: string, frame: LiveFrame) => string | null> = {
  'session.promoted': (title) => `A seat freed up: you are now registered for “${title}”.`,
  'session.cancelled': (title) => `“${title}” has been cancelled.`,
  'session.updated': (title, frame) => (frame.rescheduled === true ? `“${title}” has a new time.` : null),
  'session.reminder': (title, frame) =>
    frame.kind === '15m' ? `“${title}” starts in 15 minutes.` : `“${title}” starts tomorrow.`,
};

/**
 * Tells the signed-in user, wherever they are in the app, about their sessions: a seat from the
 * waitlist, a cancellation, a new time, a reminder. The session's own page says it there instead.
 * Returns the function that stops listening.
 */
export function followSessionNotices(myId: string): () => void {
  return live.subscribe((frame: LiveFrame) => {
    const text = texts[frame.type];
    if (!text || typeof frame.sessionId !== 'string') return;
    const sessionId = frame.sessionId;
    const here = route.value;
    if (here.name === 'session' && here.id === sessionId) return;
    void announce(sessionId, myId, frame, text);
  });
}

async function announce(
  sessionId: string,
  myId: string,
  frame: LiveFrame,
  text: (title: string, frame: LiveFrame) => string | null,
) {
  try {
    const session = await sessionsApi.get(sessionId, undefined, frame.position);
    // The host made the change themselves (in another tab): nothing to tell them.
    if (session.host.id === myId && frame.type !== 'session.reminder' && frame.byStaff !== true) return;
    const said = text(session.title, frame);
    if (said) notices.show(said, { href: paths.session(sessionId), label: 'Open' });
  } catch (err) {
    console.warn('Could not load the session a notice is about', err);
  }
}
