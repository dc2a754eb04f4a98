import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { formatRange } from '../lib/zoned-time.ts';
import { levelLabels } from '../profile/levels.ts';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass } from '../ui/styles.ts';
import type { Session } from './api.ts';
import { seatsText } from './seats.ts';

const statusText = {
  scheduled: null,
  ended: 'This session has ended.',
  cancelled: 'This session was cancelled.',
} as const;

/** What a session is, when (in the viewer's zone), who hosts it and how many seats are left. */
export function SessionDetails({ session }: { session: Session }) {
  const status = statusText[session.status];
  return (
    <header class={`space-y-3 ${cardClass}`}>
      <h1 id="session-title" class="break-words text-2xl font-semibold">
        {session.title}
      </h1>
      {status && <p class="rounded-md bg-slate-100 px-3 py-2 text-sm font-medium text-slate-800">{status}</p>}
      <dl class="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt class="font-medium text-slate-500">When</dt>
        <dd>
          <time dateTime={session.startsAt}>{formatRange(session.startsAt, session.endsAt)}</time>
          <span class="text-slate-500"> ({session.durationMinutes} minutes)</span>
        </dd>
        <dt class="font-medium text-slate-500">Skill</dt>
        <dd>
          {session.skill} · {levelLabels[session.level]}
        </dd>
        <dt class="font-medium text-slate-500">Host</dt>
        <dd>
          <Link
            href={paths.user(session.host.id)}
            class="inline-flex items-center gap-2 text-indigo-700 hover:underline"
          >
            <UserAvatar name={session.host.displayName} url={session.host.avatarUrl} size="sm" alt="" />
            {session.host.displayName}
          </Link>
        </dd>
        <dt class="font-medium text-slate-500">Seats</dt>
        <dd>{seatsText(session)}</dd>
      </dl>
      {session.description && <p class="whitespace-pre-line break-words">{session.description}</p>}
      {session.prerequisites.length > 0 && (
        <div>
          <h2 class="text-sm font-semibold text-slate-700">Before you come</h2>
          <ul class="list-disc pl-5 text-sm">
            {session.prerequisites.map((p) => (
              <li key={p} class="break-words">
                {p}
              </li>
            ))}
          </ul>
        </div>
      )}
    </header>
  );
}
