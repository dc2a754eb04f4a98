import { loadAggregate } from '../../platform/commands.ts';
import type { EventStore } from '../../platform/event-store/port.ts';
import { calendarEntry, sessionCalendar } from './calendar.ts';
import { sessionStream } from './events.ts';
import { sessionAggregate } from './session.ts';

/**
 * What an email about a session attaches: the session's calendar (RFC 5545) as `viewerId` may see it, as
 * it is now (a changed session keeps its UID and raises SEQUENCE; a cancelled one is `METHOD:CANCEL`), so
 * the copy in the person's calendar is replaced. Undefined when there is no such session.
 */
export async function sessionMailCalendar(
  deps: { store: EventStore },
  sessionId: string,
  viewerId: string,
  options: { now: Date; pageUrl: string },
): Promise<{ content: string; filename: string } | undefined> {
  const { state } = await loadAggregate(deps.store, sessionStream(sessionId), sessionAggregate);
  if (state.status === 'unscheduled') return undefined;
  const entry = calendarEntry(state, viewerId, options.now, options.pageUrl);
  return { content: sessionCalendar(entry, { now: options.now }), filename: 'session.ics' };
}
