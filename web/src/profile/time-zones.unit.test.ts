import { describe, expect, it } from 'vitest';
import { zoneMatches } from './time-zones.ts';

describe('zoneMatches', () => {
  it('finds a zone by any part of its name, ignoring case, "_" and "/"', () => {
    expect(zoneMatches('Asia/Tokyo', 'tok')).toBe(true);
    expect(zoneMatches('America/New_York', 'new york')).toBe(true);
    expect(zoneMatches('America/New_York', 'america/new')).toBe(true);
    expect(zoneMatches('Europe/Berlin', '')).toBe(true);
  });

  it('needs every word to match', () => {
    expect(zoneMatches('America/New_York', 'new delhi')).toBe(false);
    expect(zoneMatches('Asia/Tokyo', 'kyoto')).toBe(false);
  });
});
