import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass, secondaryButtonClass } from '../ui/styles.ts';
import type { GroupDetails } from './api.ts';
import type { GroupModel } from './group.model.ts';

/** The members with their roles; admins may promote or remove members. */
export function GroupMembers({
  model,
  group,
  myId,
}: {
  model: GroupModel;
  group: GroupDetails;
  myId: string;
}) {
  const isAdmin = model.isAdmin.value;
  const busy = model.membership.pending.value;
  return (
    <section class={cardClass} aria-labelledby="members-heading">
      <h2 id="members-heading" class="mb-3 text-lg font-semibold">
        Members ({group.members.length})
      </h2>
      <ul class="divide-y divide-slate-100">
        {group.members.map(({ user, role }) => {
          const name = user.displayName ?? 'Former member';
          return (
            <li key={user.id} class="flex flex-wrap items-center gap-3 py-2">
              <UserAvatar name={name} url={user.avatarUrl} size="sm" alt="" />
              <Link href={paths.user(user.id)} class="min-w-0 flex-1 break-words font-medium">
                {name}
                {user.id === myId && ' (you)'}
              </Link>
              <span class="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {role === 'admin' ? 'Admin' : 'Member'}
              </span>
              {isAdmin && role === 'member' && (
                <span class="flex gap-2">
                  <button
                    type="button"
                    class={secondaryButtonClass}
                    disabled={busy}
                    onClick={() => void model.promote(user.id)}
                    aria-label={`Make ${name} an admin`}
                  >
                    Make admin
                  </button>
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove ${name}`}
                    question={`Remove ${name} from the group?`}
                    confirmLabel="Remove"
                    busy={busy}
                    onConfirm={() => model.remove(user.id)}
                  />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
