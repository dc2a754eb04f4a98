import type { ComponentChildren } from 'preact';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import type { PublicProfile } from '../profile/api.ts';
import { UserAvatar } from '../ui/UserAvatar.tsx';

/** A person in a list: avatar and name linking to their profile, an optional note, and actions. */
export function PersonRow({
  user,
  note,
  children,
}: {
  user: PublicProfile;
  note?: string | null;
  children: ComponentChildren;
}) {
  return (
    <li class="flex flex-wrap items-center gap-3 py-3">
      <Link href={paths.user(user.id)} class="flex min-w-0 flex-1 items-center gap-3 hover:underline">
        <UserAvatar name={user.displayName} url={user.avatarUrl} size="sm" alt="" />
        <span class="min-w-0 break-words font-medium">{user.displayName}</span>
      </Link>
      <div class="flex flex-wrap gap-2">{children}</div>
      {note && <p class="w-full whitespace-pre-line break-words pl-11 text-sm text-slate-600">“{note}”</p>}
    </li>
  );
}
