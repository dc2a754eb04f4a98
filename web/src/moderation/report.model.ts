import { createModel, signal } from '@preact/signals';
import { ApiError } from '../lib/http.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { moderationApi, type ReportInput, type ReportReason } from './api.ts';

export type ReportTarget = Pick<ReportInput, 'kind' | 'targetId' | 'doc'>;

/** One report being written: reason, details, and whether it went in (or was in already). */
export const ReportModel = createModel((target: ReportTarget) => {
  const reason = signal<ReportReason>('spam');
  const details = signal('');
  const done = signal<'filed' | 'already' | null>(null);
  const submission = new SubmissionModel((path) => (path === 'details' ? 'details' : null));
  return {
    reason,
    details,
    done,
    submission,
    async send() {
      let already = false;
      const filed = await submission.run(async () => {
        try {
          return await moderationApi.report({
            ...target,
            reason: reason.value,
            ...(details.value.trim() && { details: details.value.trim() }),
          });
        } catch (err) {
          // Reporting the same thing twice is no failure for the person: it is already with moderators.
          if (err instanceof ApiError && err.status === 409) {
            already = true;
            return null;
          }
          throw err;
        }
      });
      if (filed !== undefined) done.value = already ? 'already' : 'filed';
    },
  };
});
