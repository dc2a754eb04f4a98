import type { Aggregate } from '../../platform/commands.ts';
import { groupEvents, type GroupEvent, type RecordedGroupEvent } from './events.ts';

export interface GroupState {
  exists: boolean;
  id: string;
  name: string;
  description: string;
  createdBy: string;
  createdAt: string;
  members: ReadonlySet<string>;
  admins: ReadonlySet<string>;
}

export const initialGroupState: GroupState = {
  exists: false,
  id: '',
  name: '',
  description: '',
  createdBy: '',
  createdAt: '',
  members: new Set(),
  admins: new Set(),
};

const withMember = (set: ReadonlySet<string>, id: string) => new Set([...set, id]);
const without = (set: ReadonlySet<string>, id: string) => new Set([...set].filter((m) => m !== id));

export function evolveGroup(state: GroupState, event: RecordedGroupEvent): GroupState {
  switch (event.type) {
    case 'GroupCreated': {
      const { groupId, name, description, createdBy } = event.data;
      const creator = new Set([createdBy]);
      return {
        exists: true,
        id: groupId,
        name,
        description,
        createdBy,
        createdAt: event.metadata.occurredAt,
        members: creator,
        admins: creator,
      };
    }
    case 'GroupRenamed':
      return { ...state, name: event.data.name, description: event.data.description ?? state.description };
    case 'GroupMemberAdded':
      return { ...state, members: withMember(state.members, event.data.userId) };
    case 'GroupMemberRemoved':
      return {
        ...state,
        members: without(state.members, event.data.userId),
        admins: without(state.admins, event.data.userId),
      };
    case 'GroupAdminPromoted':
      return { ...state, admins: withMember(state.admins, event.data.userId) };
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export const groupAggregate: Aggregate<GroupState, GroupEvent> = {
  initial: initialGroupState,
  evolve: evolveGroup,
  registry: groupEvents,
};
