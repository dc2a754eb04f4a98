import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import type { GroupModel } from './group.model.ts';

/** What to show while a group loads or when it cannot be shown. */
export function GroupLoadState({ model }: { model: GroupModel }) {
  const state = model.state.value;
  switch (state.status) {
    case 'loading':
      return <p class="text-slate-600">Loading group…</p>;
    case 'notFound':
      return <p role="alert">There is no group at this address.</p>;
    case 'forbidden':
      return (
        <div role="alert" class="space-y-2">
          <p>{state.message}</p>
          <Link href={paths.groups} class="text-indigo-700 underline">
            Back to my groups
          </Link>
        </div>
      );
    case 'failed':
      return <p role="alert">{state.message}</p>;
    case 'ready':
      return null;
    default: {
      const _never: never = state;
      return _never;
    }
  }
}
