/**
 * Wall-clock times in a named IANA zone, with Intl only: what a host types ("18:00 in Europe/Berlin")
 * becomes an instant, and instants show in the viewer's zone.
 */

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function wallParts(instant: number, zone: string): Record<string, number> {
  let format = partsFormat.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(zone, format);
  }
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const p = wallParts(instant, zone);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/**
 * The instant at which `zone`'s clocks show `local` (`YYYY-MM-DDTHH:mm`, or `YYYY-MM-DD` for midnight);
 * null when the text is not such a time.
 */
export function zonedToInstant(local: string, zone: string): Date | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  if (Number.isNaN(wall)) return null;
  // The offsets a day either side cover any one transition: a wall time shown twice (autumn) takes the
  // earlier instant, one skipped (spring) the offset before the jump, which lands just after it.
  const day = 86_400_000;
  const candidates = [wall - offsetAt(wall - day, zone), wall - offsetAt(wall + day, zone)];
  const valid = candidates.filter((c) => wall - offsetAt(c, zone) === c);
  return new Date(valid.length > 0 ? Math.min(...valid) : candidates[0]!);
}

const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');

/** `instant` as `zone`'s wall clock shows it, `YYYY-MM-DDTHH:mm` (the value of a datetime-local input). */
export function instantToZoned(instant: Date | string, zone: string): string {
  const p = wallParts(new Date(instant).getTime(), zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The viewer's own IANA zone, e.g. "Europe/Berlin". */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const whenFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** A date and time in the viewer's zone, with the zone's name: "Tue, Jan 8, 2030, 6:00 PM GMT+1". */
export const formatWhen = (iso: string) => whenFormat.format(new Date(iso));

/** A date in the viewer's zone: "Jan 8, 2030". */
export const formatDay = (iso: string) => dayFormat.format(new Date(iso));

/** A start and end in the viewer's zone; the end's date only when it differs. */
export function formatRange(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const sameDay = dayFormat.format(start) === dayFormat.format(end);
  return `${whenFormat.format(start)} – ${sameDay ? timeFormat.format(end) : whenFormat.format(end)}`;
}

/** A wall time in a named zone, for showing what a host typed: "Jan 8, 2030, 18:00 (Europe/Berlin)". */
export function formatInZone(instant: Date, zone: string): string {
  const text = new Intl.DateTimeFormat(undefined, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(instant);
  return `${text} (${zone.replaceAll('_', ' ')})`;
}
