import { describe, expect, it } from 'vitest';
import { recorded } from '../../../tests/support/decider.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';
import type { GroupEvent } from './events.ts';
import { groupLiveFrames } from './live-frames.ts';

const groupId = 'a4f0c1de-7d55-4a59-9f0e-3c1b7d1e2a01';
const frames = (event: GroupEvent) => groupLiveFrames(recorded([event])[0] as RecordedEvent);

describe('groupLiveFrames', () => {
  it('tells the added person', () => {
    expect(frames({ type: 'GroupMemberAdded', data: { groupId, userId: 'bob', addedBy: 'ada' } })).toEqual([
      { userId: 'bob', frame: { type: 'group.member_added', groupId, addedBy: 'ada' } },
    ]);
  });

  it('tells the removed person, and whether they left or were removed', () => {
    expect(
      frames({
        type: 'GroupMemberRemoved',
        data: { groupId, userId: 'bob', removedBy: 'ada', reason: 'removed' },
      }),
    ).toEqual([
      {
        userId: 'bob',
        frame: { type: 'group.member_removed', groupId, removedBy: 'ada', reason: 'removed' },
      },
    ]);
  });

  it('ignores other events', () => {
    expect(frames({ type: 'GroupRenamed', data: { groupId, name: 'x' } })).toEqual([]);
    expect(
      groupLiveFrames({ ...(recorded([{ type: 'UserLoggedIn', data: {} }])[0] as RecordedEvent) }),
    ).toEqual([]);
  });
});
