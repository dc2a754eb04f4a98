import { ConnectionsNavLink } from '../connections/ConnectionsNavLink.tsx';
import { connections } from '../connections/connections.model.ts';
import { inbox } from '../conversations/inbox.model.ts';
import { UnreadBadge } from '../conversations/UnreadBadge.tsx';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { AccountMenu } from './AccountMenu.tsx';
import { useDisclosure } from './use-disclosure.ts';

const navLink = 'rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:px-2 lg:py-1';

/**
 * One row at every width: the logo, the site's sections (inline from 1024 px, behind "Menu" below),
 * the notification bell and the account menu.
 */
export function Header() {
  const me = session.user.value;
  const ready = session.status.value === 'ready';
  const menu = useDisclosure('main-nav');
  const waiting = connections.pendingCount.value + inbox.unreadTotal.value;
  return (
    <header class="relative border-b border-slate-200 bg-white">
      <div class="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:px-4">
        <Link href={paths.home} class="mr-2 text-lg font-bold text-indigo-700">
          SkillSwap
        </Link>
        {ready && me && (
          <>
            <div class="order-3 ml-auto flex items-center gap-1">
              <NotificationBell />
              <AccountMenu me={me} />
              <button
                {...menu.buttonProps}
                class="relative inline-flex h-10 items-center gap-1 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:hidden"
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  class="h-5 w-5"
                  fill="none"
                  stroke="currentColor"
                  stroke-width="2"
                >
                  {menu.open.value ? <path d="M6 6l12 12M18 6 6 18" /> : <path d="M4 6h16M4 12h16M4 18h16" />}
                </svg>
                Menu
                {waiting > 0 && !menu.open.value && (
                  <span
                    class="absolute right-1 top-1.5 h-2 w-2 rounded-full bg-indigo-600"
                    aria-hidden="true"
                  />
                )}
              </button>
            </div>
            <nav
              id="main-nav"
              ref={menu.panelRef}
              aria-label="Main"
              class={`order-2 ${
                menu.open.value
                  ? 'absolute inset-x-0 top-full z-30 flex flex-col gap-1 border-b border-slate-200 bg-white p-3 shadow-lg'
                  : 'hidden'
              } lg:static lg:z-auto lg:flex lg:flex-row lg:items-center lg:gap-1 lg:border-0 lg:p-0 lg:shadow-none`}
            >
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
              <Link href={paths.conversations} class={`${navLink} inline-flex items-center gap-1`}>
                Messages
                <UnreadBadge
                  count={inbox.unreadTotal.value}
                  label={inbox.unreadTotal.value === 1 ? 'unread message' : 'unread messages'}
                />
              </Link>
              <Link href={paths.wall} class={navLink}>
                Wall
              </Link>
              <Link href={paths.groups} class={navLink}>
                Groups
              </Link>
              <Link href={paths.calls} class={navLink}>
                Calls
              </Link>
            </nav>
          </>
        )}
        {ready && !me && (
          <nav aria-label="Main" class="ml-auto flex items-center gap-1">
            <Link href={paths.sessions} class={`${navLink} px-2`}>
              Sessions
            </Link>
            <Link href={paths.signIn} class={`${navLink} px-2`}>
              Sign in
            </Link>
            <Link href={paths.signUp} class={`${navLink} px-2`}>
              Sign up
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
