import { AccessToken } from 'livekit-server-sdk';
import { findUser } from '../../../projections/users.ts';
import { handleCommand, loadAggregate } from '../../platform/commands.ts';
import { AppError } from '../../platform/errors.ts';
import type { EventMetadata } from '../../platform/event-store/port.ts';
import type { Deps } from '../../platform/http/context.ts';
import { pairAggregate, pairStream } from '../connections/index.ts';
import { groupAggregate, groupStream } from '../groups/index.ts';
import { sessionAggregate, sessionStream } from '../sessions/index.ts';
import {
  allows,
  dmRoom,
  mayCallPerson,
  mayJoinGroup,
  mayJoinSession,
  accountMayStay,
  mayStayInDm,
  mayStayInGroup,
  mayStayInSession,
} from './access.ts';
import { decideCall, type CallCommand } from './call.decide.ts';
import { callAggregate } from './call.ts';
import { callStream, IGNORED_WEBHOOKS_STREAM, parseRoom, videoRoomStream } from './events.ts';
import { decideRoom, roomAggregate, type RoomCommand } from './room.ts';

/** An ICE server as RTCPeerConnection takes it (`ICE_SERVERS`). */
export interface IceServer {
  urls: string | string[];
  username?: string | undefined;
  credential?: string | undefined;
}

/** What the composition root tells the calls feature (from `src/config.ts`). */
export interface VideoSettings {
  livekit: { url: string; publicUrl: string; apiKey: string; apiSecret: string } | undefined;
  iceServers: IceServer[];
}

/** LiveKit tokens only open the door: a connected participant stays in after expiry. */
export const TOKEN_TTL_SECONDS = 600;

export type CallTarget = { with: string } | { sessionId: string } | { groupId: string };

type Fresh = Pick<Deps, 'store' | 'db'>;

/** The room `me` may join for `target`, or the domain error saying why not (read fresh from the streams). */
export async function roomFor(deps: Fresh, me: string, target: CallTarget, now: Date): Promise<string> {
  if ('with' in target) {
    const other = target.with;
    const pair =
      me === other
        ? pairAggregate.initial
        : (await loadAggregate(deps.store, pairStream(me, other), pairAggregate)).state;
    const user = me === other ? undefined : await findUser(deps.db, other);
    return mayCallPerson(me, other, pair, Boolean(user && !['deleted', 'erased'].includes(user.status)));
  }
  if ('sessionId' in target) {
    const { state } = await loadAggregate(deps.store, sessionStream(target.sessionId), sessionAggregate);
    return mayJoinSession(me, target.sessionId, state, now);
  }
  const { state } = await loadAggregate(deps.store, groupStream(target.groupId), groupAggregate);
  return mayJoinGroup(me, target.groupId, state);
}

/**
 * May `from` send call signals to `to` in `room`? Both must be allowed in it: the 1:1 room of the two,
 * or a session or group room both may join now.
 */
export async function maySignal(deps: Fresh, from: string, to: string, room: string, now: Date) {
  if (from === to) return false;
  const ref = parseRoom(room);
  if (!ref) return false;
  switch (ref.kind) {
    case 'dm': {
      if (room !== dmRoom(from, to)) return false;
      const { state } = await loadAggregate(deps.store, pairStream(from, to), pairAggregate);
      return allows(() => mayCallPerson(from, to, state, true));
    }
    case 'session': {
      const { state } = await loadAggregate(deps.store, sessionStream(ref.id), sessionAggregate);
      return [from, to].every((u) => allows(() => mayJoinSession(u, ref.id, state, now)));
    }
    case 'group': {
      const { state } = await loadAggregate(deps.store, groupStream(ref.id), groupAggregate);
      return [from, to].every((u) => allows(() => mayJoinGroup(u, ref.id, state)));
    }
    default: {
      const _never: never = ref;
      return _never;
    }
  }
}

/** Someone in a LiveKit room, with their account as the users read model has it (none: not known yet). */
export interface InRoom {
  userId: string;
  account: { status: string; suspended_until: Date | string | null } | null;
}

/**
 * Who of `people`, all in the LiveKit room `room`, may no longer stay there: their account
 * (`accountMayStay`) or the room's rules (`mayStayIn…`, from its stream read fresh, once for all of them).
 */
export async function mustLeave(deps: Fresh, room: string, people: readonly InRoom[], now: Date) {
  const ref = parseRoom(room);
  if (!ref) return []; // not a room of ours: none of our rules applies
  let mayStayInRoom: (userId: string) => Promise<boolean> | boolean;
  switch (ref.kind) {
    case 'dm':
      mayStayInRoom = async (userId) => {
        if (userId !== ref.a && userId !== ref.b) return false;
        const other = userId === ref.a ? ref.b : ref.a;
        const { state } = await loadAggregate(deps.store, pairStream(userId, other), pairAggregate);
        return mayStayInDm(userId, other, state);
      };
      break;
    case 'session': {
      const { state } = await loadAggregate(deps.store, sessionStream(ref.id), sessionAggregate);
      mayStayInRoom = (userId) => mayStayInSession(userId, state);
      break;
    }
    case 'group': {
      const { state } = await loadAggregate(deps.store, groupStream(ref.id), groupAggregate);
      mayStayInRoom = (userId) => mayStayInGroup(userId, state);
      break;
    }
    default: {
      const _never: never = ref;
      return _never;
    }
  }
  const leaving: string[] = [];
  for (const { userId, account } of people)
    if ((account && !accountMayStay(account, now)) || !(await mayStayInRoom(userId))) leaving.push(userId);
  return leaving;
}

/** The 409 a session or group room answers when no LiveKit server is configured. */
export const videoNotConfigured = () =>
  new AppError(
    409,
    'Conflict',
    'Video calls for sessions and groups need a LiveKit server, and none is configured here. ' +
      "Use the session's meeting link instead.",
    { type: 'video-not-configured' },
  );

/** A LiveKit token for `room`: identity = user id, name = display name, this room only, short-lived. */
export async function mintToken(
  livekit: NonNullable<VideoSettings['livekit']>,
  user: { id: string; displayName: string },
  room: string,
  options: { roomAdmin: boolean },
): Promise<string> {
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: user.id,
    name: user.displayName,
    ttl: TOKEN_TTL_SECONDS,
  });
  token.addGrant({
    room,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    roomAdmin: options.roomAdmin,
  });
  return token.toJwt();
}

/** Runs a command on a built-in call's stream. */
export function runCallCommand(deps: Deps, callId: string, command: CallCommand, metadata: EventMetadata) {
  return handleCommand(
    deps.store,
    callStream(callId),
    callAggregate,
    (s) => decideCall(command, s),
    metadata,
  );
}

/** Runs a command on a LiveKit room's stream. */
export function runRoomCommand(deps: Deps, room: string, command: RoomCommand, metadata: EventMetadata) {
  return handleCommand(
    deps.store,
    videoRoomStream(room),
    roomAggregate,
    (s) => decideRoom(command, s),
    metadata,
  );
}

/**
 * Records a verified webhook once: on its room's stream when we issued that room, else as ignored on
 * `video-webhooks-ignored` (so the same id is ignored once too).
 */
export async function recordWebhook(
  deps: Deps,
  command: Extract<RoomCommand, { type: 'RecordWebhook' }>,
  metadata: EventMetadata,
) {
  if (command.room !== null && parseRoom(command.room)) {
    const { state } = await loadAggregate(deps.store, videoRoomStream(command.room), roomAggregate);
    if (state.issued) return runRoomCommand(deps, command.room, command, metadata);
  }
  return handleCommand(
    deps.store,
    IGNORED_WEBHOOKS_STREAM,
    roomAggregate,
    (s) => decideRoom(command, s),
    metadata,
  );
}
