import { randomUUID } from 'node:crypto';
import { sessionEvents, sessionStream, type SessionEvent } from '../../src/features/sessions/events.ts';
import { decideSession, type SessionCommand } from '../../src/features/sessions/session.decide.ts';
import { sessionAggregate } from '../../src/features/sessions/session.ts';
import { handleCommand } from '../../src/platform/commands.ts';
import type { RecordedOfType } from '../../src/platform/event-store/events.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';
import { systemMetadata } from './events.ts';

/**
 * Session commands through the real decider and command pipeline, stamped with the command's time: the
 * sessions a test needs, without the sessions HTTP API.
 */
export function scheduledSessions(store: EventStore) {
  const run = (sessionId: string, command: SessionCommand, actorId: string | null = null) =>
    handleCommand(store, sessionStream(sessionId), sessionAggregate, (s) => decideSession(command, s), {
      ...systemMetadata(),
      actorId,
      actorRole: actorId ? 'user' : 'system',
      occurredAt: command.now.toISOString(),
    });

  return {
    run,
    /** Schedules a session (at `now`) and registers `people` in order; returns its id. */
    async schedule(options: {
      hostId: string;
      startsAt: Date;
      now: Date;
      people?: readonly string[];
      capacity?: number;
      title?: string;
      durationMinutes?: number;
      meetingUrl?: string;
    }): Promise<string> {
      const sessionId = randomUUID();
      await run(
        sessionId,
        {
          type: 'ScheduleSession',
          sessionId,
          hostId: options.hostId,
          fields: {
            title: options.title ?? 'Guitar basics',
            description: 'Chords, strumming, one song.',
            skill: 'Guitar',
            level: 'beginner',
            startsAt: options.startsAt.toISOString(),
            durationMinutes: options.durationMinutes ?? 60,
            capacity: options.capacity ?? 20,
            meetingUrl: options.meetingUrl ?? 'https://meet.example.com/guitar',
          },
          timeZone: 'Europe/Berlin',
          now: options.now,
        },
        options.hostId,
      );
      for (const userId of options.people ?? [])
        await run(
          sessionId,
          { type: 'RegisterForSession', userId, blocked: false, now: options.now },
          userId,
        );
      return sessionId;
    },
    /** The session's events of one type, in order. */
    async eventsOf<T extends SessionEvent['type']>(
      sessionId: string,
      type: T,
    ): Promise<RecordedOfType<SessionEvent, T>[]> {
      const events = await store.readStream(sessionStream(sessionId));
      return events
        .filter((e) => e.type === type)
        .map((e) => sessionEvents.decode(e) as RecordedOfType<SessionEvent, T>);
    },
  };
}
