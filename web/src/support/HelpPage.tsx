import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SignedIn } from '../identity/SignedIn.tsx';
import { Link } from '../lib/Link.tsx';
import { MyReports } from '../moderation/MyReports.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { cardClass, inputClass, labelClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { categoryLabels, statusLabels, type TicketCategory } from './api.ts';
import { HelpModel } from './help.model.ts';
import { Skeleton } from '../ui/Skeleton.tsx';

const askable = (Object.keys(categoryLabels) as TicketCategory[]).filter((c) => c !== 'appeal');

/** Help: ask support something and follow your requests. */
export function HelpPage() {
  return <SignedIn>{() => <Help />}</SignedIn>;
}

function Help() {
  const model = useModel(HelpModel);
  useEffect(() => model.open(), []);
  const errors = model.submission.fieldErrors.value;
  const tickets = model.tickets.value;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    await model.submit();
  }

  return (
    <div class="mx-auto w-full max-w-2xl space-y-6">
      <h1 class="text-2xl font-semibold">Help</h1>
      <section class={cardClass} aria-labelledby="ask-heading">
        <h2 id="ask-heading" class="mb-4 text-lg font-semibold">
          Ask support
        </h2>
        <form noValidate onSubmit={onSubmit} class="space-y-4">
          <Alert message={model.submission.formError.value} />
          <div>
            <label for="category" class={labelClass}>
              Topic
            </label>
            <select
              id="category"
              class={inputClass}
              value={model.category.value}
              onChange={(e) => (model.category.value = e.currentTarget.value as TicketCategory)}
            >
              {askable.map((c) => (
                <option key={c} value={c}>
                  {categoryLabels[c]}
                </option>
              ))}
            </select>
          </div>
          <TextField
            id="subject"
            label="Subject"
            maxLength={200}
            value={model.subject.value}
            onValue={(v) => (model.subject.value = v)}
            error={errors.subject}
          />
          <TextAreaField
            id="body"
            label="How can we help?"
            rows={5}
            maxLength={10_000}
            value={model.body.value}
            onValue={(v) => (model.body.value = v)}
            error={errors.body}
          />
          <SubmitButton pending={model.submission.pending.value}>Send request</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="mine-heading" class="space-y-2">
        <h2 id="mine-heading" class="text-lg font-semibold">
          Your requests
        </h2>
        {model.loadError.value && <p role="alert">{model.loadError.value}</p>}
        {tickets === null ? (
          <Skeleton label="Loading your requests" />
        ) : tickets.length === 0 ? (
          <p class="text-slate-600">You have not asked support anything yet.</p>
        ) : (
          <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {tickets.map((t) => (
              <li key={t.id} class="flex flex-wrap items-center justify-between gap-2 p-3">
                <Link
                  href={paths.helpTicket(t.id)}
                  class="min-w-0 break-words font-medium text-indigo-700 underline"
                >
                  {t.subject}
                </Link>
                <span class="text-sm text-slate-600">{statusLabels[t.status]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MyReports />
    </div>
  );
}
