import { personalDataOf } from '../../../projections/personal-data.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';

const PAGE = 1_000;

/** The person's own streams: everything in them is about them. */
const ownStreams = (userId: string) => [
  `user-${userId}`,
  `settings-${userId}`,
  `notifications-${userId}`,
  `calendar-${userId}`,
];

/**
 * Everything the platform holds about `userId`, as one JSON-ready document: the read models
 * (`personalDataOf`) and the events — those in their own streams and their tickets' streams, and every
 * event they caused anywhere — with metadata. Where someone else acted (an admin changing their role, a
 * staff reply), that person's IP address and browser are left out: they are not the requester's data.
 * Staff-only notes on their tickets stay out too, and so do secrets in event data (`withoutSecrets`).
 */
export async function exportPersonalData(deps: Deps, userId: string) {
  const data = await personalDataOf(deps.db, userId);
  const streams = [...ownStreams(userId), ...data.supportTickets.map((t) => `ticket-${t.id}`)];
  const byId = new Map<string, RecordedEvent>();
  for (const stream of streams)
    for (const event of await deps.store.readStream(stream)) byId.set(event.id, event);
  for (let after = 0; ;) {
    const page = await deps.store.searchEvents({ actorId: userId, after, limit: PAGE });
    for (const event of page) byId.set(event.id, event);
    if (page.length < PAGE) break;
    after = page.at(-1)!.position;
  }
  const events = [...byId.values()]
    .filter((e) => !isStaffNote(e) || e.metadata.actorId === userId)
    .sort((a, b) => a.position - b.position)
    .map((e) => {
      const { ip, userAgent, ...metadata } = e.metadata;
      const theirs = e.metadata.actorId === userId;
      return {
        stream: e.streamName,
        revision: e.revision,
        position: e.position,
        type: e.type,
        data: withoutSecrets(e.data),
        metadata: theirs ? { ...metadata, ip, userAgent } : metadata,
        recordedAt: e.recordedAt,
      };
    });
  return {
    format: 'skillswap-export/1' as const,
    exportedAt: deps.clock().toISOString(),
    userId,
    ...data,
    events,
  };
}

const isStaffNote = (event: RecordedEvent) =>
  event.type === 'TicketMessagePosted' && (event.data as { internal?: unknown }).internal === true;

/** Secrets in event data (password hashes, token hashes, the calendar feed's nonce) are withheld. */
const SECRET_FIELDS = new Set(['passwordHash', 'tokenHash', 'nonce', 'replaces']);
function withoutSecrets(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '(withheld: a secret)' : v]),
  );
}
