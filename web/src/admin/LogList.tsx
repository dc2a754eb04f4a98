import type { ComponentChildren } from 'preact';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { inputClass, labelClass, primaryButtonClass } from '../ui/styles.ts';
import type { LogEntry, LogFilter } from './api.ts';
import { when } from './format.ts';
import { roleLabels, roles, type Role } from './roles.ts';

const isRole = (r: string | null): r is Role => roles.some((x) => x === r);

/** Log entries, newest first: the summary, who and when, and the request's origin for who needs it. */
export function LogList({ entries }: { entries: readonly LogEntry[] }) {
  return (
    <ol class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {entries.map((e) => (
        <li key={e.position} class="space-y-1 p-3">
          <p class="break-words">{e.summary}</p>
          <p class="text-xs text-slate-600">
            <time dateTime={e.occurredAt}>{when(e.occurredAt)}</time>
            {' · '}
            {e.actor.id ? (
              <Link href={paths.admin('users', e.actor.id)} class="text-indigo-700 underline">
                {e.actor.displayName ?? 'Unknown person'}
              </Link>
            ) : (
              'System'
            )}
            {isRole(e.actor.role) && e.actor.role !== 'user' && ` (${roleLabels[e.actor.role]})`}
            {' · '}
            <code>{e.type}</code>
          </p>
          {(e.ip ?? e.userAgent) && (
            <p class="break-all text-xs text-slate-500">{[e.ip, e.userAgent].filter(Boolean).join(' · ')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Filters of a log: event type, and a range of days (UTC). `extra` adds fields (the staff log's actor). */
export function LogFilters({
  idPrefix,
  filter,
  onChange,
  onSubmit,
  extra,
}: {
  idPrefix: string;
  filter: LogFilter;
  onChange: (key: keyof LogFilter, value: string) => void;
  onSubmit: () => void;
  extra?: ComponentChildren;
}) {
  return (
    <form
      role="search"
      class="grid gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {extra}
      <div>
        <label for={`${idPrefix}-type`} class={labelClass}>
          Event type
        </label>
        <input
          id={`${idPrefix}-type`}
          class={inputClass}
          placeholder="e.g. UserSuspended"
          maxLength={100}
          value={filter.type}
          onInput={(e) => onChange('type', e.currentTarget.value)}
        />
      </div>
      <div>
        <label for={`${idPrefix}-from`} class={labelClass}>
          From (UTC)
        </label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          class={inputClass}
          value={filter.from}
          onInput={(e) => onChange('from', e.currentTarget.value)}
        />
      </div>
      <div>
        <label for={`${idPrefix}-to`} class={labelClass}>
          To (UTC)
        </label>
        <input
          id={`${idPrefix}-to`}
          type="date"
          class={inputClass}
          value={filter.to}
          onInput={(e) => onChange('to', e.currentTarget.value)}
        />
      </div>
      <button type="submit" class={primaryButtonClass}>
        Filter
      </button>
    </form>
  );
}
