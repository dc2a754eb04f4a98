import type { Aggregate } from '../../platform/commands.ts';
import { videoRoomEvents, type RecordedVideoRoomEvent, type VideoRoomEvent } from './events.ts';

/** A LiveKit room as we know it: whether we issued it, who is in it, which webhooks we already recorded. */
export interface RoomState {
  issued: boolean;
  present: ReadonlySet<string>;
  webhooks: ReadonlySet<string>;
}

export const initialRoomState: RoomState = { issued: false, present: new Set(), webhooks: new Set() };

const add = (set: ReadonlySet<string>, id: string) => new Set([...set, id]);
const remove = (set: ReadonlySet<string>, id: string) => new Set([...set].filter((x) => x !== id));

export function evolveRoom(state: RoomState, event: RecordedVideoRoomEvent): RoomState {
  if (event.type === 'VideoTokenIssued') return { ...state, issued: true };
  const webhooks = add(state.webhooks, event.data.webhookId);
  switch (event.type) {
    case 'VideoParticipantJoined':
      return { ...state, webhooks, present: add(state.present, event.data.userId) };
    case 'VideoParticipantLeft':
      return { ...state, webhooks, present: remove(state.present, event.data.userId) };
    case 'VideoRoomFinished':
      return { ...state, webhooks, present: new Set() };
    case 'VideoRoomStarted':
    case 'VideoWebhookIgnored':
      return { ...state, webhooks };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const roomAggregate: Aggregate<RoomState, VideoRoomEvent> = {
  initial: initialRoomState,
  evolve: evolveRoom,
  registry: videoRoomEvents,
};

// Our tokens name people by user id; anyone else in a room (an egress, an agent) is not a member.
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type RoomCommand =
  | { type: 'IssueVideoToken'; room: string; userId: string; ttlSeconds: number }
  | {
      type: 'RecordWebhook';
      webhookId: string;
      /** LiveKit's event name: `room_started`, `participant_joined`, … */
      event: string;
      room: string | null;
      /** The participant's identity (our user id), for participant events. */
      userId: string | null;
    };

/**
 * Pure. A webhook is recorded once by its id (LiveKit retries). A room we never issued a token for records
 * the webhook as ignored (run on `video-webhooks-ignored`, whose state is never `issued`).
 */
export function decideRoom(command: RoomCommand, state: RoomState): VideoRoomEvent[] {
  if (command.type === 'IssueVideoToken') {
    const { room, userId, ttlSeconds } = command;
    return [{ type: 'VideoTokenIssued', data: { room, userId, ttlSeconds } }];
  }
  const { webhookId, event, room, userId } = command;
  if (state.webhooks.has(webhookId)) return [];
  const ignored = (why: string): VideoRoomEvent[] => [
    { type: 'VideoWebhookIgnored', data: { webhookId, event, room, why } },
  ];
  if (room === null || !state.issued) return ignored('a room we never issued');
  switch (event) {
    case 'room_started':
      return [{ type: 'VideoRoomStarted', data: { webhookId, room } }];
    case 'room_finished':
      return [{ type: 'VideoRoomFinished', data: { webhookId, room } }];
    case 'participant_joined':
      if (userId === null || !USER_ID.test(userId)) return ignored('not a member');
      return [{ type: 'VideoParticipantJoined', data: { webhookId, room, userId } }];
    case 'participant_left':
      if (userId === null || !USER_ID.test(userId)) return ignored('not a member');
      return [
        {
          type: 'VideoParticipantLeft',
          data: { webhookId, room, userId, joined: state.present.has(userId) },
        },
      ];
    default:
      return ignored(`we do not record ${event}`);
  }
}
