import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { LiveFrame, LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
import { sessionEvents } from './events.ts';

const handled = new Set([
  'SessionEdited',
  'SessionCancelled',
  'SessionWaitlistPromoted',
  'SessionReminderSent',
]);
const to = (userIds: Iterable<string | null>, frame: LiveFrame) =>
  [...new Set(userIds)].flatMap((userId) => (userId ? [{ userId, frame }] : []));

/**
 * Session frames on `/api/live` (docs/sessions.md, "Live frames"): an edit or a cancellation to the host
 * and everyone registered or waitlisted then, a promotion to the promoted person, a reminder to the
 * person reminded. Clients refetch the session for its details.
 */
export const sessionLiveFrames: LiveFrameMapper = (event: RecordedEvent) => {
  if (!handled.has(event.type)) return [];
  const e = sessionEvents.decode(event);
  switch (e.type) {
    case 'SessionEdited': {
      const { sessionId, changes, audience } = e.data;
      const changed = Object.keys(changes);
      const rescheduled = changed.includes('startsAt') || changed.includes('durationMinutes');
      // Only the host edits: the actor is the host, whose other tabs refresh too.
      return to([e.metadata.actorId, ...audience], {
        type: 'session.updated',
        sessionId,
        changed,
        rescheduled,
      });
    }
    case 'SessionCancelled': {
      const { sessionId, hostId, audience, reason, byStaff } = e.data;
      return to([hostId, ...audience], { type: 'session.cancelled', sessionId, reason, byStaff });
    }
    case 'SessionWaitlistPromoted': {
      const { sessionId, userId, reason } = e.data;
      return to([userId], { type: 'session.promoted', sessionId, reason });
    }
    case 'SessionReminderSent': {
      const { sessionId, userId, kind, startsAt } = e.data;
      return to([userId], { type: 'session.reminder', sessionId, kind, startsAt });
    }
    default:
      return [];
  }
};
