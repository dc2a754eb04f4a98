// Fixed reference days, so a rebuild computes the same offsets whatever day it runs (projections are deterministic).
const JANUARY = Date.UTC(2026, 0, 15, 12);
const JULY = Date.UTC(2026, 6, 15, 12);

function offsetAt(timeZone: string, at: number): number | null {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
    if (!match) return null;
    if (!match[1]) return 0;
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  } catch {
    return null;
  }
}

/**
 * A time zone's typical distance from UTC in minutes: the mean of its January and July offsets, so
 * Madrid counts as +90 and New York as -270. Null for an unknown zone.
 */
export function typicalUtcOffsetMinutes(timeZone: string | null | undefined): number | null {
  if (!timeZone) return null;
  const winter = offsetAt(timeZone, JANUARY);
  const summer = offsetAt(timeZone, JULY);
  return winter === null || summer === null ? null : Math.round((winter + summer) / 2);
}
