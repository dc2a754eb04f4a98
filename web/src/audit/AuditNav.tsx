import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';

const tabs = [
  { key: 'streams', label: 'Streams', href: paths.auditStreams },
  { key: 'log', label: 'Log search', href: paths.auditLog },
  { key: 'projections', label: 'Projections', href: paths.projectionsConsole },
] as const;

/** Tabs between the audit pages and the projections console. */
export function AuditNav({ current }: { current: (typeof tabs)[number]['key'] }) {
  return (
    <nav aria-label="Audit" class="flex flex-wrap gap-4 border-b border-slate-200 text-sm">
      <Link href={paths.admin()} class="pb-2 text-slate-600 hover:text-slate-900">
        ← Admin
      </Link>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          class={
            tab.key === current
              ? '-mb-px border-b-2 border-indigo-600 pb-2 font-semibold text-indigo-700'
              : 'pb-2 text-slate-600 hover:text-slate-900'
          }
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
