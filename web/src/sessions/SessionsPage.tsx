import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { session as signIn } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { SessionCard } from './SessionCard.tsx';
import { SessionFiltersForm } from './SessionFiltersForm.tsx';
import { SessionsBrowseModel } from './sessions-browse.model.ts';
import { Skeleton } from '../ui/Skeleton.tsx';

/** Browse and search sessions, upcoming first, a page at a time. */
export function SessionsPage() {
  const model = useModel(() => new SessionsBrowseModel());
  useEffect(() => {
    void model.load();
    return () => model.stop();
  }, [model]);

  return (
    <section class="space-y-6" aria-labelledby="sessions-heading">
      <div class="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="sessions-heading" class="text-2xl font-semibold">
            Sessions
          </h1>
          <p class="text-slate-600">Learn from people who teach. Times are in your time zone.</p>
        </div>
        {signIn.signedIn.value && (
          <div class="flex flex-wrap gap-2">
            <Link href={paths.mySessions} class={secondaryButtonClass}>
              My sessions
            </Link>
            <Link href={paths.newSession} class={primaryButtonClass}>
              Host a session
            </Link>
          </div>
        )}
      </div>
      <SessionFiltersForm model={model} />
      <SessionResults model={model} />
    </section>
  );
}

function SessionResults({ model }: { model: SessionsBrowseModel }) {
  const state = model.state.value;
  if (state.status === 'loading') return <Skeleton label="Loading sessions" />;
  if (state.status === 'failed') return <p role="alert">{state.message}</p>;
  const pending = model.more.pending.value;
  return (
    <section aria-labelledby="session-results-heading" class="space-y-3">
      <h2 id="session-results-heading" class="text-lg font-semibold">
        {state.sessions.length === 0
          ? 'No sessions match'
          : `${state.sessions.length}${state.nextCursor ? '+' : ''} ${state.sessions.length === 1 ? 'session' : 'sessions'}`}
      </h2>
      <ul class="space-y-3">
        {state.sessions.map((s) => (
          <li key={s.id}>
            <SessionCard session={s} />
          </li>
        ))}
      </ul>
      <Alert message={model.more.formError.value} />
      {state.nextCursor && (
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={pending}
          aria-busy={pending}
          onClick={() => void model.loadMore()}
        >
          {pending ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
