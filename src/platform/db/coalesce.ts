import DataLoader from 'dataloader';

export interface CoalescingOptions<K> {
  /** Queries of one loader running at once; the keys that arrive meanwhile wait and go together. */
  concurrency?: number;
  /** Keys in one query at most. */
  maxBatch?: number;
  /** How keys are compared for duplicates within a batch; the key itself when omitted (strings). */
  keyOf?: (key: K) => unknown;
}

/**
 * One lookup that many concurrent requests make (the sign-in of a cookie, a host-and-block check), answered
 * by as few queries as the load allows: while `concurrency` queries run, the keys that come in wait, and then
 * go in one query together. A key that finds no query running goes at the end of the event loop's current
 * turn, with whatever else arrived in it, so a quiet server answers as fast as before and a crowd of 500
 * costs a handful of round trips instead of 500.
 *
 * Nothing is cached: a key is read by a query that starts after it was asked for, so the answer holds at
 * least what was committed before the request asked (read-your-writes stays as it was).
 *
 * `load` gets the keys, duplicates removed, and returns one answer per key in their order.
 */
export function coalescing<K, V>(
  load: (keys: readonly K[]) => Promise<readonly V[]>,
  options: CoalescingOptions<K> = {},
): (key: K) => Promise<V> {
  const concurrency = options.concurrency ?? 2;
  let running = 0;
  const waiting: Array<() => void> = [];
  const loader = new DataLoader<K, V, string>(
    async (keys) => {
      running++;
      try {
        const keyOf = options.keyOf ?? ((k: K): unknown => k);
        const unique = new Map<unknown, K>();
        for (const key of keys) unique.set(keyOf(key), key);
        const answers = await load([...unique.values()]);
        const byKey = new Map([...unique.keys()].map((k, i) => [k, answers[i] as V]));
        return keys.map((key) => byKey.get(keyOf(key)) as V);
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
    {
      // No cache: each batch is read fresh (duplicates within one are asked once, above).
      cache: false,
      maxBatchSize: options.maxBatch ?? 500,
      batchScheduleFn: (dispatch) => {
        if (running < concurrency) setImmediate(dispatch);
        else waiting.push(dispatch);
      },
    },
  );
  return (key) => loader.load(key);
}
