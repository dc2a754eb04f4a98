import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect(plural(1, 'matching message')).toBe('1 matching message');
    expect(plural(0, 'matching message')).toBe('0 matching messages');
    expect(plural(2, 'matching message')).toBe('2 matching messages');
  });

  it('takes an irregular plural and groups thousands', () => {
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(1200, 'person', 'people')).toBe('1,200 people');
  });
});
