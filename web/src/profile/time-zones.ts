const fallbackZones = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
];

/** The browser's IANA time zone, e.g. "Europe/Berlin". */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** All IANA zones the browser knows, plus UTC and any zone already chosen, sorted. */
export function timeZoneOptions(...mustInclude: (string | null | undefined)[]): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = fallbackZones;
  }
  const all = new Set(zones);
  all.add('UTC');
  for (const zone of mustInclude) if (zone) all.add(zone);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** Whether a zone matches what was typed: any part, ignoring case, "_" and "/" ("new york", "tok"). */
export function zoneMatches(zone: string, query: string): boolean {
  const words = query
    .toLowerCase()
    .split(/[\s/_]+/)
    .filter(Boolean);
  const name = zone.toLowerCase().replaceAll('_', ' ').replaceAll('/', ' ');
  return words.every((word) => name.includes(word));
}
