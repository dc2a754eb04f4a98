import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, errorProps } from '../ui/FieldError.tsx';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { cardClass, inputClass, labelClass } from '../ui/styles.ts';
import { GroupsModel, maxGroupDescription, maxGroupName } from './groups.model.ts';

export function GroupsPage() {
  return <SignedIn>{() => <Groups />}</SignedIn>;
}

function Groups() {
  const model = useModel(GroupsModel);
  useEffect(() => model.follow(), [model]);
  const list = model.list.value;
  const { fieldErrors, formError, pending } = model.submission;

  return (
    <div class="mx-auto w-full max-w-2xl space-y-6">
      <h1 class="text-2xl font-semibold">My groups</h1>
      <section aria-label="Groups you belong to" class={cardClass}>
        {list.status === 'loading' && <p class="text-slate-600">Loading groups…</p>}
        {list.status === 'failed' && <p role="alert">{list.message}</p>}
        {list.status === 'ready' &&
          (list.groups.length === 0 ? (
            <p class="text-slate-600">You are not in any group yet. Create one below.</p>
          ) : (
            <ul class="divide-y divide-slate-100">
              {list.groups.map((g) => (
                <li key={g.id} class="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div class="min-w-0">
                    <Link href={paths.group(g.id)} class="break-words font-medium text-indigo-700 underline">
                      {g.name}
                    </Link>
                    {g.description && <p class="break-words text-sm text-slate-600">{g.description}</p>}
                  </div>
                  <span class="text-xs text-slate-500">
                    {g.memberCount} {g.memberCount === 1 ? 'member' : 'members'}
                    {g.role === 'admin' && ' · you are admin'}
                  </span>
                </li>
              ))}
            </ul>
          ))}
      </section>

      <section aria-labelledby="create-group" class={cardClass}>
        <h2 id="create-group" class="mb-3 text-lg font-semibold">
          Create a group
        </h2>
        <form
          class="space-y-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void model.create();
          }}
        >
          <TextField
            id="group-name"
            label="Name"
            value={model.name.value}
            onValue={(v) => (model.name.value = v)}
            error={fieldErrors.value.name}
            required
            maxLength={maxGroupName}
          />
          <div>
            <label for="group-description" class={labelClass}>
              Description (optional)
            </label>
            <textarea
              id="group-description"
              class={inputClass}
              rows={3}
              maxLength={maxGroupDescription}
              value={model.description.value}
              onInput={(e) => (model.description.value = e.currentTarget.value)}
              {...errorProps('group-description', fieldErrors.value.description)}
            />
            <FieldError fieldId="group-description" message={fieldErrors.value.description} />
          </div>
          <Alert message={formError.value} />
          <SubmitButton pending={pending.value}>Create group</SubmitButton>
        </form>
      </section>
    </div>
  );
}
