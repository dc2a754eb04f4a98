import { session as signIn } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { cardClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import type { Session } from './api.ts';
import { CalendarLinks, MeetingLink } from './SessionLinks.tsx';
import type { SessionPageModel } from './session-page.model.ts';

/** The viewer's place: register (or join the waitlist), their seat or place in line, and leaving. */
export function RegistrationPanel({ model, session }: { model: SessionPageModel; session: Session }) {
  const pending = model.action.pending.value;
  const full = session.registered >= session.capacity;
  const open = session.status === 'scheduled';
  const button = (label: string, onClick: () => unknown, primary = false) => (
    <button
      type="button"
      class={primary ? primaryButtonClass : secondaryButtonClass}
      disabled={pending}
      aria-busy={pending}
      onClick={() => void onClick()}
    >
      {label}
    </button>
  );

  let body;
  if (session.status === 'cancelled') {
    body = <p class="text-slate-700">This session was cancelled, so there is nothing to attend.</p>;
  } else if (!signIn.signedIn.value) {
    body = open && (
      <p>
        <Link href={paths.signIn} class="text-indigo-700 underline">
          Sign in
        </Link>{' '}
        to register for this session.
      </p>
    );
  } else if (session.myRegistration === 'registered') {
    body = (
      <>
        <p class="font-medium text-emerald-800">
          {session.status === 'ended' ? 'You had a seat in this session.' : 'You have a seat.'}
        </p>
        <MeetingLink session={session} />
        {open && button('Leave session', model.leave)}
      </>
    );
  } else if (session.myRegistration === 'waitlisted') {
    body = (
      <>
        <p class="font-medium text-amber-800">
          You are number {session.waitlistPosition} on the waitlist. If a seat frees up, it is yours and we
          tell you at once.
        </p>
        {open && button('Leave waitlist', model.leave)}
      </>
    );
  } else if (open) {
    body = button(full ? 'Join waitlist' : 'Register', model.register, true);
  }

  return (
    <section class={`space-y-3 ${cardClass}`} aria-labelledby="registration-heading">
      <h2 id="registration-heading" class="text-lg font-semibold">
        Your place
      </h2>
      <Alert message={model.action.formError.value} />
      {body || <p class="text-slate-600">Registration is closed.</p>}
      <CalendarLinks session={session} />
    </section>
  );
}
