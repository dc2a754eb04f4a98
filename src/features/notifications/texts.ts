import type { NotificationData, NotificationType } from './events.ts';

/** What a notification says: the API's `title`, `body` and `link` (a path of the web app). */
export interface NotificationText {
  title: string;
  body: string;
  link: string;
}

export interface NotificationFacts {
  type: NotificationType;
  actorId: string | null;
  subjectId: string;
  data: NotificationData;
}

export interface Reader {
  /** Display names of the people notices are about; someone missing is shown as "Deleted user". */
  names: ReadonlyMap<string, string>;
  /** The reader's IANA zone (profile), or null for UTC. */
  timeZone: string | null;
}

const contentNames: Record<string, string> = {
  direct_message: 'message',
  wall_message: 'wall post',
  group_message: 'group message',
  session: 'session',
  review: 'review',
  user: 'profile',
};

const quoted = (title: string | undefined) => `“${title ?? 'A session'}”`;

/** "Tue 8 Jan 2030, 19:00 (Europe/Berlin)": in the reader's zone, naming it. */
export function formatWhen(iso: string | undefined, timeZone: string | null): string {
  if (!iso) return 'at the planned time';
  const zone = validZone(timeZone) ?? 'UTC';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const text = `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
  return `${text} (${zone})`;
}

function validZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

const minutes = (n: number | undefined) =>
  n === undefined ? '' : n % 60 === 0 ? `${n / 60} hour${n === 60 ? '' : 's'}` : `${n} minutes`;

/** The words of a notification, written for the person reading it, in their time zone. */
export function notificationText(n: NotificationFacts, reader: Reader): NotificationText {
  const name = (n.actorId && reader.names.get(n.actorId)) || 'Deleted user';
  const d = n.data;
  const when = formatWhen(d.startsAt, reader.timeZone);
  const session = `/sessions/${n.subjectId}`;
  switch (n.type) {
    case 'connection.requested':
      return {
        title: `${name} wants to connect`,
        body: d.message
          ? `“${d.message}” Accept or decline on your connections page.`
          : 'Accept or decline the request on your connections page.',
        link: '/connections',
      };
    case 'connection.accepted':
      return {
        title: `${name} accepted your connection request`,
        body: 'You can now send each other messages.',
        link: `/messages/${n.actorId ?? ''}`,
      };
    case 'message.received': {
      const count = d.count ?? 1;
      return {
        title: count > 1 ? `${count} new messages from ${name}` : `New message from ${name}`,
        body: d.excerpt ?? 'Open the conversation to read it.',
        link: `/messages/${n.actorId ?? ''}`,
      };
    }
    case 'session.reminder':
      return d.kind === '15m'
        ? {
            title: `${quoted(d.title)} starts soon`,
            body: d.hosting
              ? `You are hosting it: it starts ${when}. Open the session page to start the call.`
              : `It starts ${when}. Join from the session page.`,
            link: session,
          }
        : {
            title: `Reminder: ${quoted(d.title)} is coming up`,
            body: d.hosting
              ? `You are hosting it ${when}, for ${minutes(d.durationMinutes)}.`
              : `It starts ${when} and lasts ${minutes(d.durationMinutes)}.`,
            link: session,
          };
    case 'session.updated': {
      const moved = d.previousStartsAt !== undefined && d.previousStartsAt !== d.startsAt;
      return {
        title: `${quoted(d.title)} has a new time`,
        body: moved
          ? `It now starts ${when} (it was ${formatWhen(d.previousStartsAt, reader.timeZone)}) and lasts ${minutes(d.durationMinutes)}.`
          : `It still starts ${when}, and now lasts ${minutes(d.durationMinutes)}.`,
        link: session,
      };
    }
    case 'session.cancelled': {
      const who = d.byStaff ? 'A moderator' : 'The host';
      const what = d.hosting
        ? `cancelled your session planned for ${when}.`
        : `cancelled it. It was planned for ${when}.`;
      return {
        title: `${quoted(d.title)} was cancelled`,
        body: `${who} ${what}${d.reason ? ` Reason: ${d.reason}` : ''}`,
        link: session,
      };
    }
    case 'session.promoted':
      return {
        title: `You have a seat in ${quoted(d.title)}`,
        body: `A seat opened up, so you moved from the waitlist to registered. It starts ${when}.`,
        link: session,
      };
    case 'support.replied':
      return {
        title: `Support replied: ${quoted(d.subject)}`,
        body: d.excerpt ?? 'Open your support request to read the reply.',
        link: `/help/${n.subjectId}`,
      };
    case 'account.suspended':
      return {
        title: 'Your account is suspended',
        body: `A moderator suspended your account ${d.until ? `until ${formatWhen(d.until, reader.timeZone)}` : 'until further notice'}. Reason: ${d.reason ?? 'none given'}. You can read this again when you sign in, and file one appeal with support.`,
        link: '/',
      };
    case 'content.removed':
      return {
        title: `A moderator removed your ${contentNames[d.contentKind ?? ''] ?? 'content'}`,
        body: `It broke the community rules.${d.reason ? ` Moderator’s note: ${d.reason}` : ''}`,
        link: '/',
      };
    default: {
      const _never: never = n.type;
      return _never;
    }
  }
}
