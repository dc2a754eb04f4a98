import { useModel } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { plural } from '../lib/plural.ts';
import { paths } from '../lib/router.ts';
import { formatRange } from '../lib/zoned-time.ts';
import { PageSkeleton, Skeleton } from '../ui/Skeleton.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { HomeModel, missingFromProfile } from './home.model.ts';

/** The start page: what's new for someone signed in, the pitch for everyone else. */
export function HomePage() {
  const me = session.user.value;
  if (session.status.value !== 'ready') return <PageSkeleton />;
  return me ? <Dashboard key={me.id} me={me} /> : <Welcome />;
}

function Welcome() {
  return (
    <section class="mx-auto max-w-2xl space-y-4 py-6 text-center">
      <h1 class="text-3xl font-bold tracking-tight">Teach what you know. Learn what you don't.</h1>
      <p class="text-slate-600">
        SkillSwap pairs you with people who teach what you want to learn, and want to learn what you teach.
      </p>
      <div class="flex flex-wrap justify-center gap-3">
        <Link href={paths.signUp} class={primaryButtonClass}>
          Create an account
        </Link>
        <Link href={paths.signIn} class={secondaryButtonClass}>
          I already have one
        </Link>
      </div>
    </section>
  );
}

const linkClass = 'font-medium text-indigo-700 underline';

function Dashboard({ me }: { me: Me }) {
  const home = useModel(() => new HomeModel(me));
  useEffect(() => void home.load(), [home]);
  const missing = missingFromProfile(me);
  const requests = home.requests.value;
  const unread = home.unread.value;
  const matches = home.matches.value;
  const newMatches = home.newMatches.value;
  const sessions = home.sessions.value;

  return (
    <div class="space-y-6">
      <h1 class="text-2xl font-semibold">Welcome back, {me.displayName}</h1>
      {home.failed.value && (
        <p role="alert" class="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {home.failed.value}
        </p>
      )}
      {missing.length > 0 && (
        <section
          aria-labelledby="complete-heading"
          class="rounded-lg border border-indigo-200 bg-indigo-50 p-4"
        >
          <h2 id="complete-heading" class="font-semibold">
            Complete your profile
          </h2>
          <p class="mt-1 text-sm text-slate-700">
            Matches need to know more about you. Still missing: {missing.join(', ')}.
          </p>
          <Link href={paths.myProfile} class={`${primaryButtonClass} mt-3`}>
            Complete your profile
          </Link>
        </section>
      )}
      <div class="grid gap-4 md:grid-cols-2">
        <Panel id="home-requests" title="Requests waiting">
          {requests.length === 0 ? (
            <p class="text-sm text-slate-600">No one is waiting for an answer.</p>
          ) : (
            <>
              <PeopleList people={requests.slice(0, 4).map((c) => c.user)} href={() => paths.connections} />
              <Link href={paths.connections} class={linkClass}>
                Answer {plural(requests.length, 'request')}
              </Link>
            </>
          )}
        </Panel>
        <Panel id="home-unread" title="Unread conversations">
          {unread.length > 0 ? (
            <ul class="space-y-2">
              {unread.slice(0, 4).map((c) => (
                <li key={c.user.id}>
                  <Link href={paths.conversation(c.user.id)} class="flex items-center gap-2 hover:underline">
                    <UserAvatar name={c.user.displayName} url={c.user.avatarUrl} size="sm" alt="" />
                    <span class="min-w-0 flex-1 truncate text-sm font-medium">{c.user.displayName}</span>
                    <span class="text-xs text-slate-600">{plural(c.unread, 'new message')}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : home.connected.value.length > 0 ? (
            <>
              <p class="text-sm text-slate-600">You are all caught up. Say hello to a connection:</p>
              <PeopleList
                people={home.connected.value.slice(0, 3).map((c) => c.user)}
                href={(id) => paths.conversation(id)}
              />
            </>
          ) : (
            <p class="text-sm text-slate-600">
              No messages yet. Connect with someone from your{' '}
              <Link href={paths.matches} class={linkClass}>
                matches
              </Link>{' '}
              to start a conversation.
            </p>
          )}
        </Panel>
        <Panel
          id="home-matches"
          title={home.firstVisit.value ? 'Your matches' : 'New matches since your last visit'}
        >
          {matches === null ? (
            <Skeleton lines={2} label="Loading your matches" />
          ) : newMatches.length === 0 ? (
            <p class="text-sm text-slate-600">
              {matches.length === 0
                ? 'No matches yet. Add skills you teach and want to learn to find people.'
                : 'No new matches since your last visit.'}{' '}
              <Link href={paths.matches} class={linkClass}>
                See all matches
              </Link>
            </p>
          ) : (
            <>
              <PeopleList people={newMatches.map((m) => m.user)} href={(id) => paths.user(id)} />
              <Link href={paths.matches} class={linkClass}>
                See all matches
              </Link>
            </>
          )}
        </Panel>
        <Panel id="home-sessions" title="Upcoming sessions">
          {sessions === null ? (
            <Skeleton lines={2} label="Loading your sessions" />
          ) : sessions.length === 0 ? (
            <p class="text-sm text-slate-600">
              Nothing booked.{' '}
              <Link href={paths.sessions} class={linkClass}>
                Browse sessions
              </Link>
            </p>
          ) : (
            <ul class="space-y-2">
              {sessions.map((s) => (
                <li key={s.id} class="text-sm">
                  <Link href={paths.session(s.id)} class="font-medium text-indigo-700 hover:underline">
                    {s.title}
                  </Link>
                  <span class="block text-slate-600">
                    <time dateTime={s.startsAt}>{formatRange(s.startsAt, s.endsAt)}</time>
                    {s.host.id === me.id && ' · you host'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class={`space-y-3 ${cardClass}`}>
      <h2 id={id} class="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function PeopleList({
  people,
  href,
}: {
  people: readonly { id: string; displayName: string; avatarUrl: string | null }[];
  href: (id: string) => string;
}) {
  return (
    <ul class="space-y-2">
      {people.map((p) => (
        <li key={p.id}>
          <Link href={href(p.id)} class="flex items-center gap-2 hover:underline">
            <UserAvatar name={p.displayName} url={p.avatarUrl} size="sm" alt="" />
            <span class="min-w-0 truncate text-sm font-medium">{p.displayName}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
