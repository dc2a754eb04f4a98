import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('support_tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('requester_id', 'uuid', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_position', 'bigint', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('replies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('active_seconds', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('active_since', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution_seconds', 'double precision')
    .execute();
  // A person's tickets (latest activity first) and the staff queue (oldest first, by status or assignee).
  await sql`create index support_tickets_mine on support_tickets (requester_id, position desc)`.execute(db);
  await sql`create index support_tickets_queue on support_tickets (status, opened_position)`.execute(db);
  await sql`create index support_tickets_assignee on support_tickets (assignee_id, opened_position)`.execute(
    db,
  );
  // The notifications read model's copy of ticket subjects (projections/notifications.ts).
  await db.schema
    .createTable('notification_tickets')
    .addColumn('ticket_id', 'uuid', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_tickets').execute();
  await db.schema.dropTable('support_tickets').execute();
}
