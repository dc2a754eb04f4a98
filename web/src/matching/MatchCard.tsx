import { useModel } from '@preact/signals';
import { connections, relationTo } from '../connections/connections.model.ts';
import type { Skill } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { levelLabels } from '../profile/levels.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { Chip } from '../ui/Chip.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass, inputClass, labelClass, primaryButtonClass } from '../ui/styles.ts';
import type { Match, MatchReason } from './api.ts';
import { MatchConnectModel, maxNoteLength } from './matches.model.ts';

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
      <ConnectionState userId={user.id} name={user.displayName} />
    </article>
  );
}

/** The connections slice's lists say whether to offer a request, report one, or link to the conversation. */
function ConnectionState({ userId, name }: { userId: string; name: string }) {
  const relation = relationTo(connections.lists.value, userId);
  switch (relation.kind) {
    case 'none':
      return <ConnectForm userId={userId} name={name} />;
    case 'outgoing':
      return <Status message={`Request sent to ${name}.`} />;
    case 'incoming':
      return (
        <p class="text-sm">
          {name} asked to connect with you.{' '}
          <Link href={paths.connections} class="text-indigo-700 underline">
            Answer the request
          </Link>
        </p>
      );
    case 'connected':
      return (
        <p class="flex flex-wrap items-center gap-3 text-sm">
          <span class="flex-1">You are connected with {name}.</span>
          <Link href={paths.conversation(userId)} class={primaryButtonClass}>
            Message
          </Link>
        </p>
      );
    default: {
      const _never: never = relation;
      return _never;
    }
  }
}

function ConnectForm({ userId, name }: { userId: string; name: string }) {
  const model = useModel(() => new MatchConnectModel(userId));
  const noteId = `note-${userId}`;
  const error = model.submission.fieldErrors.value.message;
  if (model.sent.value) return <Status message={`Request sent to ${name}.`} />;
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.send();
  }
  return (
    <form noValidate onSubmit={onSubmit} class="space-y-2" aria-label={`Connect with ${name}`}>
      <Alert message={model.submission.formError.value} />
      <div>
        <label for={noteId} class={labelClass}>
          Note (optional)
        </label>
        <textarea
          id={noteId}
          rows={2}
          class={inputClass}
          maxLength={maxNoteLength}
          value={model.note.value}
          onInput={(e) => (model.note.value = e.currentTarget.value)}
          {...errorProps(noteId, error)}
        />
        <FieldError fieldId={noteId} message={error} />
      </div>
      <SubmitButton pending={model.submission.pending.value}>Connect</SubmitButton>
    </form>
  );
}
