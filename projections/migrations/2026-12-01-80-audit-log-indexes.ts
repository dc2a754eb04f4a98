import { sql, type Kysely } from 'kysely';

/**
 * The audit log's searches of the event log (by actor, by correlation id, by time) use indexes instead of
 * scanning it; each also keeps global order so a page is one index range.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index es_events_actor on es_events ((metadata->>'actorId'), position)`.execute(db);
  await sql`create index es_events_correlation on es_events ((metadata->>'correlationId'), position)`.execute(
    db,
  );
  await db.schema.createIndex('es_events_recorded_at').on('es_events').columns(['recorded_at']).execute();
  await db.schema
    .createIndex('es_streams_name_pattern')
    .on('es_streams')
    .expression(sql`stream_name text_pattern_ops`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'es_events_actor',
    'es_events_correlation',
    'es_events_recorded_at',
    'es_streams_name_pattern',
  ])
    await db.schema.dropIndex(name).execute();
}
