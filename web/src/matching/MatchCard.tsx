import type { Skill } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { levelLabels } from '../profile/levels.ts';
import { Chip } from '../ui/Chip.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass } from '../ui/styles.ts';
import type { Match, MatchReason } from './api.ts';
import { MatchConnectionState } from './MatchConnectionState.tsx';

const percent = (n: number) => `${Math.round(n * 100)}%`;

function ReasonText({ reason }: { reason: MatchReason }) {
  const same = reason.similarity >= 1;
  const detail = same ? '' : ` (your “${reason.yourSkill}”, ${percent(reason.similarity)} similar)`;
  return reason.direction === 'they_teach' ? (
    <>
      Teaches <strong>{reason.theirSkill}</strong>, which you want to learn{detail}
    </>
  ) : (
    <>
      Wants to learn <strong>{reason.theirSkill}</strong>, which you teach{detail}
    </>
  );
}

function Skills({ label, skills }: { label: string; skills: readonly Skill[] }) {
  if (skills.length === 0) return null;
  return (
    <div>
      <h3 class="mb-1 text-sm font-semibold text-slate-700">{label}</h3>
      <ul class="flex flex-wrap gap-2" aria-label={label}>
        {skills.map((s) => (
          <li key={s.name} class="max-w-full">
            <Chip>
              {s.name} · {levelLabels[s.level]}
            </Chip>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One match: who, why we match, what they teach and learn, and where we stand. */
export function MatchCard({ match }: { match: Match }) {
  const { user } = match;
  const headingId = `match-${user.id}`;
  return (
    <article class={`space-y-4 ${cardClass}`} aria-labelledby={headingId}>
      <header class="flex flex-wrap items-center gap-3">
        <UserAvatar name={user.displayName} url={user.avatarUrl} size="md" alt="" />
        <div class="min-w-0 flex-1">
          <h2 id={headingId} class="break-words text-lg font-semibold">
            <Link href={paths.user(user.id)} class="hover:underline">
              {user.displayName}
            </Link>
          </h2>
          <p class="text-sm text-slate-600">
            {match.mutual ? (
              <span class="rounded bg-emerald-100 px-2 py-0.5 font-medium text-emerald-800">
                Two-way match
              </span>
            ) : (
              <span class="rounded bg-slate-100 px-2 py-0.5 text-slate-700">One-way match</span>
            )}{' '}
            {user.languages.length > 0 && <>Speaks {user.languages.join(', ')}</>}
          </p>
        </div>
      </header>
      <ul class="list-disc space-y-1 pl-5 text-sm" aria-label="Why you match">
        {match.reasons.map((reason) => (
          <li key={`${reason.direction}:${reason.yourSkill}:${reason.theirSkill}`} class="break-words">
            <ReasonText reason={reason} />
          </li>
        ))}
      </ul>
      <div class="grid gap-3 sm:grid-cols-2">
        <Skills label="Teaches" skills={user.teach} />
        <Skills label="Wants to learn" skills={user.learn} />
      </div>
      <MatchConnectionState userId={user.id} name={user.displayName} />
    </article>
  );
}
