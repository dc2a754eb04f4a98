import { sql, type Selectable } from 'kysely';
import { outcomes, reportEvents } from '../src/features/moderation/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import { defineProjection } from '../src/platform/projections/projection.ts';

/** One row per report; the reports of one target's round form one item of the moderators' queue. */
export interface ReportsTable {
  id: string;
  /** The target's stream (`reports-<kind>-<doc>-<targetId>`): with `round`, the queue item. */
  stream: string;
  round: number;
  kind: string;
  target_id: string;
  doc: string | null;
  author_id: string | null;
  reporter_id: string;
  reason: string;
  details: string | null;
  status: 'open' | 'resolved';
  outcome: string | null;
  note: string | null;
  resolved_by: string | null;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
  position: number;
}

export interface ReportsTables {
  reports: ReportsTable;
}

export type ReportRow = Selectable<ReportsTable>;

export const reportsProjection = defineProjection({
  name: 'reports',
  version: 1,
  tables: ['reports'],
  events: reportEvents,
  handlers: {
    ReportFiled: async (db, { data, metadata, position, streamName }) => {
      await db
        .insertInto('reports')
        .values({
          id: data.reportId,
          stream: streamName,
          round: data.round,
          kind: data.kind,
          target_id: data.targetId,
          doc: data.doc,
          author_id: data.authorId,
          reporter_id: data.reporterId,
          reason: data.reason,
          details: data.details,
          status: 'open',
          created_at: metadata.occurredAt,
          position,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },
    ReportsResolved: async (db, { data, metadata, position }) => {
      if (data.reportIds.length === 0) return;
      await db
        .updateTable('reports')
        .set({
          status: 'resolved',
          outcome: outcomes[data.action],
          note: data.note,
          resolved_by: data.by,
          resolved_at: metadata.occurredAt,
          position,
        })
        .where('id', 'in', data.reportIds)
        .where('position', '<', position)
        .execute();
    },
  },
});

export async function findReport(db: Db, id: string) {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's own reports, newest first. */
export async function reportsBy(db: Db, reporterId: string, page: { before?: number; limit: number }) {
  let query = db.selectFrom('reports').selectAll().where('reporter_id', '=', reporterId);
  if (page.before !== undefined) query = query.where('position', '<', page.before);
  return query.orderBy('position', 'desc').limit(page.limit).execute();
}

/**
 * Queue items of one status: open ones oldest first (first come, first served), resolved ones newest
 * first; each with its reports in the order they came.
 */
export async function reportQueue(
  db: Db,
  status: 'open' | 'resolved',
  page: { offset: number; limit: number },
) {
  const first = sql<Date>`min(created_at)`;
  const items = await db
    .selectFrom('reports')
    .select(['stream', 'round', 'kind', 'target_id', 'doc', 'author_id'])
    .select([first.as('first_at'), sql<string | null>`max(outcome)`.as('outcome')])
    .where('status', '=', status)
    .groupBy(['stream', 'round', 'kind', 'target_id', 'doc', 'author_id'])
    .orderBy(first, status === 'open' ? 'asc' : 'desc')
    .orderBy('stream')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  if (items.length === 0) return [];
  const reports = await db
    .selectFrom('reports')
    .selectAll()
    .where('status', '=', status)
    .where('stream', 'in', [...new Set(items.map((i) => i.stream))])
    .orderBy('position')
    .execute();
  return items.map((item) => ({
    ...item,
    reports: reports.filter((r) => r.stream === item.stream && r.round === item.round),
  }));
}

/** The queue item `reportId` belongs to, with all its reports. */
export async function reportItem(db: Db, reportId: string) {
  const report = await findReport(db, reportId);
  if (!report) return undefined;
  const reports = await db
    .selectFrom('reports')
    .selectAll()
    .where('stream', '=', report.stream)
    .where('round', '=', report.round)
    .orderBy('position')
    .execute();
  const { stream, round, kind, target_id, doc, author_id, status } = report;
  const outcome = reports.find((r) => r.outcome)?.outcome ?? null;
  return { stream, round, kind, target_id, doc, author_id, status, outcome, reports };
}
