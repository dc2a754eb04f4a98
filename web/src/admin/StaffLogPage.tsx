import { createModel, signal, useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { inputClass, labelClass } from '../ui/styles.ts';
import { adminApi, type LogEntry, type LogFilter } from './api.ts';
import { LogFilters, LogList } from './LogList.tsx';
import { pagedList } from './paged-list.ts';
import { PagedResults } from './PagedResults.tsx';
import { noLogFilter } from './user.model.ts';

type StaffFilter = LogFilter & { actorId: string };

/** What moderators and above did (the admin-action log), newest first. */
const StaffLogModel = createModel(() => {
  const filter = signal<StaffFilter>({ ...noLogFilter, actorId: '' });
  const staff = signal<{ id: string; displayName: string }[]>([]);
  const list = pagedList<LogEntry>(
    (cursor) =>
      adminApi.staffLog(filter.value, cursor).then((p) => ({ items: p.entries, nextCursor: p.nextCursor })),
    (e) => String(e.position),
  );
  return {
    filter,
    list,
    staff,
    /** The people who can appear as actors: moderators and above, for the actor filter. */
    async loadStaff() {
      const none = { q: '', status: '' } as const;
      const pages = await Promise.all(
        (['moderator', 'admin', 'super_admin'] as const).map((role) =>
          adminApi.users({ ...none, role }, null).catch(() => ({ users: [] })),
        ),
      );
      staff.value = pages
        .flatMap((p) => p.users)
        .map((u) => ({ id: u.id, displayName: u.displayName }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
    set(key: keyof StaffFilter, value: string) {
      filter.value = { ...filter.value, [key]: value };
    },
  };
});

export function StaffLogPage() {
  const model = useModel(StaffLogModel);
  useEffect(() => {
    void model.list.reload();
    void model.loadStaff();
  }, []);
  const filter = model.filter.value;
  return (
    <section class="space-y-4" aria-labelledby="staff-log-heading">
      <h1 id="staff-log-heading" class="text-2xl font-semibold">
        Staff actions
      </h1>
      <p class="text-sm text-slate-600">
        What moderators and admins did to others: suspensions, role changes, edits, removals, resolutions.
      </p>
      <LogFilters
        idPrefix="staff-log"
        filter={filter}
        onChange={(k, v) => model.set(k, v)}
        onSubmit={() => void model.list.reload()}
        extra={
          <div>
            <label for="staff-log-actor" class={labelClass}>
              Staff member
            </label>
            <select
              id="staff-log-actor"
              class={inputClass}
              value={filter.actorId}
              onChange={(e) => model.set('actorId', e.currentTarget.value)}
            >
              <option value="">Anyone</option>
              {model.staff.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </div>
        }
      />
      <PagedResults list={model.list} empty="No staff actions match." label="Matching staff actions">
        {(entries) => <LogList entries={entries} />}
      </PagedResults>
    </section>
  );
}
