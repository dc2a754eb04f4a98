import { session as signIn } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { secondaryButtonClass } from '../ui/styles.ts';
import { sessionsApi, type Session } from './api.ts';

/** The meeting link, shown to the host and people with a seat (the API leaves it out for others). */
export function MeetingLink({ session }: { session: Session }) {
  if (!session.meetingUrl) return null;
  return (
    <p class="break-all text-sm">
      Meeting link:{' '}
      <a
        href={session.meetingUrl}
        rel="noopener noreferrer"
        target="_blank"
        class="text-indigo-700 underline"
      >
        {session.meetingUrl}
      </a>
    </p>
  );
}

/** "Add to calendar": the session's own `.ics` file, and where the feed of all my sessions is. */
export function CalendarLinks({ session }: { session: Session }) {
  if (session.status === 'cancelled') return null;
  return (
    <div class="flex flex-wrap items-center gap-3">
      <a href={sessionsApi.calendarFile(session.id)} download class={secondaryButtonClass}>
        Add to calendar
      </a>
      {signIn.signedIn.value && (
        <Link href={paths.mySessions} class="text-sm text-indigo-700 underline">
          Calendar feed of all my sessions
        </Link>
      )}
    </div>
  );
}
