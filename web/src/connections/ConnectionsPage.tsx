import type { VNode } from 'preact';
import { useEffect } from 'preact/hooks';
import { session } from '../identity/session.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { cardClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import type { Connection } from './api.ts';
import { BlockedList } from './BlockedList.tsx';
import { connections } from './connections.model.ts';
import { PersonRow } from './PersonRow.tsx';
import { PageSkeleton } from '../ui/Skeleton.tsx';

/** My requests (both ways), connections and blocks. */
export function ConnectionsPage() {
  const signedIn = session.signedIn.value;
  useEffect(() => {
    if (!signedIn) return;
    const abort = new AbortController();
    void connections.load(abort.signal);
    return () => abort.abort();
  }, [signedIn]);

  if (!signedIn) {
    return (
      <p>
        <Link href={paths.signIn} class="text-indigo-700 underline">
          Sign in
        </Link>{' '}
        to see your connections.
      </p>
    );
  }
  const status = connections.status.value;
  if (status === 'idle' || status === 'loading') return <PageSkeleton label="Loading connections" />;
  if (status === 'failed') return <p role="alert">{connections.loadError.value}</p>;

  const { incoming, outgoing, accepted } = connections.lists.value;
  return (
    <div class="mx-auto w-full max-w-2xl space-y-6">
      <h1 class="text-2xl font-semibold">Connections</h1>
      <Alert message={connections.actionError.value} />
      <Section
        id="incoming"
        title={`Requests for you (${incoming.length})`}
        empty="No requests waiting for you."
      >
        {incoming.map((c) => (
          <PersonRow key={c.id} user={c.user} note={c.message}>
            <ActionButton connection={c} primary onClick={() => connections.accept(c)}>
              Accept
            </ActionButton>
            <ActionButton connection={c} onClick={() => connections.decline(c)}>
              Decline
            </ActionButton>
          </PersonRow>
        ))}
      </Section>
      <Section
        id="outgoing"
        title={`Requests you sent (${outgoing.length})`}
        empty="No requests waiting for an answer."
      >
        {outgoing.map((c) => (
          <PersonRow key={c.id} user={c.user} note={c.message}>
            <ActionButton connection={c} onClick={() => connections.remove(c)}>
              Withdraw
            </ActionButton>
          </PersonRow>
        ))}
      </Section>
      <Section id="accepted" title={`Your connections (${accepted.length})`} empty="No connections yet.">
        {accepted.map((c) => (
          <PersonRow key={c.id} user={c.user}>
            <Link href={paths.conversation(c.user.id)} class={primaryButtonClass}>
              Message
            </Link>
            <ConfirmButton
              label="Disconnect"
              question={`Disconnect from ${c.user.displayName}?`}
              confirmLabel="Yes, disconnect"
              busy={connections.busy.value.has(c.id)}
              onConfirm={() => connections.remove(c)}
            />
          </PersonRow>
        ))}
      </Section>
      <BlockedList />
    </div>
  );
}

function Section({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  children: VNode[];
}) {
  return (
    <section class={cardClass} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="text-lg font-semibold">
        {title}
      </h2>
      {children.length === 0 ? (
        <p class="mt-2 text-slate-500">{empty}</p>
      ) : (
        <ul class="divide-y divide-slate-100">{children}</ul>
      )}
    </section>
  );
}

function ActionButton({
  connection,
  primary = false,
  onClick,
  children,
}: {
  connection: Connection;
  primary?: boolean;
  onClick: () => unknown;
  children: string;
}) {
  const busy = connections.busy.value.has(connection.id);
  return (
    <button
      type="button"
      class={primary ? primaryButtonClass : secondaryButtonClass}
      disabled={busy}
      aria-busy={busy}
      aria-label={`${children} ${connection.user.displayName}`}
      onClick={() => void onClick()}
    >
      {children}
    </button>
  );
}
