import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { FieldError, fieldErrorId } from '../ui/FieldError.tsx';
import { Status } from '../ui/Status.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import type { AdminUserDetail } from './api.ts';
import { when } from './format.ts';
import { LogFilters, LogList } from './LogList.tsx';
import { PagedResults } from './PagedResults.tsx';
import { assignableRoles, canEdit, canSuspend, roleLabels, type Role } from './roles.ts';
import { UserModel } from './user.model.ts';
import { statusLabels } from './UsersPage.tsx';

const countLabels: Record<keyof AdminUserDetail['counts'], string> = {
  connections: 'Connections',
  messagesSent: 'Messages sent',
  sessionsHosted: 'Sessions hosted',
  registrations: 'Registrations',
  reviewsWritten: 'Reviews written',
};

/** One account (admin): counts, activity, and only the actions the viewer's role allows. */
export function UserPage({ me, userId }: { me: Me; userId: string }) {
  const model = useModel(() => new UserModel(userId));
  useEffect(() => void model.load(), []);
  const user = model.user.value;
  if (!user)
    return <p role={model.loadError.value ? 'alert' : undefined}>{model.loadError.value ?? 'Loading…'}</p>;
  const self = user.id === me.id;
  const roleChoices = assignableRoles(me.role, user.role, self);

  return (
    <div class="space-y-6">
      <Link href={paths.admin('users')} class="text-sm font-medium text-indigo-700 underline">
        All users
      </Link>
      <section class="flex items-start gap-4" aria-labelledby="user-heading">
        <UserAvatar name={user.displayName} url={user.avatarUrl} size="md" alt="" />
        <div class="min-w-0 space-y-1">
          <h1 id="user-heading" class="break-words text-2xl font-semibold">
            {user.displayName}
          </h1>
          <p class="break-all text-sm text-slate-700">{user.email}</p>
          <p class="text-sm text-slate-600">
            {roleLabels[user.role]} ·{' '}
            <span data-testid="account-status" class={user.status === 'suspended' ? 'text-red-700' : ''}>
              {statusLabels[user.status]}
            </span>{' '}
            · joined {when(user.createdAt)} · last active {when(user.lastActiveAt)}
          </p>
          <Link href={paths.user(user.id)} class="text-sm text-indigo-700 underline">
            Public profile
          </Link>
        </div>
      </section>
      <Status message={model.saved.value} />
      {user.suspension && (
        <div class="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          Suspended {user.suspension.until ? `until ${when(user.suspension.until)}` : 'until further notice'}.
          Reason: {user.suspension.reason}
        </div>
      )}
      <dl class="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {(Object.keys(countLabels) as (keyof AdminUserDetail['counts'])[]).map((k) => (
          <div key={k} class="rounded-lg border border-slate-200 bg-white p-3">
            <dt class="text-xs text-slate-600">{countLabels[k]}</dt>
            <dd class="text-xl font-semibold">{user.counts[k]}</dd>
          </div>
        ))}
      </dl>
      <Alert message={model.action.formError.value} />
      {canSuspend(me.role, user.role, self) && (
        <SuspendSection model={model} suspended={user.status === 'suspended'} />
      )}
      {roleChoices.length > 0 && <RoleSection model={model} current={user.role} choices={roleChoices} />}
      {canEdit(me.role, user.role) && <EditSection model={model} />}
      <section class="space-y-3" aria-labelledby="activity-heading">
        <h2 id="activity-heading" class="text-lg font-semibold">
          Activity
        </h2>
        <LogFilters
          idPrefix="activity"
          filter={model.filter.value}
          onChange={(k, v) => model.setFilter(k, v)}
          onSubmit={() => void model.activity.reload()}
        />
        <PagedResults list={model.activity} empty="Nothing recorded." label="Activity entries">
          {(entries) => <LogList entries={entries} />}
        </PagedResults>
      </section>
    </div>
  );
}

type Model = InstanceType<typeof UserModel>;

function SuspendSection({ model, suspended }: { model: Model; suspended: boolean }) {
  const errors = model.suspension.fieldErrors.value;
  return (
    <section class={cardClass} aria-labelledby="suspend-heading">
      <h2 id="suspend-heading" class="mb-3 text-lg font-semibold">
        {suspended ? 'Suspension' : 'Suspend'}
      </h2>
      {suspended ? (
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={model.action.pending.value}
          onClick={() => void model.unsuspend()}
        >
          Lift the suspension
        </button>
      ) : (
        <form
          noValidate
          class="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void model.suspend();
          }}
        >
          <Alert message={model.suspension.formError.value} />
          <TextAreaField
            id="suspend-reason"
            label="Reason (the person reads it)"
            rows={2}
            maxLength={1_000}
            value={model.reason.value}
            onValue={(v) => (model.reason.value = v)}
            error={errors.reason}
          />
          <div>
            <label for="suspend-until" class={labelClass}>
              Until (optional; empty means until lifted)
            </label>
            <input
              id="suspend-until"
              type="datetime-local"
              class={inputClass}
              value={model.until.value}
              onInput={(e) => (model.until.value = e.currentTarget.value)}
              aria-invalid={errors.until ? true : undefined}
              aria-describedby={errors.until ? fieldErrorId('suspend-until') : undefined}
            />
            <FieldError fieldId="suspend-until" message={errors.until} />
          </div>
          <SubmitButton pending={model.suspension.pending.value}>Suspend account</SubmitButton>
        </form>
      )}
    </section>
  );
}

function RoleSection({ model, current, choices }: { model: Model; current: Role; choices: Role[] }) {
  return (
    <section class={cardClass} aria-labelledby="role-heading">
      <h2 id="role-heading" class="mb-3 text-lg font-semibold">
        Role
      </h2>
      <form
        key={current}
        class="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const role = new FormData(e.currentTarget).get('role');
          const chosen = choices.find((r) => r === role);
          if (chosen && chosen !== current) void model.setRole(chosen);
        }}
      >
        <div>
          <label for="user-role-select" class={labelClass}>
            Role
          </label>
          <select id="user-role-select" name="role" class={inputClass} defaultValue={current}>
            {!choices.includes(current) && <option value={current}>{roleLabels[current]}</option>}
            {choices.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class={secondaryButtonClass} disabled={model.action.pending.value}>
          Change role
        </button>
      </form>
    </section>
  );
}

function EditSection({ model }: { model: Model }) {
  const errors = model.edit.fieldErrors.value;
  return (
    <section class={cardClass} aria-labelledby="edit-heading">
      <h2 id="edit-heading" class="mb-3 text-lg font-semibold">
        Profile
      </h2>
      <form
        noValidate
        class="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <Alert message={model.edit.formError.value} />
        <TextField
          id="edit-name"
          label="Display name"
          value={model.displayName.value}
          onValue={(v) => (model.displayName.value = v)}
          error={errors.displayName}
        />
        <TextAreaField
          id="edit-bio"
          label="Bio"
          rows={3}
          maxLength={2_000}
          value={model.bio.value}
          onValue={(v) => (model.bio.value = v)}
          error={errors.bio}
        />
        <SubmitButton pending={model.edit.pending.value}>Save profile</SubmitButton>
      </form>
    </section>
  );
}
