import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { categoryLabels, statusLabels } from './api.ts';
import { TicketModel } from './help.model.ts';
import { PageSkeleton } from '../ui/Skeleton.tsx';

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** One support request: the conversation with support, updated live, and a reply box while it is not closed. */
export function TicketPage({ ticketId }: { ticketId: string }) {
  return <SignedIn>{(me) => <TicketView ticketId={ticketId} meId={me.id} />}</SignedIn>;
}

function TicketView({ ticketId, meId }: { ticketId: string; meId: string }) {
  const model = useModel(() => new TicketModel(ticketId));
  useEffect(() => model.open(), []);
  const ticket = model.ticket.value;
  const errors = model.submission.fieldErrors.value;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.send();
  }

  if (!ticket) {
    const failed = model.loadError.value;
    return failed ? <p role="alert">{failed}</p> : <PageSkeleton label="Loading your request" />;
  }
  return (
    <div class="mx-auto w-full max-w-2xl space-y-4">
      <Link href={paths.help} class="text-sm font-medium text-indigo-700 underline">
        All your requests
      </Link>
      <h1 class="break-words text-2xl font-semibold">{ticket.subject}</h1>
      <p class="text-sm text-slate-600">
        {categoryLabels[ticket.category]} ·{' '}
        <span data-testid="ticket-status">{statusLabels[ticket.status]}</span>
      </p>
      <ol aria-label="Messages" class="space-y-3">
        {ticket.messages.map((m) => (
          <li
            key={m.id}
            class={`rounded-lg border p-3 ${m.author.id === meId ? 'border-slate-200 bg-white' : 'border-indigo-200 bg-indigo-50'}`}
          >
            <p class="mb-1 text-xs text-slate-600">
              {m.author.id === meId ? 'You' : `${m.author.displayName} (support)`} · {when(m.createdAt)}
            </p>
            <p class="whitespace-pre-wrap break-words">{m.body}</p>
          </li>
        ))}
      </ol>
      {ticket.status === 'closed' ? (
        <p class="text-sm text-slate-600">This request is closed. If you need more help, open a new one.</p>
      ) : (
        <form noValidate onSubmit={onSubmit} class="space-y-3">
          <Alert message={model.submission.formError.value} />
          <TextAreaField
            id="reply"
            label="Your reply"
            rows={3}
            maxLength={10_000}
            value={model.reply.value}
            onValue={(v) => (model.reply.value = v)}
            error={errors.body}
          />
          <SubmitButton pending={model.submission.pending.value}>Send reply</SubmitButton>
        </form>
      )}
    </div>
  );
}
