import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { inputClass, labelClass, primaryButtonClass } from '../ui/styles.ts';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import type { UserStatus } from './api.ts';
import { when } from './format.ts';
import { PagedResults } from './PagedResults.tsx';
import { roleLabels, roles, type Role } from './roles.ts';
import { UsersModel } from './users.model.ts';

export const statusLabels: Record<UserStatus, string> = {
  active: 'Active',
  suspended: 'Suspended',
  erased: 'Erased',
};

/** Find accounts (admin): search, filters, and a page at a time, newest first. */
export function UsersPage() {
  const model = useModel(UsersModel);
  useEffect(() => void model.search(), []);
  const filter = model.filter.value;

  return (
    <section class="space-y-4" aria-labelledby="users-heading">
      <h1 id="users-heading" class="text-2xl font-semibold">
        Users
      </h1>
      <form
        role="search"
        class="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          void model.search();
        }}
      >
        <div>
          <label for="user-q" class={labelClass}>
            Name or email
          </label>
          <input
            id="user-q"
            type="search"
            class={inputClass}
            value={filter.q}
            maxLength={200}
            onInput={(e) => model.set('q', e.currentTarget.value)}
          />
        </div>
        <div>
          <label for="user-role" class={labelClass}>
            Role
          </label>
          <select
            id="user-role"
            class={inputClass}
            value={filter.role}
            onChange={(e) => {
              model.set('role', e.currentTarget.value as Role | '');
              void model.search();
            }}
          >
            <option value="">Any role</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="user-status" class={labelClass}>
            Status
          </label>
          <select
            id="user-status"
            class={inputClass}
            value={filter.status}
            onChange={(e) => {
              model.set('status', e.currentTarget.value as UserStatus | '');
              void model.search();
            }}
          >
            <option value="">Any status</option>
            {(Object.keys(statusLabels) as UserStatus[]).map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class={primaryButtonClass}>
          Search
        </button>
      </form>
      <PagedResults list={model.list} empty="No accounts match." label="Accounts">
        {(users) => (
          <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {users.map((u) => (
              <li key={u.id} class="flex items-center gap-3 p-3">
                <UserAvatar name={u.displayName} url={u.avatarUrl} size="sm" alt="" />
                <div class="min-w-0 flex-1">
                  <Link
                    href={paths.admin('users', u.id)}
                    class="block truncate font-medium text-indigo-700 underline"
                  >
                    {u.displayName}
                  </Link>
                  <p class="truncate text-sm text-slate-600">{u.email}</p>
                  <p class="text-xs text-slate-500">Last active {when(u.lastActiveAt)}</p>
                </div>
                <div class="shrink-0 text-right text-sm">
                  <p>{roleLabels[u.role]}</p>
                  <p class={u.status === 'suspended' ? 'font-medium text-red-700' : 'text-slate-600'}>
                    {statusLabels[u.status]}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </PagedResults>
    </section>
  );
}
