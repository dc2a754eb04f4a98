import { createModel, signal } from '@preact/signals';
import { ApiError } from '../lib/http.ts';
import { navigate, paths } from '../lib/router.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { groupsApi, type Group } from './api.ts';

export const maxGroupName = 80;
export const maxGroupDescription = 500;

type ListState =
  { status: 'loading' } | { status: 'ready'; groups: Group[] } | { status: 'failed'; message: string };

/** The groups I belong to, and the form that creates a new one. */
export const GroupsModel = createModel(() => {
  const list = signal<ListState>({ status: 'loading' });
  const name = signal('');
  const description = signal('');
  const submission = new SubmissionModel();

  return {
    list,
    name,
    description,
    submission,
    async load(abort?: AbortSignal) {
      try {
        list.value = { status: 'ready', groups: (await groupsApi.list(abort)).groups };
      } catch (err) {
        if (abort?.aborted) return;
        list.value = {
          status: 'failed',
          message: err instanceof ApiError ? err.detail : 'Could not load groups.',
        };
      }
    },
    async create() {
      if (!name.value.trim()) {
        submission.reject({ name: 'Give the group a name.' });
        return;
      }
      const group = await submission.run(() =>
        groupsApi.create({ name: name.value.trim(), description: description.value.trim() }),
      );
      if (group) navigate(paths.group(group.id));
    },
  };
});
