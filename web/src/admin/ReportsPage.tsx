import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Me } from '../identity/api.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { cardClass, labelClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import type { QueueItem, ResolveInput } from './api.ts';
import { when } from './format.ts';
import { PagedResults } from './PagedResults.tsx';
import { itemKey, ReportsModel, ResolveModel, type QueueStatus } from './reports.model.ts';
import { atLeast } from './roles.ts';

const kindLabels: Record<QueueItem['kind'], string> = {
  user: 'Profile',
  direct_message: 'Direct message',
  wall_message: 'Wall post',
  group_message: 'Group message',
  session: 'Session',
  review: 'Review',
};
const reasonLabels: Record<QueueItem['reports'][number]['reason'], string> = {
  spam: 'Spam',
  harassment: 'Harassment',
  inappropriate: 'Inappropriate',
  other: 'Other',
};
export const outcomeLabels: Record<NonNullable<QueueItem['outcome']>, string> = {
  dismissed: 'Dismissed',
  content_removed: 'Content removed',
  user_suspended: 'Author suspended',
};
const actionLabels: Record<ResolveInput['action'], string> = {
  dismiss: 'Dismiss: nothing wrong',
  remove_content: 'Remove the content',
  suspend_user: 'Suspend the author',
};

/** The moderation queue (moderators): reports of one thing grouped, with the thing in context. */
export function ReportsPage({ me }: { me: Me }) {
  const model = useModel(ReportsModel);
  useEffect(() => void model.list.reload(), []);
  const status = model.status.value;

  return (
    <section class="space-y-4" aria-labelledby="reports-heading">
      <div class="flex flex-wrap items-end justify-between gap-3">
        <h1 id="reports-heading" class="text-2xl font-semibold">
          Reports
        </h1>
        <div role="group" aria-label="Which reports" class="flex gap-1">
          {(['open', 'resolved'] as QueueStatus[]).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={status === s}
              onClick={() => model.show(s)}
              class={`rounded-md px-3 py-1.5 text-sm font-medium ${status === s ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300'}`}
            >
              {s === 'open' ? 'Open' : 'Resolved'}
            </button>
          ))}
        </div>
      </div>
      <PagedResults
        list={model.list}
        empty={status === 'open' ? 'Nothing to review. Well done.' : 'Nothing resolved yet.'}
        label="Reported items"
      >
        {(items) => (
          <ul class="space-y-4">
            {items.map((item) => (
              <li key={itemKey(item)}>
                <ReportItem item={item} me={me} onResolved={(next) => model.list.replace(next)} />
              </li>
            ))}
          </ul>
        )}
      </PagedResults>
    </section>
  );
}

/** Where the reported thing lives, for moderators to see it in its place. */
function contextLink(item: QueueItem): { href: string; label: string } | null {
  switch (item.kind) {
    case 'user':
      return { href: paths.user(item.targetId), label: 'Open the profile' };
    case 'session':
      return { href: paths.session(item.targetId), label: 'Open the session' };
    case 'wall_message':
      return { href: paths.wall, label: 'Open the wall' };
    case 'group_message': {
      const groupId = item.doc?.replace(/^group-/, '');
      return groupId ? { href: paths.group(groupId), label: 'Open the group' } : null;
    }
    default:
      return null;
  }
}

function ReportItem({
  item,
  me,
  onResolved,
}: {
  item: QueueItem;
  me: Me;
  onResolved: (i: QueueItem) => void;
}) {
  const content = item.content;
  const author = content?.author;
  const link = contextLink(item);
  const label = `${kindLabels[item.kind]}${author ? ` by ${author.displayName}` : ''}`;
  return (
    <article class={`${cardClass} space-y-3`} aria-label={label}>
      <header class="flex flex-wrap items-baseline justify-between gap-2">
        <h2 class="font-semibold">
          {kindLabels[item.kind]}
          {author && (
            <>
              {' by '}
              <Link
                href={atLeast(me.role, 'admin') ? paths.admin('users', author.id) : paths.user(author.id)}
                class="text-indigo-700 underline"
              >
                {author.displayName}
              </Link>
            </>
          )}
        </h2>
        <span class="text-sm text-slate-600">
          {item.reports.length} {item.reports.length === 1 ? 'report' : 'reports'}
        </span>
      </header>
      {content ? (
        <blockquote class="rounded-md border-l-4 border-slate-300 bg-slate-50 p-3">
          {content.text ? (
            <p class="whitespace-pre-wrap break-words" data-testid="reported-content">
              {content.text}
            </p>
          ) : (
            <p class="text-slate-600">(no text)</p>
          )}
          <p class="mt-1 text-xs text-slate-600">
            {content.createdAt && when(content.createdAt)}
            {content.removed && <span class="ml-2 font-medium text-red-700">Removed</span>}
          </p>
        </blockquote>
      ) : (
        <p class="text-sm text-slate-600">The reported content no longer exists.</p>
      )}
      {link && (
        <Link href={link.href} class="text-sm text-indigo-700 underline">
          {link.label}
        </Link>
      )}
      <ul class="space-y-1 text-sm">
        {item.reports.map((r) => (
          <li key={r.id} class="break-words">
            <span class="font-medium">{reasonLabels[r.reason]}</span> from{' '}
            {r.reporter?.displayName ?? 'a deleted user'}, {when(r.createdAt)}
            {r.details && <span class="block text-slate-700">“{r.details}”</span>}
          </li>
        ))}
      </ul>
      {item.status === 'open' ? (
        <ResolveForm item={item} onResolved={onResolved} />
      ) : (
        <p class="text-sm font-medium" data-testid="report-outcome">
          {item.outcome ? outcomeLabels[item.outcome] : 'Resolved'}
        </p>
      )}
    </article>
  );
}

function ResolveForm({ item, onResolved }: { item: QueueItem; onResolved: (i: QueueItem) => void }) {
  const firstId = item.reports[0]?.id ?? '';
  const model = useModel(() => new ResolveModel(firstId, onResolved));
  const actions = (Object.keys(actionLabels) as ResolveInput['action'][]).filter(
    (a) =>
      !(a === 'remove_content' && item.kind === 'user') && !(a === 'suspend_user' && !item.content?.author),
  );
  const name = `action-${firstId}`;
  return (
    <form
      noValidate
      class="space-y-3 border-t border-slate-200 pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        void model.resolve();
      }}
    >
      <Alert message={model.submission.formError.value} />
      <fieldset>
        <legend class={labelClass}>Decision</legend>
        <div class="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-4">
          {actions.map((a) => (
            <label key={a} class="inline-flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={name}
                value={a}
                checked={model.action.value === a}
                onChange={() => (model.action.value = a)}
              />
              {actionLabels[a]}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        id={`note-${firstId}`}
        label={model.action.value === 'suspend_user' ? 'Note (the author reads it as the reason)' : 'Note'}
        rows={2}
        maxLength={2_000}
        value={model.note.value}
        onValue={(v) => (model.note.value = v)}
        error={model.submission.fieldErrors.value.note}
      />
      <SubmitButton pending={model.submission.pending.value}>Resolve</SubmitButton>
    </form>
  );
}
