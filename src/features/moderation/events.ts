/**
 * The moderation feature's published contract: reports and their resolution (docs/api.md, "Reports and
 * support"). Reports of one target share one stream, so several reports form one queue item and one
 * resolution settles them all; a report filed after a resolution opens the next round.
 */
import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';

export const reportKinds = [
  'user',
  'direct_message',
  'wall_message',
  'group_message',
  'session',
  'review',
] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportReasons = ['spam', 'harassment', 'inappropriate', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];
export const resolutionActions = ['dismiss', 'remove_content', 'suspend_user'] as const;
export type ResolutionAction = (typeof resolutionActions)[number];
export const outcomes = {
  dismiss: 'dismissed',
  remove_content: 'content_removed',
  suspend_user: 'user_suspended',
} as const;

const target = {
  kind: z.enum(reportKinds),
  targetId: z.string(),
  /** `wall` or `group-<id>` for wall and group messages; null otherwise. */
  doc: z.string().nullable(),
  /** Who wrote or owns the reported thing (the person, for `user`). */
  authorId: z.string().nullable(),
};

export const ReportFiled = defineEvent({
  type: 'ReportFiled',
  version: 1,
  schema: z.object({
    ...target,
    reportId: z.string(),
    reporterId: z.string(),
    reason: z.enum(reportReasons),
    details: z.string().nullable(),
    round: z.number().int(),
  }),
});
export const ReportsResolved = defineEvent({
  type: 'ReportsResolved',
  version: 1,
  schema: z.object({
    ...target,
    reportIds: z.array(z.string()),
    action: z.enum(resolutionActions),
    note: z.string(),
    by: z.string(),
    round: z.number().int(),
  }),
});

const definitions = [ReportFiled, ReportsResolved] as const;
export type ReportEvent = EventOf<(typeof definitions)[number]>;
export type RecordedReportEvent = Recorded<ReportEvent>;
export const reportEvents = new EventRegistry<ReportEvent>(definitions);

/** The reports of one target: `reports-<kind>-<doc>-<targetId>` (doc empty when none). */
export const reportStream = (kind: ReportKind, doc: string | null, targetId: string) =>
  `reports-${kind}-${doc ?? ''}-${targetId}`;
export const reportEventTypes = ['ReportFiled', 'ReportsResolved'] as const;

/**
 * Slow mode of a chat (`wall` or `group-<id>`): each person may post once per `seconds` there (0: off);
 * moderators and the group's admins are exempt. Every Yjs server follows these events.
 */
export const SlowModeSet = defineEvent({
  type: 'SlowModeSet',
  version: 1,
  schema: z.object({ doc: z.string(), seconds: z.number().int().min(0), by: z.string() }),
});
const slowModeDefinitions = [SlowModeSet] as const;
export type SlowModeEvent = EventOf<(typeof slowModeDefinitions)[number]>;
export const slowModeEvents = new EventRegistry<SlowModeEvent>(slowModeDefinitions);
export const slowModeStream = (doc: string) => `slow-mode-${doc}`;
export const MAX_SLOW_MODE_SECONDS = 21_600;
