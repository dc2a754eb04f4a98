import { describe, expect, it } from 'vitest';
import { coalescing } from './coalesce.ts';

/** A load whose queries are answered when the test says, recording the keys each was given. */
function heldLoad() {
  const queries: string[][] = [];
  const open: Array<() => void> = [];
  const load = async (keys: readonly string[]) => {
    queries.push([...keys]);
    await new Promise<void>((resolve) => open.push(resolve));
    if (keys.includes('bad')) throw new Error('the query failed');
    return keys.map((k) => `value of ${k}`);
  };
  const answerNext = async () => {
    while (open.length === 0) await new Promise((r) => setImmediate(r));
    open.shift()!();
  };
  return { load, queries, answerNext };
}
const nextTurn = () => new Promise((r) => setImmediate(r));

describe('coalescing', () => {
  it('sends a lone key at once, and the keys that arrive while its query runs together in the next one', async () => {
    const { load, queries, answerNext } = heldLoad();
    const find = coalescing(load, { concurrency: 1 });
    const first = find('a');
    await nextTurn();
    expect(queries).toEqual([['a']]);
    // Fifty requests, each in its own turn of the event loop, while the first query runs.
    const later: Promise<string>[] = [];
    for (let i = 0; i < 50; i++) {
      later.push(find(`k${i}`));
      await nextTurn();
    }
    expect(queries).toHaveLength(1);
    await answerNext();
    expect(await first).toBe('value of a');
    await answerNext();
    expect(await Promise.all(later)).toEqual(later.map((_, i) => `value of k${i}`));
    expect(queries).toHaveLength(2);
    expect(queries[1]).toHaveLength(50);
  });

  it('asks for a duplicate key once and answers every caller; a key asked after a query began waits for a new one', async () => {
    const { load, queries, answerNext } = heldLoad();
    const find = coalescing(load, { concurrency: 1 });
    const same = [find('a'), find('a'), find('b')];
    await nextTurn();
    const again = find('a');
    await answerNext();
    await answerNext();
    expect(await Promise.all([...same, again])).toEqual([
      'value of a',
      'value of a',
      'value of b',
      'value of a',
    ]);
    // Nothing is cached: 'a' asked once the first query had started is read by the second.
    expect(queries).toEqual([['a', 'b'], ['a']]);
  });

  it('runs up to `concurrency` queries at once', async () => {
    const { load, queries, answerNext } = heldLoad();
    const find = coalescing(load, { concurrency: 2 });
    const answers = [find('a')];
    await nextTurn();
    answers.push(find('b'));
    await nextTurn();
    answers.push(find('c'), find('d'));
    await nextTurn();
    expect(queries).toEqual([['a'], ['b']]);
    for (let i = 0; i < 3; i++) await answerNext();
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c', 'd'].map((k) => `value of ${k}`));
    expect(queries).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  it('fails only the callers of a failed query; the next query goes on', async () => {
    const { load, answerNext } = heldLoad();
    const find = coalescing(load, { concurrency: 1 });
    const failed = [find('bad'), find('x')].map((p) => p.catch((e: Error) => e.message));
    await nextTurn();
    const next = find('y');
    await answerNext();
    await answerNext();
    expect(await Promise.all(failed)).toEqual(['the query failed', 'the query failed']);
    expect(await next).toBe('value of y');
  });

  it('compares keys by keyOf', async () => {
    const seen: Array<readonly { id: number }[]> = [];
    const find = coalescing(
      async (keys: readonly { id: number }[]) => {
        seen.push(keys);
        return keys.map((k) => k.id * 10);
      },
      { keyOf: (k) => k.id },
    );
    expect(await Promise.all([find({ id: 1 }), find({ id: 1 }), find({ id: 2 })])).toEqual([10, 10, 20]);
    expect(seen).toEqual([[{ id: 1 }, { id: 2 }]]);
  });
});
