import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Alert } from '../ui/Alert.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { Status } from '../ui/Status.tsx';
import { cardClass } from '../ui/styles.ts';
import type { SignIn } from './api.ts';
import { SignInsModel } from './settings.model.ts';

/** "Chrome on Android" from a user agent string: enough to recognise one's own devices. */
function browserName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The browsers signed in to the account; the others can be signed out in one go. */
export function SignInsList() {
  const model = useModel(SignInsModel);
  useEffect(() => void model.load(), [model]);
  const list = model.list.value;
  const others = (list ?? []).filter((s) => !s.current).length;
  return (
    <section class={`space-y-3 ${cardClass}`} aria-labelledby="sign-ins-heading">
      <h2 id="sign-ins-heading" class="text-lg font-semibold">
        Signed-in browsers
      </h2>
      <Alert message={model.error.value} />
      {list === null ? (
        !model.error.value && <Skeleton lines={2} label="Loading your signed-in browsers" />
      ) : (
        <ul class="divide-y divide-slate-100" aria-label="Signed-in browsers">
          {list.map((s) => (
            <SignInRow key={s.id} signIn={s} />
          ))}
        </ul>
      )}
      {others > 0 && (
        <ConfirmButton
          label="Sign out all other browsers"
          question={`Sign out ${others === 1 ? 'the other browser' : `the ${others} other browsers`}?`}
          confirmLabel="Sign them out"
          busy={model.busy.value}
          onConfirm={model.signOutOthers}
        />
      )}
      <Status message={model.message.value} />
    </section>
  );
}

function SignInRow({ signIn: s }: { signIn: SignIn }) {
  return (
    <li class="py-2 text-sm">
      <span class="font-medium">{browserName(s.userAgent)}</span>
      {s.current && (
        <span class="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
          This browser
        </span>
      )}
      <span class="block text-slate-600">
        Signed in {when.format(new Date(s.createdAt))}
        {s.ip && ` from ${s.ip}`} · last seen {when.format(new Date(s.lastSeenAt))}
      </span>
    </li>
  );
}
