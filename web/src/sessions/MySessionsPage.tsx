import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import type { Session } from './api.ts';
import { CalendarFeed } from './CalendarFeed.tsx';
import { MySessionsModel } from './my-sessions.model.ts';
import { SessionCard } from './SessionCard.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';

/** Sessions I host and attend, upcoming and past, and my calendar feed. */
export function MySessionsPage() {
  return <SignedIn>{() => <MySessions />}</SignedIn>;
}

function MySessions() {
  const model = useModel(() => new MySessionsModel());
  useEffect(() => {
    const abort = new AbortController();
    void model.load(abort.signal);
    return () => abort.abort();
  }, [model]);
  const state = model.state.value;
  const hosting = model.hosting.value;
  const attending = model.attending.value;
  return (
    <section class="space-y-6" aria-labelledby="my-sessions-heading">
      <div class="flex flex-wrap items-end justify-between gap-3">
        <h1 id="my-sessions-heading" class="text-2xl font-semibold">
          My sessions
        </h1>
        <div class="flex flex-wrap gap-2">
          <Link href={paths.progress} class={secondaryButtonClass}>
            My progress
          </Link>
          <Link href={paths.newSession} class={primaryButtonClass}>
            Host a session
          </Link>
        </div>
      </div>
      {state.status === 'loading' && <Skeleton label="Loading your sessions" />}
      {state.status === 'failed' && <p role="alert">{state.message}</p>}
      {attending && (
        <Group
          title="Attending"
          empty="You have not registered for any session."
          lists={attending}
          showHost
        />
      )}
      {hosting && <Group title="Hosting" empty="You host no sessions yet." lists={hosting} />}
      <CalendarFeed model={model} />
    </section>
  );
}

function Group(props: {
  title: string;
  empty: string;
  lists: { upcoming: Session[]; past: Session[] };
  showHost?: boolean;
}) {
  const { upcoming, past } = props.lists;
  const id = `my-${props.title.toLowerCase()}`;
  const list = (title: string, sessions: Session[]) =>
    sessions.length > 0 && (
      <div class="space-y-2">
        <h3 class="text-sm font-semibold text-slate-700">{title}</h3>
        <ul class="space-y-3">
          {sessions.map((s) => (
            <li key={s.id}>
              <SessionCard session={s} showHost={props.showHost} />
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <section aria-labelledby={id} class="space-y-3">
      <h2 id={id} class="text-lg font-semibold">
        {props.title}
      </h2>
      {upcoming.length + past.length === 0 && <p class="text-slate-600">{props.empty}</p>}
      {list('Upcoming', upcoming)}
      {list('Past and cancelled', past)}
    </section>
  );
}
