import type { Me } from '../identity/api.ts';

export type Role = Me['role'];
export type StaffRole = Exclude<Role, 'user'>;

const rank: Record<Role, number> = { user: 0, moderator: 1, admin: 2, super_admin: 3 };

export const roleLabels: Record<Role, string> = {
  user: 'Member',
  moderator: 'Moderator',
  admin: 'Admin',
  super_admin: 'Super admin',
};

export const roles = Object.keys(rank) as Role[];

/** Whether `role` is `min` or above (`user` < `moderator` < `admin` < `super_admin`). */
export const atLeast = (role: Role, min: Role) => rank[role] >= rank[min];

/** Suspend and unsuspend: moderators and above, on people whose role is below theirs, never themselves. */
export const canSuspend = (viewer: Role, target: Role, self: boolean) =>
  !self && atLeast(viewer, 'moderator') && rank[target] < rank[viewer];

/** Edit name and bio: admins and above, on people whose role is not above theirs. */
export const canEdit = (viewer: Role, target: Role) =>
  atLeast(viewer, 'admin') && rank[target] <= rank[viewer];

/**
 * The roles the viewer may set on the target, as the server's rules say: admins grant `user` and
 * `moderator`, only a super admin grants or takes `admin` and `super_admin`, nobody changes their own.
 * Empty when the viewer may change nothing.
 */
export function assignableRoles(viewer: Role, target: Role, self: boolean): Role[] {
  if (self || !atLeast(viewer, 'admin')) return [];
  if (viewer === 'super_admin') return roles;
  return atLeast(target, 'admin') ? [] : ['user', 'moderator'];
}
