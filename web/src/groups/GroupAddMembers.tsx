import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { GroupDetails } from './api.ts';
import type { GroupModel } from './group.model.ts';

/** The admins' way to add people: from their connections, or by a pasted profile link or user id. */
export function GroupAddMembers({ model, group }: { model: GroupModel; group: GroupDetails }) {
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
