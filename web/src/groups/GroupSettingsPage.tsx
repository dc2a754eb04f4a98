import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { cardClass } from '../ui/styles.ts';
import { GroupAddMembers } from './GroupAddMembers.tsx';
import { GroupForm } from './GroupForm.tsx';
import { GroupLoadState } from './GroupLoadState.tsx';
import { GroupMembers } from './GroupMembers.tsx';
import { GroupModel } from './group.model.ts';

/** A group's members and settings: admins rename, add, promote and remove; anyone may leave. */
export function GroupSettingsPage({ groupId }: { groupId: string }) {
  return <SignedIn>{(me) => <Settings groupId={groupId} myId={me.id} />}</SignedIn>;
}

function Settings({ groupId, myId }: { groupId: string; myId: string }) {
  const model: GroupModel = useModel(() => new GroupModel(groupId));
  useEffect(() => {
    const abort = new AbortController();
    void model.load(abort.signal);
    return () => abort.abort();
  }, [model]);
  const isAdmin = model.isAdmin.value;
  useEffect(() => {
    if (isAdmin && model.connections.value === null) void model.loadConnections();
  }, [isAdmin, model]);

  const group = model.group.value;
  if (!group) return <GroupLoadState model={model} />;

  return (
    <div class="mx-auto w-full max-w-2xl space-y-6">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h1 class="break-words text-2xl font-semibold">{group.name}: members and settings</h1>
        <Link href={paths.group(groupId)} class="text-sm font-medium text-indigo-700 underline">
          Back to the chat
        </Link>
      </div>
      <Alert message={model.membership.formError.value} />
      <Status message={model.done.value} />
      {isAdmin && (
        <GroupForm
          id="settings"
          title="Name and description"
          descriptionLabel="Description"
          submitLabel="Save"
          name={model.name}
          description={model.description}
          submission={model.rename}
          onSubmit={model.save}
        />
      )}
      <GroupMembers model={model} group={group} myId={myId} />
      {isAdmin && <GroupAddMembers model={model} group={group} />}
      <section class={cardClass} aria-labelledby="leave-heading">
        <h2 id="leave-heading" class="mb-2 text-lg font-semibold">
          Leave the group
        </h2>
        <p class="mb-3 text-sm text-slate-600">
          {isAdmin && group.members.filter((m) => m.role === 'admin').length === 1 && group.members.length > 1
            ? 'You are the only admin: the member who has been here longest becomes admin when you leave.'
            : 'You can be added again by an admin later.'}
        </p>
        <ConfirmButton
          label="Leave group"
          question={`Leave ${group.name}?`}
          confirmLabel="Leave"
          busy={model.membership.pending.value}
          onConfirm={() => model.leave(myId)}
        />
      </section>
    </div>
  );
}
