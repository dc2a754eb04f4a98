import { CallButton } from '../calls/CallButton.tsx';
import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Room } from '../rooms/Room.tsx';
import { secondaryButtonClass } from '../ui/styles.ts';
import { GroupModel } from './group.model.ts';
import { GroupLoadState } from './GroupLoadState.tsx';

/** A group's page: its name, description and member count above the group's room. */
export function GroupPage({ groupId }: { groupId: string }) {
  return (
    <SignedIn>{(me) => <GroupView groupId={groupId} me={{ id: me.id, name: me.displayName }} />}</SignedIn>
  );
}

function GroupView({ groupId, me }: { groupId: string; me: { id: string; name: string } }) {
  const model: GroupModel = useModel(() => new GroupModel(groupId));
  useEffect(() => {
    const abort = new AbortController();
    void model.load(abort.signal);
    return () => abort.abort();
  }, [model]);
  const group = model.group.value;
  if (!group) return <GroupLoadState model={model} />;

  return (
    <Room
      docName={`group-${groupId}`}
      me={me}
      canModerate={model.canModerate}
      header={
        <div class="flex flex-wrap items-start justify-between gap-2">
          <div class="min-w-0">
            <h1 class="text-2xl font-semibold [overflow-wrap:anywhere]">{group.name}</h1>
            {group.description && (
              <p class="line-clamp-2 text-sm text-slate-600 [overflow-wrap:anywhere]">{group.description}</p>
            )}
            <p class="text-xs text-slate-500">
              {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
            </p>
          </div>
          <div class="flex flex-wrap gap-2">
            <CallButton target={{ groupId }} title={group.name} label="Group call" />
            <Link href={paths.groupSettings(groupId)} class={secondaryButtonClass}>
              {group.role === 'admin' ? 'Manage group' : 'Members'}
            </Link>
          </div>
        </div>
      }
    />
  );
}
