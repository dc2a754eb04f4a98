import type { RecordedEvent } from '../event-store/port.ts';

/** A JSON frame pushed to a signed-in user's `/api/live` sockets. */
export interface LiveFrame {
  type: string;
  [field: string]: unknown;
}

/**
 * Each feature says which of its events concern whom: the live hub feeds every event from the store
 * subscription through the mappers and sends the frames to those users' sockets, in every app process.
 */
export type LiveFrameMapper = (event: RecordedEvent) => ReadonlyArray<{ userId: string; frame: LiveFrame }>;
