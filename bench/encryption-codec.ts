/**
 * The CPU cost of sealing and opening one identity event alone, with the key cached (docs/benchmarks.md,
 * "Personal data encryption"): `PersonalDataCodec.sealEvent` and `open` over 20,000 `ProfileUpdated` events
 * whose actor is their subject (IP and user agent in metadata), three rounds, µs per event. No database work
 * is timed (PGlite in memory holds the keys).
 *
 *   npm run bench -- encryption-codec
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { migrations } from '../src/database.ts';
import { personalDataPolicy } from '../src/personal-data.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import { PersonalDataCodec } from '../src/platform/personal-data/codec.ts';
import { DataKeys } from '../src/platform/personal-data/keys.ts';
import { profileUpdated } from './personal-events.ts';

const N = 20_000;
const handle = await openDatabase({});
await migrateToLatest(handle.db, migrations);
const codec = new PersonalDataCodec(
  await DataKeys.open(handle.db, { dataKey: 'bench-data-key-not-a-secret' }),
  personalDataPolicy,
);
const people = Array.from({ length: 100 }, () => randomUUID());
const event = profileUpdated;
for (const p of people) await codec.sealEvent(`user-${p}`, event(p, 0)); // keys made and cached
const input = Array.from({ length: N }, (_, i) => event(people[i % people.length]!, i));
for (let round = 1; round <= 3; round++) {
  let start = performance.now();
  const sealed: RecordedEvent[] = [];
  for (let i = 0; i < N; i++) {
    const e = await codec.sealEvent(`user-${people[i % people.length]}`, input[i]!);
    sealed.push({ ...e, id: randomUUID(), streamName: 's', revision: i, position: i + 1, recordedAt: '' });
  }
  const sealUs = ((performance.now() - start) * 1000) / N;
  start = performance.now();
  for (const e of sealed) await codec.open(e);
  const openUs = ((performance.now() - start) * 1000) / N;
  console.log(`round ${round}: seal ${sealUs.toFixed(1)} µs/event, open ${openUs.toFixed(1)} µs/event`);
}
await handle.close();
