import { describe, expect, it } from 'vitest';
import { sequenceMatcherRatio } from '../bench/matching/difflib.ts';

// Expected values printed by CPython 3.11: difflib.SequenceMatcher(None, a, b).ratio().
const cases: [string, string, number][] = [
  ['abcd', 'bcde', 0.75],
  ['guitar', 'guitarr', 0.9230769230769231],
  ['python', 'pyhton', 0.8333333333333334],
  ['python programming', 'python', 0.5],
  ['javascript', 'java', 0.5714285714285714],
  ['piano', 'pizza', 0.6],
  ['', '', 1],
  ['abc', '', 0],
  ['qabxcd', 'abycdf', 0.6666666666666666],
  ['private thread', 'private volume', 0.6428571428571429],
  // 200+ items: "a" is a popular element of b and is junked (autojunk).
  [`${'a'.repeat(250)}b`, `b${'a'.repeat(250)}`, 0.00398406374501992],
];

describe('bench difflib port', () => {
  it.each(cases)('ratio(%j, %j) = %d as in CPython', (a, b, expected) => {
    expect(sequenceMatcherRatio(a, b)).toBeCloseTo(expected, 12);
  });
});
