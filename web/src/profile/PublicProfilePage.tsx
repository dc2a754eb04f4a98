import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ConnectionActions } from '../connections/ConnectionActions.tsx';
import type { Skill } from '../identity/api.ts';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Chip } from '../ui/Chip.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass } from '../ui/styles.ts';
import type { PublicProfile } from './api.ts';
import { levelLabels } from './levels.ts';
import { PublicProfileModel } from './public-profile.model.ts';
import { ReputationCard } from './ReputationCard.tsx';

export function PublicProfilePage({ userId }: { userId: string }) {
  const model = useModel(() => new PublicProfileModel(userId));
  const state = model.state.value;

  useEffect(() => {
    const abort = new AbortController();
    void model.load(abort.signal);
    return () => abort.abort();
  }, [model]);

  switch (state.status) {
    case 'loading':
      return <p class="text-slate-600">Loading profile…</p>;
    case 'notFound':
      return <p role="alert">There is no SkillSwap member with this address.</p>;
    case 'failed':
      return <p role="alert">{state.message}</p>;
    case 'ready':
      return <ProfileView profile={state.profile} />;
    default: {
      const _never: never = state;
      return _never;
    }
  }
}

function ProfileView({ profile }: { profile: PublicProfile }) {
  const isMe = session.user.value?.id === profile.id;
  return (
    <article class="mx-auto w-full max-w-2xl space-y-6">
      <header class={`flex flex-wrap items-center gap-4 ${cardClass}`}>
        <UserAvatar name={profile.displayName} url={profile.avatarUrl} size="lg" />
        <div class="min-w-0 flex-1">
          <h1 class="break-words text-2xl font-semibold">{profile.displayName}</h1>
          {profile.timezone && <p class="text-sm text-slate-600">Time zone: {profile.timezone}</p>}
        </div>
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
        <SkillList title="Teaches" skills={profile.teach} />
        <SkillList title="Wants to learn" skills={profile.learn} />
      </div>

      <ReputationCard reputation={profile.reputation} />
    </article>
  );
}

function SkillList({ title, skills }: { title: string; skills: readonly Skill[] }) {
  return (
    <section class={cardClass} aria-label={title}>
      <h2 class="mb-2 text-lg font-semibold">{title}</h2>
      {skills.length === 0 ? (
        <p class="text-slate-500">Nothing listed yet.</p>
      ) : (
        <ul class="divide-y divide-slate-100">
          {skills.map((skill) => (
            <li key={skill.name} class="flex flex-wrap items-center justify-between gap-2 py-2">
              <span class="min-w-0 break-words font-medium">{skill.name}</span>
              <span class="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {levelLabels[skill.level]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
