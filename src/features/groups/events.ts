import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

/** A group's membership and names live in `group-<groupId>`; its chat lives in the `group-<id>` Yjs doc. */
export const groupStream = (groupId: string) => `group-${groupId}`;

export const GroupCreated = defineEvent({
  type: 'GroupCreated',
  version: 1,
  schema: z.object({
    groupId: z.string(),
    name: z.string(),
    description: z.string(),
    createdBy: z.string(),
  }),
});
export const GroupRenamed = defineEvent({
  type: 'GroupRenamed',
  version: 1,
  schema: z.object({ groupId: z.string(), name: z.string(), description: z.string().optional() }),
});
export const GroupMemberAdded = defineEvent({
  type: 'GroupMemberAdded',
  version: 1,
  schema: z.object({ groupId: z.string(), userId: z.string(), addedBy: z.string() }),
});
/** Removed by an admin (`removed`) or left on their own (`left`). */
export const GroupMemberRemoved = defineEvent({
  type: 'GroupMemberRemoved',
  version: 1,
  schema: z.object({
    groupId: z.string(),
    userId: z.string(),
    removedBy: z.string(),
    reason: z.enum(['removed', 'left']),
  }),
});
export const GroupAdminPromoted = defineEvent({
  type: 'GroupAdminPromoted',
  version: 1,
  schema: z.object({ groupId: z.string(), userId: z.string(), promotedBy: z.string() }),
});

const definitions = [
  GroupCreated,
  GroupRenamed,
  GroupMemberAdded,
  GroupMemberRemoved,
  GroupAdminPromoted,
] as const;
export type GroupEvent = EventOf<(typeof definitions)[number]>;
export type RecordedGroupEvent = Recorded<GroupEvent>;
export const groupEvents = new EventRegistry<GroupEvent>(definitions);
export const groupEventTypes = definitions.map((d) => d.type);
