import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { formatRange } from '../lib/zoned-time.ts';
import { levelLabels } from '../profile/levels.ts';
import type { Session } from './api.ts';
import { seatsText } from './seats.ts';

const statusLabels = { scheduled: null, ended: 'Ended', cancelled: 'Cancelled' } as const;

/** One session in a list: title (a link to its page), when, skill and level, host, seats. */
export function SessionCard({ session, showHost = true }: { session: Session; showHost?: boolean }) {
  const status = statusLabels[session.status];
  const titleId = `session-${session.id}-title`;
  return (
    <article aria-labelledby={titleId} class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={titleId} class="min-w-0 break-words text-lg font-semibold">
          <Link href={paths.session(session.id)} class="text-indigo-700 hover:underline">
            {session.title}
          </Link>
        </h3>
        {status && (
          <span class="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
            {status}
          </span>
        )}
      </div>
      <p class="text-sm text-slate-700">
        <time dateTime={session.startsAt}>{formatRange(session.startsAt, session.endsAt)}</time>
      </p>
      <p class="text-sm text-slate-600">
        {session.skill} · {levelLabels[session.level]}
        {showHost && <> · with {session.host.displayName}</>}
      </p>
      <p class="text-sm text-slate-600">
        {seatsText(session)}
        {session.status !== 'cancelled' && session.myRegistration === 'registered' && ' · You have a seat'}
        {session.status === 'scheduled' &&
          session.myRegistration === 'waitlisted' &&
          ` · You are number ${session.waitlistPosition} in line`}
      </p>
    </article>
  );
}
