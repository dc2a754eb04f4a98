import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { docEvents } from '../../src/features/docs/doc-events.ts';
import { loadDoc, takeSnapshot } from '../../src/features/docs/doc-store.ts';
import { docStream } from '../../src/features/docs/message-events.ts';
import { trimMessages } from '../../src/features/docs/trim.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrations } from '../../src/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import type { NewEvent } from '../../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import { median } from '../stats.ts';

export interface LoadCase {
  label: string;
  events: number;
  snapshotBytes: number;
  /** Messages in the loaded document. */
  liveMessages: number;
  samples: number[];
  median: number;
}
export interface LoadResults {
  cases: LoadCase[];
}

const LOAD_RUNS = 5;
/** The server snapshots every 500 events; the last snapshot here sits that far behind the head. */
const BEHIND = 500;
/** A browser session is a new Yjs client id; a wall's history comes from many of them. */
const POSTS_PER_CLIENT = 100;

/**
 * Writes a document's history as the server would: one DocUpdated per posted message, from a new client
 * id every 100 posts, plus the server's trims (trim.ts: the latest 1,000 messages stay live), with
 * snapshots every 10,000 updates and one 500 updates before the end; then times `loadDoc`.
 */
export async function benchLoad(
  databaseUrl: string | undefined,
  log: (s: string) => void,
): Promise<LoadResults> {
  const handle = await openDatabase(databaseUrl ? { databaseUrl } : {});
  await migrateToLatest(handle.db, migrations);
  const store = await PostgresEventStore.create({ db: handle.db });
  const metadata = {
    actorId: randomUUID(),
    actorRole: 'user' as const,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  };
  const cases: LoadCase[] = [];
  try {
    for (const updates of [1_000, 100_000]) {
      const name = `load-${updates}-${randomUUID()}`;
      const started = performance.now();
      const gen = new Y.Doc();
      let batch: NewEvent[] = [];
      let events = 0;
      gen.on('update', (update: Uint8Array) => {
        events++;
        batch.push(
          docEvents.encode(
            { type: 'DocUpdated', data: { doc: name, update: Buffer.from(update).toString('base64') } },
            metadata,
          ),
        );
      });
      for (let i = 1; i <= updates; i++) {
        if (i % POSTS_PER_CLIENT === 1) gen.clientID = Math.floor(Math.random() * 2 ** 31);
        const fields = {
          id: randomUUID(),
          authorId: metadata.actorId,
          text: `message ${i} of the load test`,
          createdAt: metadata.occurredAt,
        };
        const messages = gen.getArray('messages');
        // insert at the length, not push: push walks the whole list (trimmed items included) every time
        messages.insert(messages.length, [new Y.Map<unknown>(Object.entries(fields))]);
        trimMessages(gen); // its update reaches the batch through the 'update' listener
        const snapshotHere = i === updates - BEHIND || i % 10_000 === 0;
        if (batch.length >= 1_000 || snapshotHere || i === updates) {
          await store.append(docStream(name), batch);
          batch = [];
        }
        if (snapshotHere && i < updates) await takeSnapshot(handle.db, store, name, new Date());
      }
      gen.destroy();
      log(
        `   wrote ${updates.toLocaleString('en-US')} updates in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      const row = await handle.db
        .selectFrom('ydoc_snapshots')
        .select('state')
        .where('doc', '=', name)
        .executeTakeFirst();
      const { samples, liveMessages } = await timeLoads(handle.db, store, name, LOAD_RUNS);
      cases.push({
        label: `${updates.toLocaleString('en-US')} posts, snapshot ${BEHIND} behind`,
        events,
        snapshotBytes: row?.state.byteLength ?? 0,
        liveMessages,
        samples,
        median: median(samples),
      });
      if (updates === 100_000) {
        await handle.db.deleteFrom('ydoc_snapshots').where('doc', '=', name).execute();
        const without = await timeLoads(handle.db, store, name, 1);
        cases.push({
          label: '100,000 posts, no snapshot (info)',
          events,
          snapshotBytes: 0,
          liveMessages: without.liveMessages,
          samples: without.samples,
          median: median(without.samples),
        });
      }
    }
    for (const c of cases) log(`   ${c.label}: median ${c.median.toFixed(0)} ms`);
    return { cases };
  } finally {
    await store.close();
    await handle.close();
  }
}

async function timeLoads(
  db: Parameters<typeof loadDoc>[0],
  store: PostgresEventStore,
  name: string,
  runs: number,
) {
  const samples: number[] = [];
  let liveMessages = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const loaded = await loadDoc(db, store, name);
    samples.push(performance.now() - t);
    liveMessages = loaded.ydoc.getArray('messages').length;
    loaded.ydoc.destroy();
  }
  return { samples, liveMessages };
}
