import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import type { Projection } from '../src/platform/projections/projection.ts';

/** Counted events per UTC day and metric (the admin dashboard, docs/api.md "Administration"). */
export interface DailyCountsTable {
  day: string;
  metric: string;
  count: number;
  /** The last position counted: a replay of an earlier event changes nothing. */
  position: number;
}

/** Who did anything on a day: active users are the rows of a day. */
export interface DailyActiveTable {
  day: string;
  user_id: string;
}

export interface DailyStatsTables {
  daily_counts: DailyCountsTable;
  daily_active: DailyActiveTable;
}

/** Which event types count as what. */
const metricOf: Record<string, string> = {
  UserRegistered: 'signUps',
  DirectMessageSent: 'messages',
  WallMessagePosted: 'messages',
  GroupMessagePosted: 'messages',
  SessionHeld: 'sessionsHeld',
  SessionRegistrationAdded: 'registrations',
  ReportFiled: 'reports',
  TicketOpened: 'ticketsOpened',
};
export const dailyMetrics = [
  'signUps',
  'messages',
  'sessionsHeld',
  'registrations',
  'reports',
  'ticketsOpened',
  'ticketsResolved',
] as const;

/** The metric an event counts toward: by type, and a ticket's change to `resolved` by its data. */
function metricOfEvent(e: RecordedEvent): string | undefined {
  if (e.type === 'TicketStatusChanged') {
    const data = e.data as { status?: unknown } | null;
    return data?.status === 'resolved' ? 'ticketsResolved' : undefined;
  }
  return metricOf[e.type];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayOf = (time: string) => new Date(time).toISOString().slice(0, 10);

/**
 * Daily numbers kept as events arrive, so the dashboard reads a few rows per day and never the log.
 * A plain Projection over every event's envelope (type, actor, time), like the activity log.
 */
export const dailyStatsProjection: Projection = {
  name: 'daily_stats',
  // 2: tickets opened and resolved.
  version: 2,
  tables: ['daily_active', 'daily_counts'],
  handles: 'all',
  async apply(db, events) {
    const counts = new Map<string, { day: string; metric: string; n: number; first: number; last: number }>();
    const active = new Map<string, { day: string; user_id: string }>();
    const seen = new Set<number>();
    for (const e of events) {
      if (seen.has(e.position)) continue; // the same event twice in one batch counts once
      seen.add(e.position);
      const day = dayOf(e.metadata.occurredAt ?? e.recordedAt);
      const metric = metricOfEvent(e);
      if (metric) {
        const key = `${day} ${metric}`;
        const c = counts.get(key) ?? { day, metric, n: 0, first: e.position, last: e.position };
        c.n++;
        c.last = e.position;
        counts.set(key, c);
      }
      const actor = e.metadata.actorId;
      if (typeof actor === 'string' && UUID.test(actor) && e.metadata.actorRole !== 'system')
        active.set(`${day} ${actor}`, { day, user_id: actor });
    }
    for (const c of counts.values()) {
      await db
        .insertInto('daily_counts')
        .values({ day: c.day, metric: c.metric, count: c.n, position: c.last })
        .onConflict((oc) =>
          oc
            .columns(['day', 'metric'])
            .doUpdateSet({ count: sql`daily_counts.count + ${c.n}`, position: c.last })
            .where('daily_counts.position', '<', c.first),
        )
        .execute();
    }
    if (active.size > 0)
      await db
        .insertInto('daily_active')
        .values([...active.values()])
        .onConflict((oc) => oc.columns(['day', 'user_id']).doNothing())
        .execute();
  },
};

/** Each day from `from` to `to` (inclusive, `YYYY-MM-DD`) with every metric and active users, zeros included. */
export async function dailyStats(db: Db, from: string, to: string) {
  const [counts, active] = await Promise.all([
    db
      .selectFrom('daily_counts')
      .select(['day', 'metric', 'count'])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute(),
    db
      .selectFrom('daily_active')
      .select(['day', (e) => e.fn.countAll().as('n')])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('day')
      .execute(),
  ]);
  const days: Record<string, number | string>[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    dayOf(d.toISOString()) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const date = dayOf(d.toISOString());
    const row: Record<string, number | string> = { date, activeUsers: 0 };
    for (const m of dailyMetrics) row[m] = 0;
    for (const c of counts) if (c.day === date) row[c.metric] = Number(c.count);
    for (const a of active) if (a.day === date) row.activeUsers = Number(a.n);
    days.push(row);
  }
  return days;
}
