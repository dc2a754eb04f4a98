import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import type { MatchesModel } from './matches.model.ts';
import { MatchCard } from './MatchCard.tsx';

const linkClass = 'text-indigo-700 underline';

/** Everyone who teaches the filtered skill, matched or not (the mentors list, same fuzzy lookup). */
function MentorsLink({ skill }: { skill: string }) {
  if (skill.trim() === '') return null;
  return (
    <p class="text-sm">
      <Link href={paths.mentorsFor(skill.trim())} class={linkClass}>
        Everyone who teaches “{skill.trim()}”
      </Link>
      , not only your matches.
    </p>
  );
}

/** What to try when a search finds nobody: other words, fewer filters, the mentors list. */
function NoMatches({ model }: { model: MatchesModel }) {
  const { skill, language, level } = model.shown.value;
  if (skill === '' && language === '' && level === '') {
    return (
      <div class="space-y-2 text-slate-700">
        <p>
          Nobody matches you yet: a match teaches something you want to learn, or wants to learn what you
          teach.
        </p>
        <p>
          Try{' '}
          <Link href={paths.mentors} class={linkClass}>
            browsing mentors
          </Link>{' '}
          or{' '}
          <Link href={paths.sessions} class={linkClass}>
            joining a session
          </Link>
          ; new people join every day. Listing a few more skills on{' '}
          <Link href={paths.myProfile} class={linkClass}>
            your profile
          </Link>{' '}
          widens who can match you.
        </p>
      </div>
    );
  }
  return (
    <div class="space-y-2 text-slate-700">
      <p>None of your matches fit these filters.</p>
      <ul class="list-disc space-y-1 pl-5">
        {skill !== '' && (
          <li>
            <Link href={paths.mentorsFor(skill)} class={linkClass}>
              See everyone who teaches “{skill}”
            </Link>
            , not only your matches.
          </li>
        )}
        {skill !== '' && <li>Try a broader skill (“guitar” rather than “flamenco guitar”).</li>}
        {(language !== '' || level !== '') && <li>Try without the language or level.</li>}
        <li>
          <button type="button" class={linkClass} onClick={() => void model.clearFilters()}>
            Clear the filters
          </button>{' '}
          to see all your matches.
        </li>
      </ul>
    </div>
  );
}

/** The match cards, or why there are none. */
export function MatchResults({ model }: { model: MatchesModel }) {
  const state = model.state.value;
  switch (state.status) {
    case 'loading':
    case 'signedOut':
      return <p class="text-slate-600">Looking for matches…</p>;
    case 'failed':
      return <p role="alert">{state.message}</p>;
    case 'ready':
      if (state.matches.length === 0) return <NoMatches model={model} />;
      return (
        <>
          <MentorsLink skill={model.shown.value.skill} />
          <ul class="space-y-4" aria-label="Matches">
            {state.matches.map((match) => (
              <li key={match.user.id}>
                <MatchCard match={match} />
              </li>
            ))}
          </ul>
        </>
      );
    default: {
      const _never: never = state;
      return _never;
    }
  }
}
