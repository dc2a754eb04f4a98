import { describe, expect, it } from 'vitest';
import { printable, text, textFault } from './text.ts';

describe('text()', () => {
  const bio = text('Bio').max(10);

  it('accepts well-formed text, surrogate pairs included', () => {
    expect(bio.safeParse('hé 😀').success).toBe(true);
    expect(textFault('𝄞 tabs\tand\nnewlines')).toBeUndefined();
  });

  it.each([
    ['a lone high surrogate', 'a\ud800', /Bio must be well-formed Unicode/],
    ['a lone low surrogate', '\udfffz', /Bio must be well-formed Unicode/],
    ['a reversed pair', '\ude00\ud83d', /Bio must be well-formed Unicode/],
    ['NUL', 'a\u0000b', /Bio must not contain NUL/],
  ])('refuses %s with a message naming the field', (_label, value, message) => {
    const result = bio.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('keeps the field’s own rules after it', () => {
    expect(bio.safeParse('x'.repeat(11)).success).toBe(false);
  });

  it('prints refused strings safely', () => {
    expect(printable('a\ud800\u0000')).toBe('a\ufffd\\0');
  });
});
