import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorText } from '../lib/error-text.ts';
import { kindNames, moderationApi, reasonLabels, type MyReport } from './api.ts';

const outcomeText: Record<NonNullable<MyReport['outcome']>, string> = {
  dismissed: 'Reviewed: moderators found nothing against the rules',
  content_removed: 'Reviewed: the content was removed',
  user_suspended: 'Reviewed: the account was suspended',
};

const day = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));

/** The reports I filed and what moderators decided (the latest page). */
export function MyReports() {
  const reports = useSignal<MyReport[] | null>(null);
  const error = useSignal<string | null>(null);
  useEffect(() => {
    moderationApi.mine(null).then(
      (page) => (reports.value = page.reports),
      (err: unknown) => (error.value = errorText(err, 'Could not load your reports.')),
    );
  }, []);
  const list = reports.value;
  if (error.value) return <p role="alert">{error.value}</p>;
  if (list === null || list.length === 0) return null;
  return (
    <section aria-labelledby="my-reports-heading" class="space-y-2">
      <h2 id="my-reports-heading" class="text-lg font-semibold">
        Your reports
      </h2>
      <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {list.map((r) => (
          <li key={r.id} class="flex flex-wrap items-baseline justify-between gap-2 p-3 text-sm">
            <span>
              A {kindNames[r.kind]} · {reasonLabels[r.reason]} · {day(r.createdAt)}
            </span>
            <span class={r.outcome ? 'text-slate-800' : 'text-slate-600'}>
              {r.outcome ? outcomeText[r.outcome] : 'Waiting for moderators'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
