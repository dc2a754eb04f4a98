import { describe, expect, it } from 'vitest';
import { StateCache } from './state-cache.ts';

const a = { name: 'a' };
const b = { name: 'b' };

describe('StateCache', () => {
  it('keeps at most `capacity` streams, dropping the least recently used first', () => {
    const cache = new StateCache(2);
    cache.set('s1', { aggregate: a, state: 1, revision: 0 });
    cache.set('s2', { aggregate: a, state: 2, revision: 0 });
    expect(cache.get('s1', a)?.state).toBe(1); // s1 is now the most recently used
    cache.set('s3', { aggregate: a, state: 3, revision: 0 });
    expect(cache.size).toBe(2);
    expect(cache.get('s2', a)).toBeUndefined();
    expect(cache.get('s1', a)?.state).toBe(1);
    expect(cache.get('s3', a)?.state).toBe(3);
  });

  it('misses when the stream was folded by another aggregate', () => {
    const cache = new StateCache(10);
    cache.set('s', { aggregate: a, state: 1, revision: 0 });
    expect(cache.get('s', b)).toBeUndefined();
  });

  it('keeps the newer of two states of one stream, and forgets a dropped stream', () => {
    const cache = new StateCache(10);
    cache.set('s', { aggregate: a, state: 'new', revision: 5 });
    cache.set('s', { aggregate: a, state: 'old', revision: 3 });
    expect(cache.get('s', a)).toMatchObject({ state: 'new', revision: 5 });
    cache.drop('s');
    expect(cache.get('s', a)).toBeUndefined();
  });
});
