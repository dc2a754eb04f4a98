import { createModel, signal } from '@preact/signals';
import { adminApi, type AdminUser, type UserFilter } from './api.ts';
import { pagedList } from './paged-list.ts';

const noFilter: UserFilter = { q: '', role: '', status: '' };

/** The accounts list: search by name or email, filter by role and status, a page at a time. */
export const UsersModel = createModel(() => {
  const filter = signal<UserFilter>(noFilter);
  const list = pagedList<AdminUser>(
    (cursor) =>
      adminApi.users(filter.value, cursor).then((p) => ({ items: p.users, nextCursor: p.nextCursor })),
    (u) => u.id,
  );
  return {
    filter,
    list,
    set<K extends keyof UserFilter>(key: K, value: UserFilter[K]) {
      filter.value = { ...filter.value, [key]: value };
    },
    search: () => list.reload(),
  };
});
