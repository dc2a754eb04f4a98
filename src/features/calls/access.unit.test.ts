import { describe, expect, it } from 'vitest';
import { recorded } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import { pairAggregate } from '../connections/index.ts';
import type { PairEvent } from '../connections/events.ts';
import { evolveSession, initialSessionState, type SessionEvent } from '../sessions/index.ts';
import { groupAggregate } from '../groups/index.ts';
import type { GroupEvent } from '../groups/events.ts';
import {
  mayCallPerson,
  mayJoinGroup,
  mayJoinSession,
  accountMayStay,
  mayStayInDm,
  mayStayInGroup,
  mayStayInSession,
} from './access.ts';
import { parseRoom } from './events.ts';
import { decideRoom, evolveRoom, initialRoomState } from './room.ts';

const ana = '11111111-1111-4111-8111-111111111111';
const bo = '22222222-2222-4222-8222-222222222222';
const cy = '33333333-3333-4333-8333-333333333333';
const id = '44444444-4444-4444-8444-444444444444';

const statusOf = (run: () => unknown) => {
  try {
    run();
    return 200;
  } catch (e) {
    return e instanceof AppError ? e.status : 500;
  }
};

const pairOf = (events: PairEvent[]) =>
  recorded(events).reduce((s, e) => pairAggregate.evolve(s, e), pairAggregate.initial);
const link = { connectionId: 'c1', fromUserId: ana, toUserId: bo };
const connected: PairEvent[] = [
  { type: 'ConnectionRequested', data: { ...link, message: null } },
  { type: 'ConnectionAccepted', data: link },
];

describe('who may call a person', () => {
  it('two accepted connections, both ways, into their one room', () => {
    expect(mayCallPerson(ana, bo, pairOf(connected), true)).toBe(`dm-${ana}_${bo}`);
    expect(mayCallPerson(bo, ana, pairOf(connected), true)).toBe(`dm-${ana}_${bo}`);
    expect(parseRoom(`dm-${ana}_${bo}`)).toMatchObject({ kind: 'dm', a: ana, b: bo });
    expect(parseRoom(`dm-${bo}_${ana}`)).toBeUndefined();
  });
  it('not yourself (422), not an unknown person (404), not strangers or a block either way (403)', () => {
    expect(statusOf(() => mayCallPerson(ana, ana, pairOf([]), true))).toBe(422);
    expect(statusOf(() => mayCallPerson(ana, cy, pairOf([]), false))).toBe(404);
    expect(statusOf(() => mayCallPerson(ana, cy, pairOf([]), true))).toBe(403);
    const blocked = pairOf([...connected, { type: 'UserBlocked', data: { blockerId: bo, blockedId: ana } }]);
    expect(statusOf(() => mayCallPerson(ana, bo, blocked, true))).toBe(403);
    expect(statusOf(() => mayCallPerson(bo, ana, blocked, true))).toBe(403);
  });
  it('two connections stay in their call until one blocks the other or the connection ends', () => {
    expect([mayStayInDm(ana, bo, pairOf(connected)), mayStayInDm(bo, ana, pairOf(connected))]).toEqual([
      true,
      true,
    ]);
    const blocked = pairOf([...connected, { type: 'UserBlocked', data: { blockerId: bo, blockedId: ana } }]);
    expect([mayStayInDm(ana, bo, blocked), mayStayInDm(bo, ana, blocked)]).toEqual([false, false]);
    expect(mayStayInDm(ana, ana, pairOf(connected))).toBe(false);
  });
});

describe('who may join a session room', () => {
  const startsAt = '2030-01-06T10:00:00.000Z';
  const session = recorded<SessionEvent>([
    {
      type: 'SessionScheduled',
      data: {
        sessionId: id,
        hostId: ana,
        title: 'Guitar basics',
        description: '',
        skill: 'Guitar',
        level: 'beginner',
        prerequisites: [],
        startsAt,
        durationMinutes: 60,
        capacity: 1,
        meetingUrl: null,
        timeZone: 'UTC',
      },
    },
    { type: 'SessionRegistrationAdded', data: { sessionId: id, userId: bo, status: 'registered' } },
    { type: 'SessionRegistrationAdded', data: { sessionId: id, userId: cy, status: 'waitlisted' } },
  ]).reduce(evolveSession, initialSessionState);
  const at = (iso: string) => new Date(iso);

  it('the host and registered attendees, from 15 minutes before the start to its end', () => {
    for (const who of [ana, bo]) {
      expect(statusOf(() => mayJoinSession(who, id, session, at('2030-01-06T09:44:59.000Z')))).toBe(403);
      expect(mayJoinSession(who, id, session, at('2030-01-06T09:45:00.000Z'))).toBe(`session-${id}`);
      expect(statusOf(() => mayJoinSession(who, id, session, at('2030-01-06T10:59:59.000Z')))).toBe(200);
      expect(statusOf(() => mayJoinSession(who, id, session, at('2030-01-06T11:00:00.000Z')))).toBe(403);
    }
  });
  it('not the waitlist, not others, not an unknown session', () => {
    expect(statusOf(() => mayJoinSession(cy, id, session, at('2030-01-06T10:00:00.000Z')))).toBe(403);
    expect(statusOf(() => mayJoinSession(ana, id, initialSessionState, at(startsAt)))).toBe(404);
  });
  it('once in, the host and registered attendees stay whatever the time; nobody stays in a cancelled one', () => {
    expect([ana, bo, cy].map((who) => mayStayInSession(who, session))).toEqual([true, true, false]);
    const cancelled = recorded([
      {
        type: 'SessionCancelled',
        data: { sessionId: id, hostId: ana, cancelledBy: ana, byStaff: false, reason: null },
      } as unknown as SessionEvent,
    ]).reduce(evolveSession, session);
    expect([ana, bo].map((who) => mayStayInSession(who, cancelled))).toEqual([false, false]);
    expect(mayStayInSession(ana, initialSessionState)).toBe(false);
  });
});

describe('who may join a group room', () => {
  const group = recorded<GroupEvent>([
    { type: 'GroupCreated', data: { groupId: id, name: 'Chess', description: '', createdBy: ana } },
    { type: 'GroupMemberAdded', data: { groupId: id, userId: bo } },
    { type: 'GroupMemberRemoved', data: { groupId: id, userId: bo } },
  ] as GroupEvent[]).reduce((s, e) => groupAggregate.evolve(s, e), groupAggregate.initial);
  it('current members only, to join and to stay', () => {
    expect([ana, bo, cy].map((who) => mayStayInGroup(who, group))).toEqual([true, false, false]);
    expect(mayStayInGroup(ana, groupAggregate.initial)).toBe(false);
    expect(mayJoinGroup(ana, id, group)).toBe(`group-${id}`);
    expect(statusOf(() => mayJoinGroup(bo, id, group))).toBe(403);
    expect(statusOf(() => mayJoinGroup(ana, id, groupAggregate.initial))).toBe(404);
  });
});

describe('a LiveKit room', () => {
  const issued = recorded([
    { type: 'VideoTokenIssued' as const, data: { room: 'r', userId: ana, ttlSeconds: 600 } },
  ]).reduce(evolveRoom, initialRoomState);
  const hook = (webhookId: string, event: string, userId: string | null = ana) =>
    ({ type: 'RecordWebhook', webhookId, event, room: 'r', userId }) as const;

  it('records a webhook once by its id', () => {
    const events = decideRoom(hook('w1', 'participant_joined'), issued);
    expect(events).toEqual([
      { type: 'VideoParticipantJoined', data: { webhookId: 'w1', room: 'r', userId: ana } },
    ]);
    const after = recorded(events).reduce(evolveRoom, issued);
    expect(decideRoom(hook('w1', 'participant_joined'), after)).toEqual([]);
  });
  it('takes a leave without a join', () => {
    expect(decideRoom(hook('w2', 'participant_left'), issued)).toEqual([
      { type: 'VideoParticipantLeft', data: { webhookId: 'w2', room: 'r', userId: ana, joined: false } },
    ]);
  });
  it('ignores rooms it never issued and events it does not record', () => {
    expect(decideRoom(hook('w3', 'room_started'), initialRoomState)[0]?.type).toBe('VideoWebhookIgnored');
    expect(decideRoom(hook('w4', 'track_published'), issued)[0]?.type).toBe('VideoWebhookIgnored');
    expect(decideRoom(hook('w5', 'participant_joined', 'EG_recorder'), issued)[0]?.type).toBe(
      'VideoWebhookIgnored',
    );
  });
});

describe('an account in a room', () => {
  const now = new Date('2030-01-06T10:00:00.000Z');
  it('stays while active, or suspended with the suspension over by the clock; not deleted, erased or suspended', () => {
    expect(accountMayStay({ status: 'active', suspended_until: null }, now)).toBe(true);
    expect(accountMayStay({ status: 'suspended', suspended_until: null }, now)).toBe(false);
    expect(accountMayStay({ status: 'suspended', suspended_until: '2030-01-06T10:00:01.000Z' }, now)).toBe(
      false,
    );
    expect(accountMayStay({ status: 'suspended', suspended_until: '2030-01-06T10:00:00.000Z' }, now)).toBe(
      true,
    );
    expect(accountMayStay({ status: 'deleted', suspended_until: null }, now)).toBe(false);
    expect(accountMayStay({ status: 'erased', suspended_until: null }, now)).toBe(false);
  });
});
