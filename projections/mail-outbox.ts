import { sql, type Selectable } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import type { ProjectionDb } from '../src/platform/projections/projection.ts';

/**
 * Emails to send, one per notification that goes out by email, written by the notifications projection in
 * the transaction that writes the notification (so an event's email is queued exactly when its checkpoint
 * moves). The id is the notification's id, stable per event and person: it is the Message-ID, and a
 * replay or rebuild inserts nothing new. Delivery state lives here, so this table is NOT emptied when the
 * notifications read model is rebuilt (that would send everything again).
 */
export interface MailOutboxTable {
  id: string;
  user_id: string;
  /** The notification type it announces. */
  kind: string;
  position: number;
  created_at: Timestamp;
  status: 'pending' | 'sent' | 'skipped' | 'failed';
  attempts: number;
  /** Pending: not before this (a sender's claim, or the backoff after a failure). */
  next_attempt_at: Timestamp | null;
  sent_at: Timestamp | null;
  /** Why it failed or was skipped. */
  last_error: string | null;
}

export interface MailOutboxTables {
  mail_outbox: MailOutboxTable;
}

export type MailOutboxRow = Selectable<MailOutboxTable>;

/** Queues the email of a notification; nothing when it is already queued (or sent). */
export async function enqueueMail(
  db: ProjectionDb,
  row: { id: string; userId: string; kind: string; position: number; createdAt: string },
): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      id: row.id,
      user_id: row.userId,
      kind: row.kind,
      position: row.position,
      created_at: row.createdAt,
      status: 'pending',
      attempts: 0,
      next_attempt_at: null,
      sent_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Claims up to `limit` pending emails due at `now` for `leaseMs`: whoever claims a row sends it, and a
 * sender that dies mid-way lets the lease run out, after which another sends it again (at least once; the
 * stable Message-ID lets mail systems drop the copy). `skip locked` keeps two processes off the same rows.
 */
export async function claimMail(db: Db, now: Date, leaseMs: number, limit: number): Promise<MailOutboxRow[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('mail_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)]))
      .orderBy('position')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('mail_outbox')
      .set({ attempts: sql`attempts + 1`, next_attempt_at: new Date(now.getTime() + leaseMs) })
      .where(
        'id',
        'in',
        due.map((r) => r.id),
      )
      .returningAll()
      .execute();
  });
}

export async function markMailSent(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: now, next_attempt_at: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Not sent, on purpose (email turned off, the session already started…): kept with the reason. */
export async function markMailSkipped(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'skipped', next_attempt_at: null, last_error: reason })
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: tried again at `retryAt`, or given up (`failed`) when `retryAt` is null. */
export async function markMailFailed(db: Db, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({
      status: retryAt ? 'pending' : 'failed',
      next_attempt_at: retryAt,
      last_error: error.slice(0, 2000),
    })
    .where('id', '=', id)
    .execute();
}

export async function findMail(db: Db, id: string): Promise<MailOutboxRow | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
