import { findOpenCalls, findRoomParticipants } from '../../../projections/calls.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { Periodic } from '../../platform/periodic.ts';
import { RING_TIMEOUT_MS } from './events.ts';
import type { CallCommand } from './call.decide.ts';
import { maySignal, mustLeave, runCallCommand, type InRoom } from './service.ts';

/** Removes `userId` from the LiveKit room `room` (LiveKit's RoomService), revoking tokens issued before `now`. */
export type EvictFromRoom = (room: string, userId: string, now: Date) => Promise<void>;

/** A removal is asked again after this long if LiveKit still reports the person in the room. */
const EVICT_AGAIN_MS = 60_000;
const roomKey = (room: string, userId: string) => `${room} ${userId}`;

export interface CallTickResult {
  missed: number;
  /** Calls ended because the two may no longer call each other. */
  ended: number;
  failed: number;
  /** People removed from LiveKit rooms they may no longer be in (a block, a cancelled session, …). */
  evicted: number;
}

/**
 * Time- and rule-driven call facts, in every app process (like the session scheduler): a call that rang
 * `RING_TIMEOUT_MS` without an answer is missed; a call whose two people may no longer call each other
 * (a block, a disconnection) ends. The `calls` read model is only a hint: the call's decider checks again,
 * and the append with the revision read makes each fact happen once however many processes tick.
 *
 * With LiveKit (`evict`), the same pass checks everyone its webhooks report in a room against the rules of
 * staying (`mustLeave`): whoever may no longer be there (blocked, disconnected, a cancelled session or a lost
 * seat, removed from the group, suspended or deleted) is removed by LiveKit's RoomService, with the tokens
 * issued to them before revoked. LiveKit's `participant_left` webhook then closes their row. A removal that
 * failed is tried again a minute later; one LiveKit answers 404 to (gone already, the webhook lost) is not.
 */
export class CallScheduler {
  private readonly periodic: Periodic;

  constructor(
    private readonly deps: Deps,
    private readonly options: { intervalMs: number; evict?: EvictFromRoom | undefined } = {
      intervalMs: 5_000,
    },
  ) {
    this.periodic = new Periodic(
      () => this.tick(this.deps.clock()),
      this.options.intervalMs,
      (err) => this.deps.logger.error({ err }, 'call scheduler tick failed'),
    );
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass at `now`. Tests call it directly after moving their clock. */
  async tick(now: Date = this.deps.clock()): Promise<CallTickResult> {
    const result: CallTickResult = { missed: 0, ended: 0, failed: 0, evicted: 0 };
    for (const call of await findOpenCalls(this.deps.db)) {
      const due =
        call.status === 'ringing' && new Date(call.rang_at).getTime() + RING_TIMEOUT_MS <= now.getTime();
      let command: CallCommand | undefined;
      if (due) command = { type: 'MarkCallMissed', now };
      else if (!(await maySignal(this.deps, call.caller_id, call.callee_id, call.room, now)))
        command = { type: 'EndDisallowedCall', now };
      if (!command) continue;
      const appended = await this.run(call.call_id, command);
      if (appended === undefined) result.failed++;
      else if (due) result.missed += appended;
      else result.ended += appended;
    }
    if (this.options.evict) result.evicted = await this.evictDisallowed(this.options.evict, now);
    return result;
  }

  /** When this process last asked LiveKit to remove someone from a room (`roomKey`), by the app's clock. */
  private readonly evictedAt = new Map<string, number>();

  private async evictDisallowed(evict: EvictFromRoom, now: Date): Promise<number> {
    const byRoom = new Map<string, InRoom[]>();
    const present = new Set<string>();
    const inRooms = await findRoomParticipants(this.deps.db);
    for (const { room, user_id: userId, status, suspended_until } of inRooms) {
      const key = roomKey(room, userId);
      present.add(key);
      const last = this.evictedAt.get(key);
      if (last !== undefined && now.getTime() - last < EVICT_AGAIN_MS) continue;
      const account = status === null ? null : { status, suspended_until };
      const people = byRoom.get(room);
      if (people) people.push({ userId, account });
      else byRoom.set(room, [{ userId, account }]);
    }
    for (const key of this.evictedAt.keys()) if (!present.has(key)) this.evictedAt.delete(key);
    let evicted = 0;
    for (const [room, people] of byRoom)
      for (const userId of await mustLeave(this.deps, room, people, now))
        if (await this.evictOne(evict, room, userId, now)) evicted++;
    return evicted;
  }

  /** Asks LiveKit to remove one person; true when it did. */
  private async evictOne(evict: EvictFromRoom, room: string, userId: string, now: Date): Promise<boolean> {
    const key = roomKey(room, userId);
    try {
      await evict(room, userId, now);
      this.evictedAt.set(key, now.getTime());
      this.deps.logger.info({ room, userId }, 'removed from a video room they may no longer be in');
      return true;
    } catch (err) {
      const gone = (err as { status?: unknown } | null)?.status === 404;
      this.evictedAt.set(key, gone ? Number.POSITIVE_INFINITY : now.getTime());
      if (!gone) this.deps.logger.warn({ err, room, userId }, 'could not remove someone from a video room');
      return false;
    }
  }

  private async run(callId: string, command: CallCommand & { now: Date }) {
    const metadata: EventMetadata = {
      actorId: null,
      actorRole: 'system',
      correlationId: this.deps.newId(),
      causationId: null,
      occurredAt: command.now.toISOString(),
    };
    try {
      return (await runCallCommand(this.deps, callId, command, metadata)).events.length;
    } catch (err) {
      this.deps.logger.warn({ err, callId, command: command.type }, 'call scheduler command failed');
      return undefined;
    }
  }
}
