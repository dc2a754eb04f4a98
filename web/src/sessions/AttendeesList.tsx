import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { formatWhen } from '../lib/zoned-time.ts';
import { Alert } from '../ui/Alert.tsx';
import { cardClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import type { Attendee, Session } from './api.ts';
import type { SessionPageModel } from './session-page.model.ts';

const statusLabels: Record<Attendee['status'], string> = {
  registered: 'Has a seat',
  waitlisted: 'Waitlisted',
  cancelled: 'Left',
};

/**
 * Everyone who asked for a seat, in arrival order, for the host; people with a seat get attendance
 * buttons (the server accepts marks from the start until 7 days after the end, and says so otherwise).
 */
export function AttendeesList({ model, session }: { model: SessionPageModel; session: Session }) {
  const list = model.attendees.value;
  const busy = model.marking.value;
  const seated = list?.filter((a) => a.status === 'registered') ?? [];
  return (
    <section class={`space-y-3 ${cardClass}`} aria-labelledby="attendees-heading">
      <h2 id="attendees-heading" class="text-lg font-semibold">
        Attendees ({seated.length} of {session.capacity})
      </h2>
      {session.status !== 'cancelled' && (
        <p class="text-sm text-slate-600">
          Mark who came once the session has started, until a week after it ends. Only people who attended can
          review it.
        </p>
      )}
      <Alert message={model.attendeesError.value} />
      {list === null ? (
        <p class="text-slate-600">Loading attendees…</p>
      ) : list.length === 0 ? (
        <p class="text-slate-600">Nobody has registered yet.</p>
      ) : (
        <ul class="divide-y divide-slate-100">
          {list.map((a) => (
            <li key={a.user.id} class="flex flex-wrap items-center justify-between gap-2 py-2">
              <div class="min-w-0">
                <Link
                  href={paths.user(a.user.id)}
                  class="break-words font-medium text-indigo-700 hover:underline"
                >
                  {a.user.displayName}
                </Link>
                <p class="text-xs text-slate-500">
                  {statusLabels[a.status]} · since {formatWhen(a.registeredAt)}
                  {a.attended === true && ' · attended'}
                  {a.attended === false && ' · absent'}
                </p>
              </div>
              {a.status === 'registered' && session.status !== 'cancelled' && (
                <div role="group" aria-label={`Attendance of ${a.user.displayName}`} class="flex gap-2">
                  {([true, false] as const).map((value) => (
                    <button
                      key={String(value)}
                      type="button"
                      class={a.attended === value ? primaryButtonClass : secondaryButtonClass}
                      aria-pressed={a.attended === value}
                      disabled={busy.has(a.user.id)}
                      onClick={() => void model.markAttendance(a.user.id, value)}
                    >
                      {value ? 'Attended' : 'Absent'}
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
