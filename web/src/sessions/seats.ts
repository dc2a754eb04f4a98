import type { Session } from './api.ts';

/** Seats left as people read it: "3 of 6 seats left", "Full · 2 waiting". */
export function seatsText(session: Pick<Session, 'capacity' | 'registered' | 'waitlisted'>): string {
  const left = Math.max(0, session.capacity - session.registered);
  const waiting = session.waitlisted > 0 ? ` · ${session.waitlisted} waiting` : '';
  if (left === 0) return `Full${waiting}`;
  return `${left} of ${session.capacity} ${session.capacity === 1 ? 'seat' : 'seats'} left${waiting}`;
}
