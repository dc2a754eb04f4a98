import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { categoryLabels } from '../support/api.ts';
import { inputClass, labelClass } from '../ui/styles.ts';
import type { TicketStatus } from './api.ts';
import { duration, when } from './format.ts';
import { PagedResults } from './PagedResults.tsx';
import { TicketsModel } from './tickets.model.ts';

export const ticketStatusLabels: Record<TicketStatus, string> = {
  open: 'Open (waiting for support)',
  pending: 'Pending (waiting for the person)',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** The support queue (admins): oldest first, with the measured times support is judged by. */
export function TicketsPage({ me }: { me: Me }) {
  const model = useModel(TicketsModel);
  useEffect(() => model.open(), []);
  const filter = model.filter.value;

  return (
    <section class="space-y-4" aria-labelledby="tickets-heading">
      <h1 id="tickets-heading" class="text-2xl font-semibold">
        Support tickets
      </h1>
      <div class="grid gap-3 sm:grid-cols-2">
        <div>
          <label for="ticket-status" class={labelClass}>
            Status
          </label>
          <select
            id="ticket-status"
            class={inputClass}
            value={filter.status}
            onChange={(e) => model.set('status', e.currentTarget.value as TicketStatus | '')}
          >
            <option value="">Any status</option>
            {(Object.keys(ticketStatusLabels) as TicketStatus[]).map((s) => (
              <option key={s} value={s}>
                {ticketStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="ticket-assignee" class={labelClass}>
            Assigned to
          </label>
          <select
            id="ticket-assignee"
            class={inputClass}
            value={filter.assigneeId}
            onChange={(e) => model.set('assigneeId', e.currentTarget.value)}
          >
            <option value="">Anyone</option>
            <option value={me.id}>Me</option>
            <option value="none">Nobody yet</option>
          </select>
        </div>
      </div>
      <PagedResults list={model.list} empty="No tickets here." label="Tickets">
        {(tickets) => (
          <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {tickets.map((t) => (
              <li key={t.id} class="space-y-1 p-3">
                <div class="flex flex-wrap items-baseline justify-between gap-2">
                  <Link
                    href={paths.admin('tickets', t.id)}
                    class="min-w-0 break-words font-medium text-indigo-700 underline"
                  >
                    {t.subject}
                  </Link>
                  <span class="text-sm text-slate-600">{ticketStatusLabels[t.status]}</span>
                </div>
                <p class="text-sm text-slate-600">
                  {t.requester.displayName} · {categoryLabels[t.category]} · opened {when(t.createdAt)} ·{' '}
                  {t.replies} {t.replies === 1 ? 'reply' : 'replies'}
                  {t.assignee ? ` · assigned to ${t.assignee.displayName}` : ' · unassigned'}
                </p>
                <p class="text-xs text-slate-500">
                  Waiting for support {duration(t.openSeconds)}
                  {t.firstResponseSeconds !== null &&
                    ` · first answer after ${duration(t.firstResponseSeconds)}`}
                  {t.resolutionSeconds !== null && ` · resolved after ${duration(t.resolutionSeconds)}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </PagedResults>
    </section>
  );
}
