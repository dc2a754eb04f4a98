import { handleCommand } from '../../src/platform/commands.ts';
import type { EventStore } from '../../src/platform/event-store/port.ts';
import { decideUser, type UserCommand } from '../../src/features/identity/user.decide.ts';
import { userStream } from '../../src/features/identity/events.ts';
import { userAggregate } from '../../src/features/identity/user.ts';
import { systemMetadata } from './events.ts';

/** Runs commands against a user's stream through the real decider and command handler. */
export async function userEventsFor(
  store: EventStore,
  userId: string,
  commands: UserCommand[],
): Promise<void> {
  for (const command of commands) {
    await handleCommand(
      store,
      userStream(userId),
      userAggregate,
      (s) => decideUser(command, s),
      systemMetadata(),
    );
  }
}
