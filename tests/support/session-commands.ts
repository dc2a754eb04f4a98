import { randomUUID } from 'node:crypto';
import { decideSession, type SessionCommand } from '../../src/features/sessions/session.decide.ts';
import { sessionStream } from '../../src/features/sessions/events.ts';
import { sessionAggregate } from '../../src/features/sessions/session.ts';
import { handleCommand } from '../../src/platform/commands.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';
import { systemMetadata } from './events.ts';

const MINUTE = 60_000;

/**
 * Runs commands on a session's stream through the real decider and command pipeline, stamped with the
 * given time (for tests that need sessions before the sessions API exists, or a history with chosen times).
 */
export function sessionCommands(store: EventStore) {
  const run = (sessionId: string, command: SessionCommand) =>
    handleCommand(store, sessionStream(sessionId), sessionAggregate, (s) => decideSession(command, s), {
      ...systemMetadata(),
      occurredAt: command.now.toISOString(),
    });

  /**
   * Schedules a session at `startsAt`, registers `attendees` a day before, then (unless `held: false`)
   * marks `absent` people absent during it and records `SessionHeld` right after it ends. Returns its id
   * and end.
   */
  async function hostSession(options: {
    hostId: string;
    attendees: readonly string[];
    startsAt: Date;
    skill?: string;
    title?: string;
    durationMinutes?: number;
    absent?: readonly string[];
    held?: boolean;
  }) {
    const sessionId = randomUUID();
    const { hostId, startsAt } = options;
    const durationMinutes = options.durationMinutes ?? 60;
    const before = new Date(startsAt.getTime() - 24 * 60 * MINUTE);
    await run(sessionId, {
      type: 'ScheduleSession',
      sessionId,
      hostId,
      fields: {
        title: options.title ?? `Session ${sessionId.slice(0, 6)}`,
        skill: options.skill ?? 'Guitar',
        level: 'beginner',
        startsAt: startsAt.toISOString(),
        durationMinutes,
        capacity: 50,
      },
      timeZone: null,
      now: new Date(before.getTime() - MINUTE),
    });
    for (const userId of options.attendees)
      await run(sessionId, { type: 'RegisterForSession', userId, blocked: false, now: before });
    const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE);
    for (const userId of options.absent ?? [])
      await run(sessionId, {
        type: 'MarkAttendance',
        by: hostId,
        userId,
        attended: false,
        now: new Date(startsAt.getTime() + MINUTE),
      });
    if (options.held !== false) await run(sessionId, { type: 'RecordSessionHeld', now: endsAt });
    return { sessionId, endsAt };
  }

  return { run, hostSession };
}
