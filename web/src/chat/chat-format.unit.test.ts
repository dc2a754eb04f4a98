import { describe, expect, it } from 'vitest';
import { checkText, codePoints, utf16Units } from './chat-text.ts';
import { chatTime, chatTimeTitle } from './chat-time.ts';

describe('chatTime', () => {
  const now = new Date('2026-12-01T15:30:00Z'); // a Tuesday
  const gb = { locale: 'en-GB', timeZone: 'UTC' };

  it('says "Today" with the clock time for today', () => {
    expect(chatTime('2026-12-01T14:05:00Z', now, gb)).toBe('Today 14:05');
    expect(chatTime('2026-12-01T00:00:00Z', now, gb)).toBe('Today 00:00');
  });

  it('uses the weekday for the six days before today', () => {
    expect(chatTime('2026-11-30T09:12:00Z', now, gb)).toBe('Mon 09:12');
    expect(chatTime('2026-11-25T09:12:00Z', now, gb)).toBe('Wed 09:12');
  });

  it('uses the date from a week ago, with the year only when it is another year', () => {
    expect(chatTime('2026-11-24T09:12:00Z', now, gb)).toBe('24 Nov 09:12');
    expect(chatTime('2025-12-24T09:12:00Z', now, gb)).toBe('24 Dec 2025 09:12');
  });

  it('follows the viewer’s locale (12-hour clock, month first)', () => {
    const us = { locale: 'en-US', timeZone: 'UTC' };
    expect(chatTime('2026-12-01T14:05:00Z', now, us)).toBe('Today 2:05 PM');
    expect(chatTime('2026-11-03T09:12:00Z', now, us)).toBe('Nov 3 9:12 AM');
  });

  it('counts days in the viewer’s time zone', () => {
    // 23:30 UTC on Nov 30 is already Dec 1 in Berlin.
    expect(chatTime('2026-11-30T23:30:00Z', now, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe(
      'Today 00:30',
    );
    expect(chatTime('2026-11-30T23:30:00Z', now, gb)).toBe('Mon 23:30');
  });

  it('shows a date for a time in the future beyond today, and nothing for a broken time', () => {
    expect(chatTime('2026-12-03T10:00:00Z', now, gb)).toBe('3 Dec 10:00');
    expect(chatTime('not a time', now, gb)).toBe('');
    expect(chatTimeTitle('not a time', gb)).toBe('');
    // Punctuation of the long form differs between ICU versions; its parts do not.
    const title = chatTimeTitle('2026-12-01T14:05:00Z', gb);
    for (const part of ['Tuesday', '1 December 2026', '14:05']) expect(title).toContain(part);
  });
});

describe('checkText', () => {
  const limit = { max: 100, measure: codePoints };

  it('shows no counter far from the limit and counts the trimmed text', () => {
    expect(checkText(`  ${'a'.repeat(89)}  `, limit)).toEqual({ length: 89, tooLong: false, counter: '' });
  });

  it('shows the counter near the limit', () => {
    expect(checkText('a'.repeat(90), limit).counter).toBe('90 / 100');
    expect(checkText('a'.repeat(100), limit)).toMatchObject({ tooLong: false, counter: '100 / 100' });
  });

  it('refuses text over the limit and says by how much', () => {
    expect(checkText('a'.repeat(101), limit)).toEqual({
      length: 101,
      tooLong: true,
      counter: 'Too long: 101 of 100 characters. Remove 1 character to send it.',
    });
    expect(checkText('a'.repeat(4_012), { max: 4_000, measure: codePoints }).counter).toBe(
      'Too long: 4,012 of 4,000 characters. Remove 12 characters to send it.',
    );
  });

  it('measures as each server does: code points for direct messages, UTF-16 units for rooms', () => {
    const emoji = '😀'.repeat(60);
    expect(checkText(emoji, { max: 100, measure: codePoints }).tooLong).toBe(false);
    expect(checkText(emoji, { max: 100, measure: utf16Units }).tooLong).toBe(true);
  });
});
