import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { GroupDetails } from './api.ts';
import { GroupLoadState } from './GroupLoadState.tsx';
import { GroupModel } from './group.model.ts';
import { maxGroupDescription, maxGroupName } from './groups.model.ts';

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
      {isAdmin && <RenameForm model={model} />}
      <Members model={model} group={group} myId={myId} />
      {isAdmin && <AddMembers model={model} group={group} />}
      <section class={cardClass} aria-labelledby="leave-heading">
        <h2 id="leave-heading" class="mb-2 text-lg font-semibold">
          Leave the group
        </h2>
        <p class="mb-3 text-sm text-slate-600">
          {isAdmin && group.members.filter((m) => m.role === 'admin').length === 1 && group.members.length > 1
            ? 'You are the only admin: the member who has been here longest becomes admin when you leave.'
            : 'You can be added again by an admin later.'}
        </p>
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={model.membership.pending.value}
          onClick={() => {
            if (window.confirm(`Leave ${group.name}?`)) void model.leave(myId);
          }}
        >
          Leave group
        </button>
      </section>
    </div>
  );
}

function RenameForm({ model }: { model: GroupModel }) {
  const { fieldErrors, formError, pending } = model.rename;
  return (
    <section class={cardClass} aria-labelledby="rename-heading">
      <h2 id="rename-heading" class="mb-3 text-lg font-semibold">
        Name and description
      </h2>
      <form
        class="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <TextField
          id="settings-name"
          label="Name"
          value={model.name.value}
          onValue={(v) => (model.name.value = v)}
          error={fieldErrors.value.name}
          required
          maxLength={maxGroupName}
        />
        <div>
          <label for="settings-description" class={labelClass}>
            Description
          </label>
          <textarea
            id="settings-description"
            class={inputClass}
            rows={3}
            maxLength={maxGroupDescription}
            value={model.description.value}
            onInput={(e) => (model.description.value = e.currentTarget.value)}
            {...errorProps('settings-description', fieldErrors.value.description)}
          />
          <FieldError fieldId="settings-description" message={fieldErrors.value.description} />
        </div>
        <Alert message={formError.value} />
        <SubmitButton pending={pending.value}>Save</SubmitButton>
      </form>
    </section>
  );
}

function Members({ model, group, myId }: { model: GroupModel; group: GroupDetails; myId: string }) {
  const isAdmin = model.isAdmin.value;
  const busy = model.membership.pending.value;
  return (
    <section class={cardClass} aria-labelledby="members-heading">
      <h2 id="members-heading" class="mb-3 text-lg font-semibold">
        Members ({group.members.length})
      </h2>
      <ul class="divide-y divide-slate-100">
        {group.members.map(({ user, role }) => {
          const name = user.displayName ?? 'Former member';
          return (
            <li key={user.id} class="flex flex-wrap items-center gap-3 py-2">
              <UserAvatar name={name} url={user.avatarUrl} size="sm" alt="" />
              <Link href={paths.user(user.id)} class="min-w-0 flex-1 break-words font-medium">
                {name}
                {user.id === myId && ' (you)'}
              </Link>
              <span class="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {role === 'admin' ? 'Admin' : 'Member'}
              </span>
              {isAdmin && role === 'member' && (
                <span class="flex gap-2">
                  <button
                    type="button"
                    class={secondaryButtonClass}
                    disabled={busy}
                    onClick={() => void model.promote(user.id)}
                    aria-label={`Make ${name} an admin`}
                  >
                    Make admin
                  </button>
                  <button
                    type="button"
                    class={secondaryButtonClass}
                    disabled={busy}
                    onClick={() => {
                      if (window.confirm(`Remove ${name} from the group?`)) void model.remove(user.id);
                    }}
                    aria-label={`Remove ${name}`}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AddMembers({ model, group }: { model: GroupModel; group: GroupDetails }) {
  const memberIds = new Set(group.members.map((m) => m.user.id));
  const candidates = (model.connections.value ?? []).filter((c) => !memberIds.has(c.id));
  const busy = model.membership.pending.value;
  const pastedError = model.membership.fieldErrors.value.pasted;
  return (
    <section class={cardClass} aria-labelledby="add-heading">
      <h2 id="add-heading" class="mb-3 text-lg font-semibold">
        Add people
      </h2>
      <h3 class="mb-2 text-sm font-semibold text-slate-700">From your connections</h3>
      {model.connectionsError.value ? (
        <p class="text-sm text-slate-600">{model.connectionsError.value}</p>
      ) : model.connections.value === null ? (
        <p class="text-sm text-slate-600">Loading your connections…</p>
      ) : candidates.length === 0 ? (
        <p class="text-sm text-slate-600">All your connections are already here, or you have none yet.</p>
      ) : (
        <ul class="mb-2 divide-y divide-slate-100">
          {candidates.map((person) => (
            <li key={person.id} class="flex flex-wrap items-center gap-3 py-2">
              <UserAvatar name={person.displayName} url={person.avatarUrl} size="sm" alt="" />
              <span class="min-w-0 flex-1 break-words">{person.displayName}</span>
              <button
                type="button"
                class={secondaryButtonClass}
                disabled={busy}
                onClick={() => void model.add(person.id)}
                aria-label={`Add ${person.displayName}`}
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="mt-4 flex flex-wrap items-end gap-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void model.addPasted();
        }}
      >
        <div class="min-w-0 flex-1">
          <label for="add-pasted" class={labelClass}>
            Profile link or user id
          </label>
          <input
            id="add-pasted"
            type="text"
            class={inputClass}
            value={model.pasted.value}
            onInput={(e) => (model.pasted.value = e.currentTarget.value)}
            {...errorProps('add-pasted', pastedError)}
          />
        </div>
        <button type="submit" class={secondaryButtonClass} disabled={busy}>
          Add
        </button>
        <div class="w-full">
          <FieldError fieldId="add-pasted" message={pastedError} />
        </div>
      </form>
    </section>
  );
}
