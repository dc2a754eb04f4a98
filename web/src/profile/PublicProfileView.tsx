import { ConnectionActions } from '../connections/ConnectionActions.tsx';
import { ReportButton } from '../moderation/ReportButton.tsx';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Chip } from '../ui/Chip.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass } from '../ui/styles.ts';
import type { PublicProfile } from './api.ts';
import { ProfileReviews } from './ProfileReviews.tsx';
import { ProfileSkillList } from './ProfileSkillList.tsx';
import { ReputationCard } from './ReputationCard.tsx';

/** A loaded public profile: who, about, languages, skills, reputation, and (for others) connection actions. */
export function PublicProfileView({ profile }: { profile: PublicProfile }) {
  const isMe = session.user.value?.id === profile.id;
  return (
    <article class="mx-auto w-full max-w-2xl space-y-6">
      <header class={`flex flex-wrap items-center gap-4 ${cardClass}`}>
        <UserAvatar name={profile.displayName} url={profile.avatarUrl} size="lg" />
        <div class="min-w-0 flex-1">
          <h1 class="break-words text-2xl font-semibold">{profile.displayName}</h1>
          {profile.timezone && <p class="text-sm text-slate-600">Time zone: {profile.timezone}</p>}
        </div>
        {!isMe && session.signedIn.value && <ReportButton target={{ kind: 'user', targetId: profile.id }} />}
        {isMe && (
          <Link href={paths.myProfile} class="w-full text-sm font-medium text-indigo-700 underline sm:w-auto">
            Edit profile
          </Link>
        )}
      </header>

      {!isMe && session.signedIn.value && <ConnectionActions profile={profile} />}

      <section class={cardClass} aria-labelledby="bio-heading">
        <h2 id="bio-heading" class="mb-2 text-lg font-semibold">
          About
        </h2>
        {profile.bio ? (
          <p class="whitespace-pre-line break-words">{profile.bio}</p>
        ) : (
          <p class="text-slate-500">No bio yet.</p>
        )}
        <h3 class="mt-4 mb-2 text-sm font-semibold text-slate-700">Languages</h3>
        {profile.languages.length > 0 ? (
          <ul aria-label="Languages" class="flex flex-wrap gap-2">
            {profile.languages.map((language) => (
              <li key={language} class="max-w-full">
                <Chip>{language}</Chip>
              </li>
            ))}
          </ul>
        ) : (
          <p class="text-slate-500">None listed.</p>
        )}
      </section>

      <div class="grid gap-6 sm:grid-cols-2">
        <ProfileSkillList title="Teaches" skills={profile.teach} />
        <ProfileSkillList title="Wants to learn" skills={profile.learn} />
      </div>

      <ReputationCard reputation={profile.reputation} />
      <ProfileReviews userId={profile.id} />
    </article>
  );
}
