import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { categoryLabels } from '../support/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import type { TicketStatus } from './api.ts';
import { when } from './format.ts';
import { ticketStatusLabels } from './TicketsPage.tsx';
import { AdminTicketModel } from './tickets.model.ts';

/** One ticket for staff: the conversation with internal notes, a reply or note, status and assignee. */
export function AdminTicketPage({ me, ticketId }: { me: Me; ticketId: string }) {
  const model = useModel(() => new AdminTicketModel(ticketId));
  useEffect(() => model.open(), []);
  const ticket = model.ticket.value;
  if (!ticket)
    return <p role={model.loadError.value ? 'alert' : undefined}>{model.loadError.value ?? 'Loading…'}</p>;
  const busy = model.action.pending.value;
  const mine = ticket.assignee?.id === me.id;

  return (
    <div class="space-y-4">
      <Link href={paths.admin('tickets')} class="text-sm font-medium text-indigo-700 underline">
        All tickets
      </Link>
      <h1 class="break-words text-2xl font-semibold">{ticket.subject}</h1>
      <p class="text-sm text-slate-600">
        From{' '}
        <Link href={paths.admin('users', ticket.requester.id)} class="text-indigo-700 underline">
          {ticket.requester.displayName}
        </Link>{' '}
        · {categoryLabels[ticket.category]} · opened {when(ticket.createdAt)} ·{' '}
        {ticket.assignee ? `assigned to ${mine ? 'you' : ticket.assignee.displayName}` : 'unassigned'}
      </p>
      <Alert message={model.action.formError.value} />
      <div class="flex flex-wrap items-end gap-2">
        <div>
          <label for="ticket-status-select" class={labelClass}>
            Status
          </label>
          <select
            id="ticket-status-select"
            class={inputClass}
            value={ticket.status}
            disabled={busy || ticket.status === 'closed'}
            onChange={(e) => void model.setStatus(e.currentTarget.value as TicketStatus)}
          >
            {(Object.keys(ticketStatusLabels) as TicketStatus[]).map((s) => (
              <option key={s} value={s}>
                {ticketStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={busy}
          onClick={() => void model.assign(mine ? null : me.id)}
        >
          {mine ? 'Unassign me' : 'Assign to me'}
        </button>
      </div>
      <ol aria-label="Messages" class="space-y-3">
        {ticket.messages.map((m) => (
          <li
            key={m.id}
            class={`rounded-lg border p-3 ${m.internal ? 'border-amber-300 bg-amber-50' : m.author.id === ticket.requester.id ? 'border-slate-200 bg-white' : 'border-indigo-200 bg-indigo-50'}`}
          >
            <p class="mb-1 text-xs text-slate-600">
              {m.author.id === me.id ? 'You' : m.author.displayName}
              {m.internal && ' · internal note'} · {when(m.createdAt)}
            </p>
            <p class="whitespace-pre-wrap break-words">{m.body}</p>
          </li>
        ))}
      </ol>
      {ticket.status === 'closed' ? (
        <p class="text-sm text-slate-600">This ticket is closed.</p>
      ) : (
        <form
          noValidate
          class="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void model.send();
          }}
        >
          <Alert message={model.submission.formError.value} />
          <TextAreaField
            id="staff-reply"
            label={model.internal.value ? 'Internal note (staff only)' : 'Reply to the person'}
            rows={3}
            maxLength={10_000}
            value={model.reply.value}
            onValue={(v) => (model.reply.value = v)}
            error={model.submission.fieldErrors.value.body}
          />
          <label class="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={model.internal.value}
              onChange={(e) => (model.internal.value = e.currentTarget.checked)}
            />
            Internal note: only staff see it
          </label>
          <SubmitButton pending={model.submission.pending.value}>
            {model.internal.value ? 'Add note' : 'Send reply'}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
