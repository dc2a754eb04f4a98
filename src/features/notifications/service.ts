import { findNotification, type NotificationRow } from '../../../projections/notifications.ts';
import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import { notFound } from '../../platform/errors.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { notificationsStream, settingsStream } from './events.ts';
import { decideInbox, decideSettings, type SettingsCommand } from './inbox.decide.ts';
import { inboxAggregate, settingsAggregate, type SettingsState } from './inbox.ts';

/** Accounts whose names are no longer shown and who get no email. */
export const goneStatuses: readonly string[] = ['deleted', 'erased'];

const LOOKUP_WAIT_MS = 2_000;
const PROJECTION = 'notifications';

/**
 * One of `userId`'s notifications; someone else's is a 404 like an unknown one. A notice just made may not
 * be in the read model yet: on a miss the lookup waits (bounded) for it to reach the log's head.
 */
export async function findOwnNotification(deps: Deps, id: string, userId: string): Promise<NotificationRow> {
  let row = await findNotification(deps.db, id);
  if (!row) {
    const head = await deps.store.headPosition();
    await deps.projections.waitFor(head, { names: [PROJECTION], timeoutMs: LOOKUP_WAIT_MS });
    row = await findNotification(deps.db, id);
  }
  if (!row || row.user_id !== userId) throw notFound('You have no notification with this id.');
  return row;
}

/** Marks every notification of `userId` up to and including `row` as read. */
export async function markNotificationsRead(
  deps: Deps,
  userId: string,
  row: NotificationRow,
  metadata: EventMetadata,
) {
  return handleCommand(
    deps.store,
    notificationsStream(userId),
    inboxAggregate,
    (state) =>
      decideInbox(
        { type: 'MarkNotificationsRead', userId, upToId: row.id, upToPosition: Number(row.position) },
        state,
      ),
    metadata,
  );
}

/** The person's settings, folded from their stream: always current, no read model to wait for. */
export async function loadSettings(deps: Pick<Deps, 'store'>, userId: string): Promise<SettingsState> {
  return (await loadAggregate(deps.store, settingsStream(userId), settingsAggregate)).state;
}

export async function changeSettings(deps: Deps, command: SettingsCommand, metadata: EventMetadata) {
  return handleCommand(
    deps.store,
    settingsStream(command.userId),
    settingsAggregate,
    (state) => decideSettings(command, state),
    metadata,
  );
}
