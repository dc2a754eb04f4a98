import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { CallButton } from '../calls/CallButton.tsx';
import { session as signIn } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { ReportButton } from '../moderation/ReportButton.tsx';
import { paths } from '../lib/router.ts';
import { Status } from '../ui/Status.tsx';
import { AttendeesList } from './AttendeesList.tsx';
import { HostActions } from './HostActions.tsx';
import { RegistrationPanel } from './RegistrationPanel.tsx';
import { SessionDetails } from './SessionDetails.tsx';
import { SessionPageModel } from './session-page.model.ts';
import { SessionReviews } from './SessionReviews.tsx';
import { PageSkeleton } from '../ui/Skeleton.tsx';

/** One session: details, registration, calendar, the host's tools, reviews; kept current live. */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const model = useModel(() => new SessionPageModel(sessionId));
  const ready = signIn.status.value === 'ready';
  const viewer = signIn.user.value?.id ?? null;
  useEffect(() => {
    if (!ready) return;
    const abort = new AbortController();
    model.start(viewer, abort.signal);
    return () => {
      abort.abort();
      model.stop();
    };
  }, [model, ready, viewer]);

  const state = model.state.value;
  switch (state.status) {
    case 'loading':
      return <PageSkeleton label="Loading session" />;
    case 'notFound':
      return (
        <section class="space-y-2">
          <h1 class="text-2xl font-semibold">Session not found</h1>
          <p role="alert">There is no session at this address.</p>
          <Link href={paths.sessions} class="text-indigo-700 underline">
            Browse sessions
          </Link>
        </section>
      );
    case 'failed':
      return <p role="alert">{state.message}</p>;
    case 'ready': {
      const s = state.session;
      const isHost = viewer === s.host.id;
      return (
        <article class="mx-auto w-full max-w-2xl space-y-6" aria-labelledby="session-title">
          <SessionDetails session={s} />
          <Status message={model.news.value} />
          {/* The host and people with a seat (who see the meeting link) may join the session's video room
              from 15 minutes before the start; the server says when it is too early, or that video needs
              LiveKit, in which case the meeting link above is the way in. */}
          {s.status === 'scheduled' && (isHost || s.meetingUrl) && (
            <CallButton target={{ sessionId: s.id }} title={s.title} label="Join the video room" />
          )}
          {isHost ? (
            <HostActions model={model} session={s} />
          ) : (
            <RegistrationPanel model={model} session={s} />
          )}
          {isHost && <AttendeesList model={model} session={s} />}
          {viewer && !isHost && (
            <p class="text-right">
              <ReportButton target={{ kind: 'session', targetId: s.id }} />
            </p>
          )}
          <SessionReviews model={model} session={s} viewerId={viewer} />
        </article>
      );
    }
    default: {
      const _never: never = state;
      return _never;
    }
  }
}
