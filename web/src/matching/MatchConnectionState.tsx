import { connections, relationTo } from '../connections/connections.model.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Status } from '../ui/Status.tsx';
import { primaryButtonClass } from '../ui/styles.ts';
import { MatchConnectForm } from './MatchConnectForm.tsx';

/** The connections slice's lists say whether to offer a request, report one, or link to the conversation. */
export function MatchConnectionState({ userId, name }: { userId: string; name: string }) {
  const relation = relationTo(connections.lists.value, userId);
  switch (relation.kind) {
    case 'none':
      return <MatchConnectForm userId={userId} name={name} />;
    case 'outgoing':
      return <Status message={`Request sent to ${name}.`} />;
    case 'incoming':
      return (
        <p class="text-sm">
          {name} asked to connect with you.{' '}
          <Link href={paths.connections} class="text-indigo-700 underline">
            Answer the request
          </Link>
        </p>
      );
    case 'connected':
      return (
        <p class="flex flex-wrap items-center gap-3 text-sm">
          <span class="flex-1">You are connected with {name}.</span>
          <Link href={paths.conversation(userId)} class={primaryButtonClass}>
            Message
          </Link>
        </p>
      );
    default: {
      const _never: never = relation;
      return _never;
    }
  }
}
