import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { cardClass } from '../ui/styles.ts';
import { GroupForm } from './GroupForm.tsx';
import { GroupsModel } from './groups.model.ts';

/** The groups I belong to, and the form that creates a new one. */
export function GroupsPage() {
  return <SignedIn>{() => <Groups />}</SignedIn>;
}

function Groups() {
  const model = useModel(GroupsModel);
  useEffect(() => model.follow(), [model]);
  const list = model.list.value;

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

      <GroupForm
        id="group"
        title="Create a group"
        descriptionLabel="Description (optional)"
        submitLabel="Create group"
        name={model.name}
        description={model.description}
        submission={model.submission}
        onSubmit={model.create}
      />
    </div>
  );
}
