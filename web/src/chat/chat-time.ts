/** Where and how to show a time: the viewer's locale and time zone unless a test pins them. */
export interface TimeFormat {
  locale?: string | undefined;
  timeZone?: string | undefined;
}

const DAY_MS = 86_400_000;

/** The calendar day of `date` in `timeZone`, as a count of days since 1970-01-01. */
function dayNumber(date: Date, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
}

/** "14:05" where clocks run to 24 hours, "2:05 PM" where they run to 12 (no "02:05 PM"). */
function clockTime(date: Date, { locale, timeZone }: TimeFormat): string {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  const hour = hourCycle === 'h23' || hourCycle === 'h24' ? '2-digit' : 'numeric';
  return new Intl.DateTimeFormat(locale, { timeZone, hour, minute: '2-digit' }).format(date);
}

/**
 * A message time as a chat shows it: "Today 14:05" for today, the weekday ("Mon 09:12") for the six days
 * before, the date for older ones ("3 Nov 09:12", with the year when it is not this year). Clock times and
 * names follow the viewer's locale (12 or 24 hours). Empty for a time that cannot be read.
 */
export function chatTime(iso: string, now: Date, format: TimeFormat = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const { locale, timeZone } = format;
  const clock = clockTime(date, format);
  const daysAgo = dayNumber(now, timeZone) - dayNumber(date, timeZone);
  if (daysAgo === 0) return `Today ${clock}`;
  if (daysAgo > 0 && daysAgo < 7) {
    return `${new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short' }).format(date)} ${clock}`;
  }
  const sameYear =
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(date) ===
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(now);
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
  return `${day} ${clock}`;
}

/** The full date and time, for a tooltip. */
export function chatTimeTitle(iso: string, format: TimeFormat = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(format.locale, {
    timeZone: format.timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(date);
}
