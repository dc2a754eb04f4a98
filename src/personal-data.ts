import { sql } from 'kysely';
import { identityPersonalData, UserErased } from './features/identity/events.ts';
import type { Db } from './platform/db/database.ts';
import type { EventMetadata } from './platform/event-store/port.ts';
import { SEALED, type PersonalDataCodec, type PersonalDataPolicy } from './platform/personal-data/codec.ts';
import type { Logger } from './platform/logger.ts';

/**
 * Which events carry personal data (crypto-shredding, docs/operations.md), from each feature's published
 * contract. A feature whose events carry personal data adds its map here.
 */
export const personalDataPolicy: PersonalDataPolicy = {
  events: { ...identityPersonalData },
  erasure: { type: UserErased.type, subject: (data) => String(data.userId) },
};

const LEGACY = '2026-12-01-seal-legacy-events';
const PAGE = 1_000;

/**
 * One-time migration of an event log written before personal data was encrypted (Postgres log only; run
 * at start, before anything reads): renames every `email-<sha256>` reservation stream to its keyed-hash
 * (HMAC) name, then seals the personal fields and the IP and user agent of every old event in place,
 * so an erasure leaves nothing readable. This is the one rewrite of stored events the app ever does.
 * Recorded in `personal_data_migrations`, so it runs once.
 */
export async function sealLegacyEvents(db: Db, codec: PersonalDataCodec, logger: Logger) {
  const done = await db
    .selectFrom('personal_data_migrations')
    .select('name')
    .where('name', '=', LEGACY)
    .executeTakeFirst();
  if (done) return undefined;
  const renamed = await renameEmailStreams(db, codec);
  let sealed = 0;
  let after = 0;
  const types = Object.keys(codec.policy.events);
  for (;;) {
    const rows = await db
      .selectFrom('es_events')
      .select(['position', 'stream_name', 'event_id', 'event_type', 'data', 'metadata'])
      .where('position', '>', after)
      .where((eb) =>
        eb.or([
          eb.and([eb('event_type', 'in', types), sql<boolean>`not (data ? ${SEALED})`]),
          sql<boolean>`(metadata ? 'ip' or metadata ? 'userAgent')`,
        ]),
      )
      .orderBy('position')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    // Sealed before the transaction: making a key uses the database too (one connection on PGlite).
    const changed: { row: (typeof rows)[number]; event: Awaited<ReturnType<typeof codec.sealEvent>> }[] = [];
    for (const row of rows) {
      const event = await codec.sealEvent(row.stream_name, {
        type: row.event_type,
        data: row.data,
        metadata: row.metadata as EventMetadata,
      });
      if (event.data !== row.data || event.metadata !== row.metadata) changed.push({ row, event });
    }
    await db.transaction().execute(async (trx) => {
      for (const { row, event } of changed) {
        await trx
          .updateTable('es_events')
          .set({
            data: sql`${JSON.stringify(event.data)}::text::jsonb`,
            metadata: sql`${JSON.stringify(event.metadata)}::text::jsonb`,
          })
          .where('position', '=', row.position)
          .execute();
        sealed++;
      }
    });
    after = Number(rows[rows.length - 1]?.position);
  }
  const summary = { renamedEmailStreams: renamed, sealedEvents: sealed };
  await db
    .insertInto('personal_data_migrations')
    .values({ name: LEGACY, summary: JSON.stringify(summary) })
    // Two processes starting at once both run it (sealing is idempotent): the first record stands.
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  if (renamed + sealed > 0) logger.info(summary, 'sealed personal data in events written before encryption');
  return summary;
}

/** `email-<sha256>` → `email-<HMAC>`, from the address its first reservation recorded. */
async function renameEmailStreams(db: Db, codec: PersonalDataCodec): Promise<number> {
  const reservations = await db
    .selectFrom('es_events')
    .select([
      'stream_name',
      'event_id',
      'event_type',
      'data',
      'metadata',
      'position',
      'revision',
      'recorded_at',
    ])
    .where('stream_name', 'like', 'email-%')
    .where('event_type', '=', 'EmailReserved')
    .orderBy('position')
    .execute();
  const targets = new Map<string, string>();
  for (const row of reservations) {
    if (targets.has(row.stream_name)) continue;
    const opened = await codec.open({
      id: row.event_id,
      streamName: row.stream_name,
      revision: Number(row.revision),
      position: Number(row.position),
      type: row.event_type,
      data: row.data,
      metadata: row.metadata as EventMetadata,
      recordedAt: String(row.recorded_at),
    });
    const email = (opened.data as { email?: unknown }).email;
    if (typeof email !== 'string' || email === '') continue;
    targets.set(row.stream_name, `email-${codec.keys.emailLookup(email)}`);
  }
  let renamed = 0;
  for (const [from, to] of targets) {
    if (from === to) continue;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('es_events').set({ stream_name: to }).where('stream_name', '=', from).execute();
      await trx.updateTable('es_streams').set({ stream_name: to }).where('stream_name', '=', from).execute();
      await trx
        .updateTable('activity_log')
        .set({ stream_name: to })
        .where('stream_name', '=', from)
        .execute();
    });
    renamed++;
  }
  return renamed;
}
