import { useModel, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { navigate, paths } from '../lib/router.ts';
import { viewerTimeZone } from '../lib/zoned-time.ts';
import { sessionsApi, type Session } from './api.ts';
import { SessionForm } from './SessionForm.tsx';
import { SessionFormModel } from './session-form.model.ts';
import { errorText } from '../lib/error-text.ts';
import { PageSkeleton } from '../ui/Skeleton.tsx';

/** The host's zone: their profile's, else this browser's (and the form says which). */
function hostZone(me: Me): { zone: string; note: string } {
  return me.timezone
    ? { zone: me.timezone, note: 'your profile’s time zone' }
    : { zone: viewerTimeZone(), note: 'this browser’s time zone; set yours on your profile' };
}

/** "Host a session": a blank form; saved, it opens the new session's page. */
export function HostSessionPage() {
  return <SignedIn>{(me) => <NewSession me={me} />}</SignedIn>;
}

function NewSession({ me }: { me: Me }) {
  const { zone, note } = hostZone(me);
  const model = useModel(() => new SessionFormModel(zone, null));
  return (
    <section class="mx-auto w-full max-w-2xl space-y-4" aria-labelledby="host-session-heading">
      <h1 id="host-session-heading" class="text-2xl font-semibold">
        Host a session
      </h1>
      <SessionForm
        model={model}
        zone={zone}
        submitLabel="Publish session"
        zoneNote={note}
        onSaved={(id) => navigate(paths.session(id))}
      />
    </section>
  );
}

/** Edit a session you host: the form filled from the session, saving only what changed. */
export function EditSessionPage({ sessionId }: { sessionId: string }) {
  return <SignedIn>{(me) => <EditSession me={me} sessionId={sessionId} />}</SignedIn>;
}

function EditSession({ me, sessionId }: { me: Me; sessionId: string }) {
  const loaded = useSignal<Session | null>(null);
  const problem = useSignal<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    sessionsApi.get(sessionId, abort.signal).then(
      (s) => (loaded.value = s),
      (err: unknown) => {
        if (!abort.signal.aborted) problem.value = errorText(err, 'Could not load this session.');
      },
    );
    return () => abort.abort();
  }, [sessionId]);

  const session = loaded.value;
  if (problem.value) return <p role="alert">{problem.value}</p>;
  if (!session) return <PageSkeleton label="Loading session" />;
  if (session.host.id !== me.id) return <p role="alert">Only the host can edit this session.</p>;
  if (session.status !== 'scheduled')
    return <p role="alert">A session that has ended or was cancelled cannot be edited.</p>;
  return <EditForm me={me} session={session} />;
}

function EditForm({ me, session }: { me: Me; session: Session }) {
  const { zone, note } = hostZone(me);
  const model = useModel(() => new SessionFormModel(zone, session));
  return (
    <section class="mx-auto w-full max-w-2xl space-y-4" aria-labelledby="edit-session-heading">
      <h1 id="edit-session-heading" class="break-words text-2xl font-semibold">
        Edit “{session.title}”
      </h1>
      <p class="text-sm text-slate-600">
        Changing the start or length tells everyone registered or waitlisted.{' '}
        <Link href={paths.session(session.id)} class="text-indigo-700 underline">
          Back to the session
        </Link>
      </p>
      <SessionForm
        model={model}
        zone={zone}
        submitLabel="Save changes"
        zoneNote={note}
        onSaved={(id) => navigate(paths.session(id))}
      />
    </section>
  );
}
