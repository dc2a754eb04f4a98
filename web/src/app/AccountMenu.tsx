import type { Me } from '../identity/api.ts';
import { session } from '../identity/session.model.ts';
import { SignOutButton } from '../identity/SignOutButton.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { useDisclosure } from './use-disclosure.ts';

const item = 'block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100';

/** The signed-in person's own places: public profile, profile editing, settings, help, sign-out. */
export function AccountMenu({ me }: { me: Me }) {
  const menu = useDisclosure('account-menu');
  return (
    <div class="relative">
      <button
        {...menu.buttonProps}
        class="flex h-10 items-center gap-2 rounded-md px-1 hover:bg-slate-100"
        aria-label="Account menu"
      >
        {/* The avatar alone: a visible name here would have to be part of the button's name (WCAG 2.5.3). */}
        <UserAvatar name={me.displayName} url={me.avatarUrl} size="sm" alt="" />
      </button>
      {menu.open.value && (
        <div
          id="account-menu"
          ref={menu.panelRef}
          class="absolute right-0 top-full z-30 mt-1 w-60 rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
        >
          <nav aria-label="Account">
            <Link href={paths.user(me.id)} class={`${item} truncate`} title="Your public profile">
              {me.displayName}
            </Link>
            <Link href={paths.myProfile} class={item}>
              My profile
            </Link>
            <Link href={paths.settings} class={item}>
              Settings
            </Link>
            <Link href={paths.help} class={item}>
              Help
            </Link>
            {session.isModerator.value && (
              <Link href="/admin" class={item}>
                Admin
              </Link>
            )}
          </nav>
          <div class="mt-2 border-t border-slate-100 px-1 pt-2">
            <SignOutButton />
          </div>
        </div>
      )}
    </div>
  );
}
