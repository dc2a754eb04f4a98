import { useModel } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { labelClass, secondaryButtonClass } from '../ui/styles.ts';
import { SubmitButton } from '../ui/SubmitButton.tsx';
import { TextAreaField } from '../ui/TextAreaField.tsx';
import { kindNames, reasonLabels, type ReportReason } from './api.ts';
import { ReportModel, type ReportTarget } from './report.model.ts';

const linkStyle = 'text-xs text-slate-600 underline hover:text-slate-900';

/**
 * "Report" for anything people can report (docs/api.md, "Reports and support"): opens a small modal
 * dialog for the reason and details. `look` picks a link-sized or a button-sized trigger.
 */
export function ReportButton({ target, look = 'link' }: { target: ReportTarget; look?: 'link' | 'button' }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const model = useModel(() => new ReportModel(target));
  const what = kindNames[target.kind];
  const id = `report-${target.kind}-${target.targetId}`;
  const done = model.done.value;

  return (
    <>
      <button
        type="button"
        class={look === 'link' ? linkStyle : secondaryButtonClass}
        onClick={() => dialog.current?.showModal()}
        aria-haspopup="dialog"
      >
        Report
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        class="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div class="space-y-4 p-4 text-left text-base text-slate-900">
          <h2 id={`${id}-title`} class="text-lg font-semibold">
            Report this {what}
          </h2>
          {done ? (
            <>
              <p role="status">
                {done === 'filed'
                  ? 'Thank you. Moderators will look at it; you can follow what happens under Help.'
                  : 'You have already reported this. Moderators will look at it.'}
              </p>
              <div class="flex flex-wrap gap-2">
                <Link href={paths.help} class={secondaryButtonClass}>
                  See my reports
                </Link>
                <button type="button" class={secondaryButtonClass} onClick={() => dialog.current?.close()}>
                  Close
                </button>
              </div>
            </>
          ) : (
            <form
              noValidate
              class="space-y-4"
              onSubmit={(e) => {
                e.preventDefault();
                void model.send();
              }}
            >
              <Alert message={model.submission.formError.value} />
              <fieldset>
                <legend class={labelClass}>What is wrong?</legend>
                <div class="space-y-1">
                  {(Object.keys(reasonLabels) as ReportReason[]).map((r) => (
                    <label key={r} class="flex items-center gap-2 text-sm">
                      <input
                        type="radio"
                        name={`${id}-reason`}
                        value={r}
                        checked={model.reason.value === r}
                        onChange={() => (model.reason.value = r)}
                      />
                      {reasonLabels[r]}
                    </label>
                  ))}
                </div>
              </fieldset>
              <TextAreaField
                id={`${id}-details`}
                label="Details (optional)"
                rows={3}
                maxLength={2_000}
                value={model.details.value}
                onValue={(v) => (model.details.value = v)}
                error={model.submission.fieldErrors.value.details}
              />
              <div class="flex flex-wrap gap-2">
                <SubmitButton pending={model.submission.pending.value}>Send report</SubmitButton>
                <button type="button" class={secondaryButtonClass} onClick={() => dialog.current?.close()}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </div>
      </dialog>
    </>
  );
}
