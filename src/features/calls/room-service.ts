import { RoomServiceClient } from 'livekit-server-sdk';
import type { EvictFromRoom } from './scheduler.ts';

/**
 * Removal from a LiveKit room through its RoomService (`RemoveParticipant`, signed with the API key and a
 * `roomAdmin` grant for that room). The tokens issued to the person before `now` are revoked with it, so the
 * one still in their browser (valid up to 10 minutes) cannot bring them back in.
 */
export function evictWithLiveKit(livekit: { url: string; apiKey: string; apiSecret: string }): EvictFromRoom {
  const rooms = new RoomServiceClient(livekit.url, livekit.apiKey, livekit.apiSecret);
  return (room, userId, now) =>
    rooms.removeParticipant(room, userId, { revokeTokenTs: BigInt(Math.floor(now.getTime() / 1000)) });
}
