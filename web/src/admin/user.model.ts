import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { adminApi, type AdminUserDetail, type LogEntry, type LogFilter } from './api.ts';
import { pagedList } from './paged-list.ts';
import type { Role } from './roles.ts';

export const noLogFilter: LogFilter = { type: '', from: '', to: '' };

/** One account for staff: the account with counts, its activity, and the actions on it. */
export const UserModel = createModel((userId: string) => {
  const user = signal<AdminUserDetail | null>(null);
  const loadError = signal<string | null>(null);
  const saved = signal<string | null>(null);
  const displayName = signal('');
  const bio = signal('');
  const reason = signal('');
  /** A `datetime-local` value in the viewer's zone; empty for "until further notice". */
  const until = signal('');
  const edit = new SubmissionModel();
  const suspension = new SubmissionModel((path) => (path === 'reason' || path === 'until' ? path : null));
  const action = new SubmissionModel(() => null);
  const filter = signal<LogFilter>(noLogFilter);
  const activity = pagedList<LogEntry>(
    (cursor) =>
      adminApi
        .activity(userId, filter.value, cursor)
        .then((p) => ({ items: p.entries, nextCursor: p.nextCursor })),
    (e) => String(e.position),
  );

  function adopt(next: AdminUserDetail, message: string | null = null) {
    user.value = next;
    displayName.value = next.displayName;
    bio.value = next.bio;
    saved.value = message;
    void activity.reload();
  }

  return {
    user,
    loadError,
    saved,
    displayName,
    bio,
    reason,
    until,
    edit,
    suspension,
    action,
    filter,
    activity,
    async load() {
      try {
        adopt(await adminApi.user(userId));
        loadError.value = null;
      } catch (err) {
        loadError.value = errorText(err, 'Could not load this account.');
      }
    },
    async save() {
      const next = await edit.run(() =>
        adminApi.editUser(userId, { displayName: displayName.value, bio: bio.value }),
      );
      if (next) adopt(next, 'Profile saved.');
    },
    async suspend() {
      const end = until.value ? new Date(until.value) : null;
      if (end && Number.isNaN(end.getTime())) {
        suspension.reject({ until: 'Choose a date and time, or leave it empty.' });
        return;
      }
      const next = await suspension.run(() =>
        adminApi.suspend(userId, { reason: reason.value, ...(end && { until: end.toISOString() }) }),
      );
      if (next) {
        reason.value = '';
        until.value = '';
        adopt(next, 'Account suspended.');
      }
    },
    async unsuspend() {
      const next = await action.run(() => adminApi.unsuspend(userId));
      if (next) adopt(next, 'Suspension lifted.');
    },
    async setRole(role: Role) {
      const next = await action.run(() => adminApi.setRole(userId, role));
      if (next) adopt(next, 'Role changed.');
    },
    setFilter<K extends keyof LogFilter>(key: K, value: LogFilter[K]) {
      filter.value = { ...filter.value, [key]: value };
    },
  };
});
