import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataPolicy } from '../src/personal-data.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import type { EventMetadata, NewEvent } from '../src/platform/event-store/port.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { ERASED, PersonalDataCodec, SEALED } from '../src/platform/personal-data/codec.ts';
import { DataKeys } from '../src/platform/personal-data/keys.ts';
import { PersonalDataStore } from '../src/platform/personal-data/store.ts';
import { createTestDatabase } from './support/database.ts';

const DATA_KEY = 'codec-test-data-key-not-a-secret';

/**
 * An event sealed by the codec before the single blob (main at 7e11f91, same DATA_KEY): the data's fields
 * and the metadata's IP and user agent in two blobs under the same person's key, and that key's row.
 */
const OLGA = '5b0d7c1e-3f6a-4a8e-9c21-7e4f2d9b1a60';
/** Her metadata's fields that are not personal (the same stored and opened). */
const OLGA_METADATA = {
  actorId: OLGA,
  actorRole: 'user',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  causationId: null,
  occurredAt: '2026-11-30T10:00:00.000Z',
  schemaVersion: 1,
};
const TWO_BLOBS = {
  key: {
    subject_id: OLGA,
    wrapped_key: 'lPFnOwi3UbGuBLRzHza30Tt/fp5B7E35XY9YezgEGHtRXflRUmHekwy/RYfQ6i0VzxZ4XKqUEpJdXY7k',
    kek_id: 'ad697840225335b4',
  },
  event: {
    type: 'ProfileUpdated',
    data: {
      userId: OLGA,
      timezone: 'Europe/Riga',
      $pd:
        'pd1.5b0d7c1e-3f6a-4a8e-9c21-7e4f2d9b1a60.displayName,bio,languages.jrId6lLO6OBqMVVKgVv2s9A0oxNy29womYSTUVE2' +
        'YZxFrUsgxCB62Pd/2693If8dO2sSPpN1lDp8C1sEfGzcdAxmp7qcOyteBjJACkAVlcRqrlSC9x+t1QTWL3M+kZTUQDc=',
    },
    metadata: {
      ...OLGA_METADATA,
      $pd:
        'pd1.5b0d7c1e-3f6a-4a8e-9c21-7e4f2d9b1a60.ip,userAgent.P9TxSsvY409AvVGJivlB7Z8MSXcfkbJg4VdXy5+lp8dMa0a11gbj' +
        'yrENM7XgkIVoqkwSO5k8SoPMdiMDt0MitKWi6a54EvSsWlm6aA8=',
    } as unknown as EventMetadata,
  },
};
const OLGA_PLAIN = {
  data: {
    userId: OLGA,
    displayName: 'Olga Old',
    bio: 'Knits socks',
    languages: ['ru', 'en'],
    timezone: 'Europe/Riga',
  },
  metadata: {
    ...OLGA_METADATA,
    ip: '198.51.100.7',
    userAgent: 'Firefox/133.0',
  },
};

let handle: DatabaseHandle;
let keys: DataKeys;
let codec: PersonalDataCodec;
let bare: PostgresEventStore;
let store: PersonalDataStore;

beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.insertInto('personal_data_keys').values(TWO_BLOBS.key).execute();
  keys = await DataKeys.open(handle.db, { dataKey: DATA_KEY });
  codec = new PersonalDataCodec(keys, personalDataPolicy);
  bare = await PostgresEventStore.create({ db: handle.db });
  store = new PersonalDataStore(bare, codec);
});
afterAll(async () => {
  await bare?.close();
  await handle?.close();
});

const meta = (actorId: string | null, extra: Partial<EventMetadata> = {}): EventMetadata => ({
  actorId,
  actorRole: actorId ? 'user' : 'system',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
  ip: '203.0.113.42',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
  schemaVersion: 1,
  ...extra,
});
const profile = (userId: string, actorId: string | null, data: Record<string, unknown> = {}): NewEvent => ({
  type: 'ProfileUpdated',
  data: { userId, displayName: 'Pia Person', bio: 'Teaches Go (the game)', languages: ['de'], ...data },
  metadata: meta(actorId),
});
/** The stored row as text: what a database dump or a backup would show. */
async function storedRow(stream: string) {
  const rows = await sql<{ data: Record<string, unknown>; metadata: Record<string, unknown>; text: string }>`
    select data, metadata, e::text as text from es_events e where stream_name = ${stream} order by revision`.execute(
    handle.db,
  );
  return rows.rows;
}
const blobs = (text: string) => text.split('pd1.').length - 1;

describe('PersonalDataCodec, one blob when the actor is the subject', () => {
  it('seals data fields, IP and user agent together; metadata keeps its actor plain and no personal field', async () => {
    const userId = randomUUID();
    const event = profile(userId, userId);
    await store.append(`user-${userId}`, [event]);
    const [row] = await storedRow(`user-${userId}`);
    expect(blobs(row!.text)).toBe(1);
    expect(row!.text).not.toContain('Pia Person');
    expect(row!.text).not.toContain('203.0.113.42');
    expect(row!.text).not.toContain('Chrome/131');
    expect(String(row!.data[SEALED])).toMatch(
      new RegExp(`^pd1\\.${userId}\\.displayName,bio,languages,@ip,@userAgent\\.`),
    );
    expect(row!.metadata).not.toHaveProperty(SEALED);
    expect(row!.metadata).not.toHaveProperty('ip');
    expect(row!.metadata.actorId).toBe(userId);
    // The audit search by actor still finds it.
    expect(await store.searchEvents({ actorId: userId, after: 0, limit: 10 })).toHaveLength(1);

    const [opened] = await store.readStream(`user-${userId}`);
    expect(opened!.data).toEqual(event.data);
    expect(opened!.metadata).toEqual(event.metadata);
  });

  it('keeps two blobs when someone else acts (an admin editing a profile), and seals nothing for the system', async () => {
    const userId = randomUUID();
    const admin = randomUUID();
    const byAdmin = profile(userId, admin);
    const bySystem = profile(userId, null);
    await store.append(`user-${userId}`, [byAdmin, bySystem]);
    const [adminRow, systemRow] = await storedRow(`user-${userId}`);
    expect(blobs(adminRow!.text)).toBe(2);
    expect(String(adminRow!.metadata[SEALED])).toMatch(new RegExp(`^pd1\\.${admin}\\.ip,userAgent\\.`));
    expect(blobs(systemRow!.text)).toBe(1);
    expect(systemRow!.metadata.ip).toBe('203.0.113.42'); // no person's: left as it is (as before)
    const [a, s] = await store.readStream(`user-${userId}`);
    expect([a!.data, a!.metadata]).toEqual([byAdmin.data, byAdmin.metadata]);
    expect([s!.data, s!.metadata]).toEqual([bySystem.data, bySystem.metadata]);
  });

  it('seals IP and user agent alone in the data blob when the event has no personal field present', async () => {
    const userId = randomUUID();
    const event: NewEvent = {
      type: 'ProfileUpdated',
      data: { userId, timezone: 'Asia/Tokyo' },
      metadata: meta(userId),
    };
    const sealed = await codec.sealEvent(`user-${userId}`, event);
    expect(String(sealed.data && (sealed.data as Record<string, unknown>)[SEALED])).toContain(
      '.@ip,@userAgent.',
    );
    expect(sealed.metadata).not.toHaveProperty('ip');
    // A retried append of an already sealed event leaves it as it is.
    expect(await codec.sealEvent(`user-${userId}`, sealed)).toBe(sealed);
    const opened = await codec.open({
      ...sealed,
      id: randomUUID(),
      streamName: `user-${userId}`,
      revision: 0,
      position: 1,
      recordedAt: '',
    });
    expect(opened.data).toEqual(event.data);
    expect(opened.metadata).toEqual(event.metadata);
  });

  it('opens an event sealed with two blobs before this change exactly as before', async () => {
    await bare.append(`user-${OLGA}`, [TWO_BLOBS.event]);
    const [opened] = await store.readStream(`user-${OLGA}`);
    expect(opened!.data).toEqual(OLGA_PLAIN.data);
    expect(opened!.metadata).toEqual(OLGA_PLAIN.metadata);
  });

  it('after erasure reads erased values and no IP or user agent, alike for one blob, two blobs and none', async () => {
    // Olga (two blobs, stored above) and a new person with one blob, and one event of theirs without metadata fields.
    const userId = randomUUID();
    await store.append(`user-${userId}`, [
      {
        ...profile(userId, userId),
        data: { userId, displayName: 'Pia', bio: 'b', languages: ['de'], timezone: 'Europe/Riga' },
      },
      { ...profile(userId, userId), metadata: meta(userId, { ip: undefined, userAgent: undefined }) },
    ]);
    const [oneRow, noMetaRow] = await storedRow(`user-${userId}`);
    expect(blobs(oneRow!.text)).toBe(1);
    expect(String(noMetaRow!.data[SEALED])).not.toContain('@');

    await keys.destroy(OLGA, new Date());
    await keys.destroy(userId, new Date());
    const [olga] = await store.readStream(`user-${OLGA}`);
    const [one, noMeta] = await store.readStream(`user-${userId}`);
    const erasedData = {
      displayName: 'Deleted user',
      bio: '',
      languages: [],
      timezone: 'Europe/Riga',
      [ERASED]: ['displayName', 'bio', 'languages'],
    };
    expect(olga!.data).toEqual({ userId: OLGA, ...erasedData });
    expect(one!.data).toEqual({ userId, ...erasedData });
    for (const e of [olga!, one!]) {
      expect(e.metadata).not.toHaveProperty('ip');
      expect(e.metadata).not.toHaveProperty('userAgent');
      expect(e.metadata).not.toHaveProperty(SEALED);
      expect((e.metadata as unknown as Record<string, unknown>)[ERASED]).toEqual(['ip', 'userAgent']);
    }
    // Same shape for both formats: metadata and all.
    const { correlationId: _a, occurredAt: _b, ...olgaMeta } = olga!.metadata;
    const { correlationId: _c, occurredAt: _d, ...oneMeta } = one!.metadata;
    expect({ ...oneMeta, actorId: OLGA }).toEqual(olgaMeta);
    expect(noMeta!.data).toMatchObject({ displayName: 'Deleted user' });
    expect(noMeta!.metadata).not.toHaveProperty(ERASED);

    // A person erased already: their new events are written erased, not sealed.
    const sealed = await codec.sealEvent(`user-${userId}`, profile(userId, userId));
    expect(sealed.data).toMatchObject({
      displayName: 'Deleted user',
      [ERASED]: ['displayName', 'bio', 'languages'],
    });
    expect(sealed.metadata).not.toHaveProperty('ip');
    expect(JSON.stringify(sealed)).not.toContain('pd1.');
  });
});
