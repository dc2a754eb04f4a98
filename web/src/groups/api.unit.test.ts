import { describe, expect, it } from 'vitest';
import { userIdFrom } from './api.ts';

describe('userIdFrom', () => {
  it('finds the id in a profile link or alone, and nothing in other text', () => {
    const id = '2f6c2a56-41a4-4c39-9a55-0e0b6d6f0c11';
    expect(userIdFrom(`https://skillswap.example/users/${id}`)).toBe(id);
    expect(userIdFrom(`  ${id.toUpperCase()} `)).toBe(id);
    expect(userIdFrom('ada@example.com')).toBeNull();
  });
});
