import { describe, expect, it } from 'vitest';
import { tabsFor } from './admin-tabs.ts';
import { assignableRoles, canEdit, canSuspend } from './roles.ts';

describe('what staff are offered', () => {
  it('offers role changes as the server allows them', () => {
    expect(assignableRoles('moderator', 'user', false)).toEqual([]);
    expect(assignableRoles('admin', 'user', false)).toEqual(['user', 'moderator']);
    expect(assignableRoles('admin', 'moderator', false)).toEqual(['user', 'moderator']);
    expect(assignableRoles('admin', 'admin', false)).toEqual([]);
    expect(assignableRoles('super_admin', 'admin', false)).toEqual([
      'user',
      'moderator',
      'admin',
      'super_admin',
    ]);
    expect(assignableRoles('super_admin', 'super_admin', true)).toEqual([]);
  });
  it('offers suspension only over lower roles and never on oneself; edits up to one’s own role', () => {
    expect(canSuspend('moderator', 'user', false)).toBe(true);
    expect(canSuspend('moderator', 'moderator', false)).toBe(false);
    expect(canSuspend('admin', 'admin', true)).toBe(false);
    expect(canSuspend('user', 'user', false)).toBe(false);
    expect(canEdit('moderator', 'user')).toBe(false);
    expect(canEdit('admin', 'admin')).toBe(true);
    expect(canEdit('admin', 'super_admin')).toBe(false);
  });
  it('shows moderators the report queue only, admins every tab', () => {
    expect(tabsFor('moderator').map((t) => t.section)).toEqual(['reports']);
    expect(tabsFor('admin').map((t) => t.section)).toEqual([
      'dashboard',
      'users',
      'reports',
      'tickets',
      'staff-log',
      'audit',
      'projections',
    ]);
    expect(tabsFor('user')).toEqual([]);
  });
});
