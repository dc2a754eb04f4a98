import { createModel, signal } from '@preact/signals';
import { SubmissionModel } from '../lib/submission.model.ts';
import { adminApi, type QueueItem, type ResolveInput } from './api.ts';
import { pagedList } from './paged-list.ts';

export type QueueStatus = 'open' | 'resolved';
export const itemKey = (i: QueueItem) => `${i.kind}:${i.doc ?? ''}:${i.targetId}`;

/** The moderation queue: open items oldest first (or resolved ones, newest first), a page at a time. */
export const ReportsModel = createModel(() => {
  const status = signal<QueueStatus>('open');
  const list = pagedList<QueueItem>(
    (cursor) =>
      adminApi.reports(status.value, cursor).then((p) => ({ items: p.items, nextCursor: p.nextCursor })),
    itemKey,
  );
  return {
    status,
    list,
    show(next: QueueStatus) {
      status.value = next;
      void list.reload();
    },
  };
});

/** Resolving one item: the action, the note, and the item as it is afterwards. */
export const ResolveModel = createModel((reportId: string, onResolved: (item: QueueItem) => void) => {
  const action = signal<ResolveInput['action']>('dismiss');
  const note = signal('');
  const submission = new SubmissionModel((path) => (path === 'note' ? 'note' : null));
  return {
    action,
    note,
    submission,
    async resolve() {
      const item = await submission.run(() =>
        adminApi.resolve(reportId, { action: action.value, note: note.value }),
      );
      if (item) onResolved(item);
    },
  };
});
