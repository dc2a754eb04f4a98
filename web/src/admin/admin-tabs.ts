import type { StaffRole, Role } from './roles.ts';
import { atLeast } from './roles.ts';

/** One tab of the admin area: its address `/admin/<section>` and the lowest role that may open it. */
export interface AdminTab {
  section: string;
  label: string;
  minRole: StaffRole;
}

/**
 * The admin area's sub-navigation, in order. Add a tab here and a case for its section in AdminArea.tsx.
 * The first tab a person may open is where `/admin` takes them.
 */
export const adminTabs: readonly AdminTab[] = [
  { section: 'dashboard', label: 'Dashboard', minRole: 'admin' },
  { section: 'users', label: 'Users', minRole: 'admin' },
  { section: 'reports', label: 'Reports', minRole: 'moderator' },
  { section: 'tickets', label: 'Tickets', minRole: 'admin' },
  { section: 'staff-log', label: 'Staff actions', minRole: 'admin' },
  // These two are pages of their own (web/src/audit, web/src/projections-console) at /admin/<section>.
  { section: 'audit', label: 'Audit', minRole: 'admin' },
  { section: 'projections', label: 'Projections', minRole: 'admin' },
];

export const tabsFor = (role: Role) => adminTabs.filter((t) => atLeast(role, t.minRole));
