/** One line per activity-log entry, for people (docs/api.md, "Administration": `summary`). */

/** What an actor did, by event type; `{target}` is the account of a `user-<id>` stream. */
const verbs: Record<string, string> = {
  UserRegistered: 'registered the account of {target}',
  UserLoggedIn: 'signed in',
  UserLoggedOut: 'signed out',
  PasswordChanged: 'changed the password of {target}',
  UserRoleChanged: 'changed the role of {target}',
  ProfileUpdated: 'edited the profile of {target}',
  SkillsChanged: 'changed the skills of {target}',
  AvatarChanged: 'changed the avatar of {target}',
  UserSuspended: 'suspended {target}',
  UserUnsuspended: 'lifted the suspension of {target}',
  EmailReserved: 'took an email address for an account',
  EmailReleased: 'gave up an email address',
  ConnectionRequested: 'sent a connection request',
  ConnectionAccepted: 'accepted a connection request',
  ConnectionDeclined: 'declined a connection request',
  ConnectionWithdrawn: 'withdrew a connection request',
  ConnectionEnded: 'ended a connection',
  UserBlocked: 'blocked someone',
  UserUnblocked: 'unblocked someone',
  GroupCreated: 'created a group',
  GroupRenamed: 'renamed a group',
  GroupMemberAdded: 'added a group member',
  GroupMemberRemoved: 'removed a group member',
  GroupAdminPromoted: 'made someone a group admin',
  DirectMessageSent: 'sent a direct message',
  DirectMessageEdited: 'edited a direct message',
  DirectMessageDeleted: 'deleted a direct message',
  DirectMessagesRead: 'read direct messages',
  NotificationsRead: 'read notifications',
  NotificationSettingsChanged: 'changed notification settings',
  SessionScheduled: 'scheduled a session',
  SessionEdited: 'edited a session',
  SessionCancelled: 'cancelled a session',
  SessionRegistrationAdded: 'registered for a session',
  SessionRegistrationCancelled: 'cancelled a session registration',
  SessionWaitlistPromoted: 'moved someone from a waitlist into a session',
  SessionAttendanceMarked: 'marked attendance of a session',
  SessionReminderSent: 'sent a session reminder',
  SessionHeld: 'recorded a session as held',
  ReviewWritten: 'wrote a review',
  ReviewReplied: 'replied to a review',
  ReviewRemoved: 'removed a review',
  CalendarFeedTokenIssued: 'renewed a calendar feed link',
  DocUpdated: 'edited a shared chat',
  WallMessagePosted: 'posted on the wall',
  WallMessageEdited: 'edited a wall post',
  WallMessageDeleted: 'deleted a wall post',
  GroupMessagePosted: 'posted in a group chat',
  GroupMessageEdited: 'edited a group message',
  GroupMessageDeleted: 'deleted a group message',
  ReportFiled: 'filed a report',
  ReportsResolved: 'resolved reports',
  SlowModeSet: 'set slow mode',
};

/** The same, when the actor acts on their own account. */
const ownVerbs: Record<string, string> = {
  UserRegistered: 'signed up',
  PasswordChanged: 'changed their password',
  ProfileUpdated: 'edited their profile',
  SkillsChanged: 'changed their skills',
  AvatarChanged: 'changed their avatar',
};

const roleNames: Record<string, string> = {
  moderator: 'Moderator',
  admin: 'Admin',
  super_admin: 'Super admin',
};

/** "Sam Rivera", or a role and name for staff ("Moderator Mo"), or "The system". */
function actorName(actor: { id: string | null; name?: string | undefined; role: string | null }) {
  if (!actor.id) return actor.role === 'system' || !actor.role ? 'The system' : 'Someone';
  const name = actor.name ?? 'Deleted user';
  const role = actor.role ? roleNames[actor.role] : undefined;
  return role ? `${role} ${name}` : name;
}

const humanize = (type: string) =>
  type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^./, (c) => c);

export const userOfStream = (stream: string) => /^user-([0-9a-f-]{36})$/i.exec(stream)?.[1] ?? undefined;

export function summarize(
  entry: { type: string; stream: string; actorId: string | null; actorRole: string | null },
  names: ReadonlyMap<string, string>,
): string {
  const who = actorName({ id: entry.actorId, name: names.get(entry.actorId ?? ''), role: entry.actorRole });
  const target = userOfStream(entry.stream);
  const own = target !== undefined && target === entry.actorId;
  const verb =
    (own ? ownVerbs[entry.type] : undefined) ?? verbs[entry.type] ?? `recorded “${humanize(entry.type)}”`;
  const targetName = target ? (names.get(target) ?? 'a deleted user') : 'an account';
  return `${who} ${verb.replace('{target}', own ? 'their own account' : targetName)}.`;
}
