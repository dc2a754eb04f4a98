import { describe, expect, it } from 'vitest';
import { typicalUtcOffsetMinutes } from './time-zones.ts';
import { osaDistance, pickNearest, typoSimilarity } from './typo.ts';

describe('osaDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(osaDistance('python', 'pyhton')).toBe(1);
    expect(osaDistance('guitar', 'guitarr')).toBe(1);
    expect(osaDistance('piano', 'pizza')).toBe(3);
    expect(osaDistance('', 'abc')).toBe(3);
    expect(osaDistance('日本語', '日本')).toBe(1);
  });
});

describe('typoSimilarity', () => {
  it('accepts typos that keep the first letter', () => {
    expect(typoSimilarity('pyhton', 'python', 0.27)).toBeCloseTo(0.83, 2);
    expect(typoSimilarity('gitar', 'guitar', 0.4)).toBeCloseTo(0.83, 2);
  });

  it('refuses different words, short words and changed first letters', () => {
    expect(typoSimilarity('pizza', 'piano', 0.2)).toBeNull();
    expect(typoSimilarity('trench', 'french', 0.4)).toBeNull();
    expect(typoSimilarity('c', 'r', 0)).toBeNull();
    expect(typoSimilarity('java', 'javascript', 0.33)).toBeNull();
  });

  it('accepts a slip of the first letter only towards a curated skill, and only in long keys', () => {
    expect(typoSimilarity('aphotography', 'photography', 0.5)).toBeNull();
    expect(typoSimilarity('aphotography', 'photography', 0.5, true)).toBe(0.92);
    expect(typoSimilarity('trench', 'french', 0.4, true)).toBeNull();
    expect(typoSimilarity('ython', 'python', 0.4, true)).toBe(0.83);
    expect(typoSimilarity('ypthon', 'python', 0.3, true)).toBe(0.83);
    expect(typoSimilarity('ypthon', 'python', 0.3)).toBeNull();
    // Words are sorted in keys: "Public apeaking" is `apeaking public`, one slipped word of Public speaking.
    expect(typoSimilarity('apeaking public', 'public speaking', 0.3, true)).not.toBeNull();
    expect(typoSimilarity('apeaking public', 'public speaking', 0.3)).toBeNull();
  });

  it('accepts a high trigram similarity even without a small edit distance', () => {
    expect(typoSimilarity('3 python', 'python', 0.78)).toBe(0.78);
  });
});

describe('pickNearest', () => {
  it('takes the most similar accepted candidate, the first one on a tie', () => {
    expect(
      pickNearest('guitarr', [
        { id: 'sitar', trigram: 0.2 },
        { id: 'guitar', trigram: 0.67 },
        { id: 'guitars', trigram: 0.5 },
      ]),
    ).toEqual({ id: 'guitar', similarity: 0.86 });
    expect(
      pickNearest('3 python', [
        { id: 'python', trigram: 0.78 },
        { id: '3 pythons', trigram: 0.8 },
      ]),
    ).toEqual({ id: '3 pythons', similarity: 0.89 });
    expect(pickNearest('zzz', [{ id: 'guitar', trigram: 0 }])).toBeNull();
  });
});

describe('typicalUtcOffsetMinutes', () => {
  it('averages winter and summer offsets, independent of today', () => {
    expect(typicalUtcOffsetMinutes('Europe/Madrid')).toBe(90);
    expect(typicalUtcOffsetMinutes('America/New_York')).toBe(-270);
    expect(typicalUtcOffsetMinutes('Asia/Kolkata')).toBe(330);
    expect(typicalUtcOffsetMinutes('UTC')).toBe(0);
    expect(typicalUtcOffsetMinutes('Mars/Olympus')).toBeNull();
    expect(typicalUtcOffsetMinutes(null)).toBeNull();
  });
});
