import { endsAtOf, sessionView, type Session, type SessionStatus } from './session.ts';

/**
 * RFC 5545 calendars for one session (`GET /api/sessions/:id/calendar.ics`) and for a person's feed.
 *
 * Written by hand rather than with `ical-generator`: we emit one VEVENT shape, and the only subtle parts
 * (TEXT escaping, folding at 75 octets without splitting a UTF-8 sequence, CRLF) are a few lines we test
 * against Mozilla's parser; ical-generator 11 needs Node 22 and 10.x would be a pinned dependency for that.
 *
 * Times are UTC (`…Z`), so no VTIMEZONE is needed; the host's zone is noted as `X-SKILLSWAP-TZID`, an
 * extension property clients ignore, so nothing is shown in a zone the viewer did not choose.
 */
export interface CalendarEntry {
  id: string;
  title: string;
  description: string | null;
  prerequisites: readonly string[];
  startsAt: string;
  endsAt: string;
  status: SessionStatus;
  /** Raised by every edit and by the cancellation, so clients replace their copy. */
  sequence: number;
  /** The host's IANA zone, or null. */
  timeZone: string | null;
  /** Null unless this viewer may see the link (the host or someone with a seat). */
  meetingUrl: string | null;
  createdAt: string;
  updatedAt: string;
  /** The session's page in the web app, added to the description when given. */
  pageUrl?: string | null;
}

/** The calendar entry of a session as `viewerId` may see it. */
export function calendarEntry(
  session: Session,
  viewerId: string | null,
  now: Date,
  pageUrl: string | null = null,
): CalendarEntry {
  const view = sessionView(session, viewerId, now);
  return {
    id: session.id,
    title: session.title,
    description: session.description,
    prerequisites: session.prerequisites,
    startsAt: session.startsAt,
    endsAt: endsAtOf(session),
    status: view.status,
    sequence: session.sequence,
    timeZone: session.timeZone,
    meetingUrl: view.meetingUrl,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    pageUrl,
  };
}

export const calendarUid = (sessionId: string) => `${sessionId}@skillswap`;
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** One session: METHOD:PUBLISH, or METHOD:CANCEL once it is cancelled. */
export function sessionCalendar(entry: CalendarEntry, options: { now: Date }): string {
  const method = entry.status === 'cancelled' ? 'CANCEL' : 'PUBLISH';
  return calendar([`METHOD:${method}`], [entry], options.now);
}

/** A feed of many sessions (cancelled ones stay in it with STATUS:CANCELLED, so clients drop them). */
export function calendarFeed(
  entries: readonly CalendarEntry[],
  options: { now: Date; name?: string },
): string {
  const head = [
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name ?? 'SkillSwap sessions')}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  return calendar(head, entries, options.now);
}

function calendar(head: readonly string[], entries: readonly CalendarEntry[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//SkillSwap//Sessions//EN',
    'CALSCALE:GREGORIAN',
    ...head,
    ...entries.flatMap((entry) => vevent(entry, now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function vevent(entry: CalendarEntry, now: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${calendarUid(entry.id)}`,
    `SEQUENCE:${entry.sequence}`,
    `DTSTAMP:${utc(now)}`,
    `CREATED:${utc(entry.createdAt)}`,
    `LAST-MODIFIED:${utc(entry.updatedAt)}`,
    `DTSTART:${utc(entry.startsAt)}`,
    `DTEND:${utc(entry.endsAt)}`,
    `SUMMARY:${escapeText(entry.title)}`,
  ];
  const description = describe(entry);
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  const url = entry.meetingUrl === null ? null : uri(entry.meetingUrl);
  if (url) lines.push(`LOCATION:${escapeText(url)}`, `URL:${url}`);
  lines.push(`STATUS:${entry.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE');
  if (entry.timeZone && /^[A-Za-z0-9_+\-/]{1,64}$/.test(entry.timeZone))
    lines.push(`X-SKILLSWAP-TZID:${entry.timeZone}`);
  lines.push('END:VEVENT');
  return lines;
}

function describe(entry: CalendarEntry): string {
  const parts: string[] = [];
  if (entry.description) parts.push(entry.description);
  if (entry.prerequisites.length > 0)
    parts.push(['Prerequisites:', ...entry.prerequisites.map((p) => `- ${p}`)].join('\n'));
  if (entry.meetingUrl) parts.push(`Join: ${entry.meetingUrl}`);
  if (entry.pageUrl) parts.push(`Session page: ${entry.pageUrl}`);
  return parts.join('\n\n');
}

/** `20260310T180000Z`: a DATE-TIME in UTC. */
export const utc = (time: Date | string) =>
  new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

// Control characters other than tab are not allowed in a content line's value (RFC 5545 §3.1).
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and every kind of newline. */
export function escapeText(text: string): string {
  return text
    .replace(controls, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A URI value is not escaped; it only must not break the line. Links are validated https: URLs already. */
const uri = (link: string) => link.replace(controls, '').replace(/[\r\n]/g, '');

const encoder = new TextEncoder();

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1): CRLF then one space, the
 * space counting toward the next line's 75. Splits between code points, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}
