import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { cardClass, dangerButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import type { Session } from './api.ts';
import { CalendarLinks, MeetingLink } from './SessionLinks.tsx';
import type { SessionPageModel } from './session-page.model.ts';

/** The host's tools: edit (before the start), cancel (until the end) with an optional reason. */
export function HostActions({ model, session }: { model: SessionPageModel; session: Session }) {
  const asking = useSignal(false);
  const reason = useSignal('');
  const reasonRef = useRef<HTMLDivElement>(null);
  const pending = model.action.pending.value;
  useEffect(() => {
    if (asking.value) reasonRef.current?.querySelector('textarea')?.focus();
  }, [asking.value]);

  async function cancel(event: SubmitEvent) {
    event.preventDefault();
    if (await model.cancel(reason.value)) asking.value = false;
  }

  return (
    <section class={`space-y-3 ${cardClass}`} aria-labelledby="host-heading">
      <h2 id="host-heading" class="text-lg font-semibold">
        You host this session
      </h2>
      <Alert message={model.action.formError.value} />
      <MeetingLink session={session} />
      <div class="flex flex-wrap gap-2">
        {session.status === 'scheduled' && (
          <Link href={paths.editSession(session.id)} class={secondaryButtonClass}>
            Edit session
          </Link>
        )}
        <CalendarLinks session={session} />
        {session.status === 'scheduled' && !asking.value && (
          <button type="button" class={secondaryButtonClass} onClick={() => (asking.value = true)}>
            Cancel session
          </button>
        )}
      </div>
      {asking.value && session.status === 'scheduled' && (
        <form onSubmit={cancel} class="space-y-3" aria-label="Cancel this session">
          <div ref={reasonRef}>
            <TextAreaField
              id="cancel-reason"
              label="Reason (optional, sent to everyone registered)"
              rows={2}
              maxLength={1000}
              value={reason.value}
              onValue={(v) => (reason.value = v)}
            />
          </div>
          <div class="flex flex-wrap gap-2">
            <button type="submit" class={dangerButtonClass} disabled={pending} aria-busy={pending}>
              Cancel the session
            </button>
            <button type="button" class={secondaryButtonClass} onClick={() => (asking.value = false)}>
              Keep it
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
