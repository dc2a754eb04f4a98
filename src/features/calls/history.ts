import type { CallHistoryRow } from '../../../projections/calls.ts';
import type { Db } from '../../platform/db/database.ts';
import { findPublicProfiles } from '../identity/index.ts';

type Outcome = 'busy' | 'declined' | 'missed' | 'hung-up' | 'cancelled' | 'not-allowed' | 'left';
const outcomes = new Set<string>([
  'busy',
  'declined',
  'missed',
  'hung-up',
  'cancelled',
  'not-allowed',
  'left',
]);

const iso = (d: Date | string) => new Date(d).toISOString();

/** `GET /api/calls` entries: duration counts from the answer (0 when never answered). */
export async function callSummaries(db: Db, rows: readonly CallHistoryRow[]) {
  const people = await findPublicProfiles(
    db,
    rows.flatMap((r) => (r.with_id ? [r.with_id] : [])),
  );
  return rows.map((r) => {
    const ended = r.ended_at === null ? null : new Date(r.ended_at).getTime();
    const answered = r.answered_at === null ? null : new Date(r.answered_at).getTime();
    const durationSeconds =
      ended === null ? null : answered === null ? 0 : Math.max(0, Math.round((ended - answered) / 1000));
    return {
      id: r.key,
      room: r.room,
      with: r.with_id,
      person: (r.with_id && people.get(r.with_id)) || null,
      direction: r.direction,
      startedAt: iso(r.started_at),
      endedAt: r.ended_at === null ? null : iso(r.ended_at),
      durationSeconds,
      missed: r.missed,
      outcome: r.outcome !== null && outcomes.has(r.outcome) ? (r.outcome as Outcome) : null,
    };
  });
}
