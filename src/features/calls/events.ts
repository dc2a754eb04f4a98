import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

/**
 * Video calls (docs/video.md). A built-in 1:1 call lives in its own stream, `call-<callId>`: ring, answer,
 * hang-up. A LiveKit room lives in `video-room-<room>`: the tokens we minted for it and what LiveKit's
 * webhook reported. Webhooks for rooms we never issued go to one stream, `video-webhooks-ignored`.
 * Rooms are named after the stream they belong to: `dm-<pairKey>`, `session-<id>`, `group-<id>`.
 */
export const callStream = (callId: string) => `call-${callId}`;
export const videoRoomStream = (room: string) => `video-room-${room}`;
export const IGNORED_WEBHOOKS_STREAM = 'video-webhooks-ignored';

/** How long a built-in call rings before it counts as missed. */
export const RING_TIMEOUT_MS = 30_000;

const parties = { callId: z.string(), room: z.string(), callerId: z.string(), calleeId: z.string() };

/** The caller rang the callee; when the callee was already in a call, only the caller hears "busy". */
export const CallPlaced = defineEvent({
  type: 'CallPlaced',
  version: 1,
  schema: z.object({ ...parties, calleeBusy: z.boolean() }),
});
export const CallAccepted = defineEvent({ type: 'CallAccepted', version: 1, schema: z.object(parties) });
export const CallDeclined = defineEvent({ type: 'CallDeclined', version: 1, schema: z.object(parties) });
/** Nobody answered within `RING_TIMEOUT_MS`. */
export const CallMissed = defineEvent({ type: 'CallMissed', version: 1, schema: z.object(parties) });
/**
 * The call is over: hung up by either side (`hung-up`; `cancelled` when the caller hangs up before an
 * answer), or ended because the two may no longer call each other (`blocked`: a block or a disconnection).
 */
export const CallEnded = defineEvent({
  type: 'CallEnded',
  version: 1,
  schema: z.object({
    ...parties,
    endedBy: z.string().nullable(),
    reason: z.enum(['hung-up', 'cancelled', 'not-allowed']),
  }),
});

const callDefinitions = [CallPlaced, CallAccepted, CallDeclined, CallMissed, CallEnded] as const;
export type CallEvent = EventOf<(typeof callDefinitions)[number]>;
export type RecordedCallEvent = Recorded<CallEvent>;
export const callEvents = new EventRegistry<CallEvent>(callDefinitions);

const webhook = { webhookId: z.string(), room: z.string() };

/** We gave `userId` a LiveKit token for `room` (valid for `ttlSeconds`). */
export const VideoTokenIssued = defineEvent({
  type: 'VideoTokenIssued',
  version: 1,
  schema: z.object({ room: z.string(), userId: z.string(), ttlSeconds: z.number().int() }),
});
export const VideoRoomStarted = defineEvent({
  type: 'VideoRoomStarted',
  version: 1,
  schema: z.object(webhook),
});
export const VideoRoomFinished = defineEvent({
  type: 'VideoRoomFinished',
  version: 1,
  schema: z.object(webhook),
});
export const VideoParticipantJoined = defineEvent({
  type: 'VideoParticipantJoined',
  version: 1,
  schema: z.object({ ...webhook, userId: z.string() }),
});
/** `joined: false`: LiveKit reported the leave without a join we know of (it happens). */
export const VideoParticipantLeft = defineEvent({
  type: 'VideoParticipantLeft',
  version: 1,
  schema: z.object({ ...webhook, userId: z.string(), joined: z.boolean() }),
});
/** A signed webhook we do not act on: a room we never issued, or an event kind we do not record. */
export const VideoWebhookIgnored = defineEvent({
  type: 'VideoWebhookIgnored',
  version: 1,
  schema: z.object({
    webhookId: z.string(),
    event: z.string(),
    room: z.string().nullable(),
    why: z.string(),
  }),
});

const roomDefinitions = [
  VideoTokenIssued,
  VideoRoomStarted,
  VideoRoomFinished,
  VideoParticipantJoined,
  VideoParticipantLeft,
  VideoWebhookIgnored,
] as const;
export type VideoRoomEvent = EventOf<(typeof roomDefinitions)[number]>;
export type RecordedVideoRoomEvent = Recorded<VideoRoomEvent>;
export const videoRoomEvents = new EventRegistry<VideoRoomEvent>(roomDefinitions);

export const callEventTypes = [...callDefinitions, ...roomDefinitions].map((d) => d.type);

/** What a room name says: whose stream it belongs to. */
export type RoomRef =
  | { kind: 'dm'; pairKey: string; a: string; b: string }
  | { kind: 'session'; id: string }
  | { kind: 'group'; id: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DM = new RegExp(`^dm-(${UUID})_(${UUID})$`);
const OTHER = new RegExp(`^(session|group)-(${UUID})$`);

/** Parses a room name we issue; undefined for anything else. */
export function parseRoom(room: string): RoomRef | undefined {
  const dm = DM.exec(room);
  if (dm) {
    const [, a = '', b = ''] = dm;
    return a < b ? { kind: 'dm', pairKey: `${a}_${b}`, a, b } : undefined;
  }
  const other = OTHER.exec(room);
  if (!other) return undefined;
  return other[1] === 'session'
    ? { kind: 'session', id: other[2] ?? '' }
    : { kind: 'group', id: other[2] ?? '' };
}
