import {
  findSessionsDueForReminder,
  findSessionsEndedNotHeld,
} from '../../../projections/session-schedule.ts';
import { handleCommand } from '../../platform/commands.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { Periodic } from '../../platform/periodic.ts';
import { reminderKinds, sessionStream } from './events.ts';
import { decideSession, reminderLeads, type SessionCommand } from './session.decide.ts';
import { sessionAggregate } from './session.ts';

export interface TickResult {
  /** `SessionReminderSent` events this tick appended. */
  reminders: number;
  /** `SessionHeld` events this tick appended. */
  held: number;
  /** Sessions whose command failed (logged; the next tick tries again). */
  failed: number;
}

/**
 * Time-driven session facts, in every app process: each tick asks the `session-schedule` read model which
 * sessions have a reminder due (24 h and 15 min before `startsAt`) or ended without `SessionHeld`, and runs
 * `RecordDueReminders` / `RecordSessionHeld` on each through the command pipeline.
 *
 * Exactly once, however many processes tick: the decider appends one `SessionReminderSent` per person not
 * yet reminded, and the append (with the revision read) is the claim. A process that loses the race reloads,
 * decides again and gets nothing. Delivery (notification, email) reacts to the events, never to the tick.
 */
export class SessionScheduler {
  private readonly periodic: Periodic;

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'store' | 'clock' | 'newId' | 'logger'>,
    private readonly options: { intervalMs: number } = { intervalMs: 30_000 },
  ) {
    this.periodic = new Periodic(
      () => this.tick(this.deps.clock()),
      this.options.intervalMs,
      (err) => this.deps.logger.error({ err }, 'session scheduler tick failed'),
    );
  }

  /** Ticks every `intervalMs` by the app's clock; a tick still running makes the timer skip a beat. */
  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass at `now`: reminders of each kind, then sessions held. Tests call it directly. */
  async tick(now: Date = this.deps.clock()): Promise<TickResult> {
    const result: TickResult = { reminders: 0, held: 0, failed: 0 };
    for (const kind of reminderKinds) {
      const due = await findSessionsDueForReminder(this.deps.db, kind, reminderLeads[kind], now);
      for (const sessionId of due) {
        const appended = await this.run(sessionId, { type: 'RecordDueReminders', kind, now });
        if (appended === undefined) result.failed++;
        else result.reminders += appended;
      }
    }
    for (const sessionId of await findSessionsEndedNotHeld(this.deps.db, now)) {
      const appended = await this.run(sessionId, { type: 'RecordSessionHeld', now });
      if (appended === undefined) result.failed++;
      else result.held += appended;
    }
    return result;
  }

  /** The number of events appended, or undefined when the command failed (logged). */
  private async run(sessionId: string, command: SessionCommand & { now: Date }) {
    const metadata: EventMetadata = {
      actorId: null,
      actorRole: 'system',
      correlationId: this.deps.newId(),
      causationId: null,
      occurredAt: command.now.toISOString(),
    };
    try {
      const { events } = await handleCommand(
        this.deps.store,
        sessionStream(sessionId),
        sessionAggregate,
        (state) => decideSession(command, state),
        metadata,
      );
      return events.length;
    } catch (err) {
      this.deps.logger.warn({ err, sessionId, command: command.type }, 'session scheduler command failed');
      return undefined;
    }
  }
}
