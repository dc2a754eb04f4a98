import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { navigate, paths } from '../lib/router.ts';
import { adminTabs, tabsFor } from './admin-tabs.ts';
import { AdminTicketPage } from './AdminTicketPage.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';
import { atLeast } from './roles.ts';
import { StaffLogPage } from './StaffLogPage.tsx';
import { TicketsPage } from './TicketsPage.tsx';
import { UserPage } from './UserPage.tsx';
import { UsersPage } from './UsersPage.tsx';

/** The staff area: only moderators and above; each tab only from its lowest role (admin-tabs.ts). */
export function AdminArea({ section, id }: { section: string; id: string | null }) {
  return (
    <SignedIn>
      {(me) =>
        atLeast(me.role, 'moderator') ? (
          <AdminLayout me={me} section={section} id={id} />
        ) : (
          <NotAllowed text="The admin area is for moderators and admins of SkillSwap." />
        )
      }
    </SignedIn>
  );
}

function NotAllowed({ text, title = 'Not allowed' }: { text: string; title?: string }) {
  return (
    <section class="space-y-2" aria-labelledby="not-allowed-heading">
      <h1 id="not-allowed-heading" class="text-2xl font-semibold">
        {title}
      </h1>
      <p class="text-slate-700">{text}</p>
      <Link href={paths.home} class="text-indigo-700 underline">
        Go to the start page
      </Link>
    </section>
  );
}

function AdminLayout({ me, section, id }: { me: Me; section: string; id: string | null }) {
  const tabs = tabsFor(me.role);
  const first = tabs[0]?.section ?? '';
  useEffect(() => {
    if (section === '' && first) navigate(paths.admin(first), { replace: true });
  }, [section, first]);
  const tab = adminTabs.find((t) => t.section === section);

  return (
    <div class="space-y-4">
      <div class="space-y-2">
        <p class="text-sm font-semibold uppercase tracking-wide text-slate-500">Admin</p>
        <nav aria-label="Admin" class="-mx-4 overflow-x-auto px-4">
          <ul class="flex gap-1 border-b border-slate-200">
            {tabs.map((t) => {
              const current = t.section === section;
              return (
                <li key={t.section} class="shrink-0">
                  <a
                    href={paths.admin(t.section)}
                    aria-current={current ? 'page' : undefined}
                    onClick={(e) => {
                      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                      e.preventDefault();
                      navigate(paths.admin(t.section));
                    }}
                    class={`-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium ${current ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
                  >
                    {t.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
      {section === '' ? (
        <p class="text-slate-600">Loading…</p>
      ) : !tab ? (
        <NotAllowed title="Page not found" text="There is no such page in the admin area." />
      ) : !atLeast(me.role, tab.minRole) ? (
        <NotAllowed text={`${tab.label} is for ${tab.minRole === 'admin' ? 'admins' : 'super admins'}.`} />
      ) : (
        <Section me={me} section={section} id={id} />
      )}
    </div>
  );
}

function Section({ me, section, id }: { me: Me; section: string; id: string | null }) {
  switch (section) {
    case 'dashboard':
      return <DashboardPage />;
    case 'users':
      return id ? <UserPage key={id} me={me} userId={id} /> : <UsersPage />;
    case 'reports':
      return <ReportsPage me={me} />;
    case 'tickets':
      return id ? <AdminTicketPage key={id} me={me} ticketId={id} /> : <TicketsPage me={me} />;
    case 'staff-log':
      return <StaffLogPage />;
    default:
      return <p class="text-slate-600">This page is not built yet.</p>;
  }
}
