import type { EventStore } from '../../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../../src/platform/event-store/postgres.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createTestDatabase } from '../support/database.ts';

/** The event store adapters the conformance tests run on: the Postgres one always, EventStoreDB when set. */
export interface Adapter {
  name: string;
  /** `peers` are further instances on the same log, as separate app processes would hold. */
  open(): Promise<{ store: EventStore; peers: EventStore[]; close(): Promise<void> }>;
}

export const adapters: Adapter[] = [
  {
    name: process.env.DATABASE_URL ? 'postgres (server)' : 'postgres (PGlite)',
    async open() {
      const database = await createTestDatabase();
      const store = await PostgresEventStore.create({ db: database.db, pool: database.pool });
      // On a server, peers get their own connection pools so their transactions really contend. PGlite
      // is one connection: its one peer is a second store instance on it (its own queues and caches).
      const peerDatabases = database.url
        ? await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: database.url, poolSize: 4 })))
        : [];
      const peers = database.url
        ? await Promise.all(peerDatabases.map((d) => PostgresEventStore.create({ db: d.db, pool: d.pool })))
        : [await PostgresEventStore.create({ db: database.db })];
      return {
        store,
        peers,
        close: async () => {
          for (const peer of peers) await peer.close();
          for (const d of peerDatabases) await d.close();
          await store.close();
          await database.close();
        },
      };
    },
  },
];
const esdbUrl = process.env.EVENTSTORE_URL;
if (esdbUrl) {
  adapters.push({
    name: 'EventStoreDB',
    async open() {
      // Loaded only when asked for: the gRPC client is heavy and no server runs on the dev machines.
      const { createEsdbEventStore } = await import('../../src/platform/event-store/esdb.ts');
      const store = createEsdbEventStore(esdbUrl);
      const peers = [createEsdbEventStore(esdbUrl), createEsdbEventStore(esdbUrl)];
      return {
        store,
        peers,
        close: async () => (await Promise.all(peers.map((p) => p.close())), await store.close()),
      };
    },
  });
}
