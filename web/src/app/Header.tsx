import { ConnectionsNavLink } from '../connections/ConnectionsNavLink.tsx';
import { inbox } from '../conversations/inbox.model.ts';
import { UnreadBadge } from '../conversations/UnreadBadge.tsx';
import { session } from '../identity/session.model.ts';
import { SignOutButton } from '../identity/SignOutButton.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { UserAvatar } from '../ui/UserAvatar.tsx';

const navLink = 'rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100';

export function Header() {
  const me = session.user.value;
  return (
    <header class="border-b border-slate-200 bg-white">
      <div class="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link href={paths.home} class="text-lg font-bold text-indigo-700">
          SkillSwap
        </Link>
        {session.status.value === 'ready' && (
          <nav aria-label="Account" class="flex min-w-0 flex-wrap items-center gap-2">
            {me ? (
              <>
                <Link
                  href={paths.user(me.id)}
                  class="flex min-w-0 items-center gap-2 rounded-md px-1 py-1 hover:bg-slate-100"
                  title="Your public profile"
                >
                  <UserAvatar name={me.displayName} url={me.avatarUrl} size="sm" alt="" />
                  <span class="max-w-[6rem] truncate text-sm font-medium sm:max-w-[14rem]">
                    {me.displayName}
                  </span>
                </Link>
                <Link href={paths.matches} class={navLink}>
                  Matches
                </Link>
                <Link href={paths.sessions} class={navLink}>
                  Sessions
                </Link>
                <Link href={paths.mentors} class={navLink}>
                  Mentors
                </Link>
                <ConnectionsNavLink class={navLink} />
                <Link href={paths.wall} class={navLink}>
                  Wall
                </Link>
                <Link href={paths.groups} class={navLink}>
                  Groups
                </Link>
                <Link href={paths.conversations} class={`${navLink} inline-flex items-center gap-1`}>
                  Messages
                  <UnreadBadge count={inbox.unreadTotal.value} label="unread messages" />
                </Link>
                <Link href={paths.calls} class={navLink}>
                  Calls
                </Link>
                <Link href={paths.myProfile} class={navLink}>
                  My profile
                </Link>
                <Link href={paths.help} class={navLink}>
                  Help
                </Link>
                {session.isModerator.value && (
                  <Link href={paths.admin()} class={navLink}>
                    Admin
                  </Link>
                )}
                <SignOutButton />
              </>
            ) : (
              <>
                <Link href={paths.sessions} class={navLink}>
                  Sessions
                </Link>
                <Link href={paths.signIn} class={navLink}>
                  Sign in
                </Link>
                <Link href={paths.signUp} class={navLink}>
                  Sign up
                </Link>
              </>
            )}
          </nav>
        )}
      </div>
    </header>
  );
}
