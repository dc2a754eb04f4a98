import { findOpenCalls } from '../../../projections/calls.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { Periodic } from '../../platform/periodic.ts';
import { RING_TIMEOUT_MS } from './events.ts';
import type { CallCommand } from './call.decide.ts';
import { maySignal, runCallCommand } from './service.ts';

export interface CallTickResult {
  missed: number;
  /** Calls ended because the two may no longer call each other. */
  ended: number;
  failed: number;
}

/**
 * Time- and rule-driven call facts, in every app process (like the session scheduler): a call that rang
 * `RING_TIMEOUT_MS` without an answer is missed; a call whose two people may no longer call each other
 * (a block, a disconnection) ends. The `calls` read model is only a hint: the call's decider checks again,
 * and the append with the revision read makes each fact happen once however many processes tick.
 */
export class CallScheduler {
  private readonly periodic: Periodic;

  constructor(
    private readonly deps: Deps,
    private readonly options: { intervalMs: number } = { intervalMs: 5_000 },
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
    const result: CallTickResult = { missed: 0, ended: 0, failed: 0 };
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
    return result;
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
