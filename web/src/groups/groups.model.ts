import { createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { navigate, paths } from '../lib/router.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { groupsApi, type Group } from './api.ts';

export const maxGroupName = 80;
export const maxGroupDescription = 500;

/** Frames after which the list reloads: added or removed elsewhere, or a (re)connect that may have missed some. */
const RELOAD_ON = new Set(['group.member_added', 'group.member_removed', 'ready', 'resync']);
const RELOAD_DELAY_MS = 100;

type ListState =
  { status: 'loading' } | { status: 'ready'; groups: Group[] } | { status: 'failed'; message: string };

/** The groups I belong to, and the form that creates a new one. */
export const GroupsModel = createModel(() => {
  const list = signal<ListState>({ status: 'loading' });
  const name = signal('');
  const description = signal('');
  const submission = new SubmissionModel();
  let latestLoad = 0;

  async function load(abort?: AbortSignal, minPosition?: number) {
    const run = ++latestLoad;
    try {
      const { groups } = await groupsApi.list(abort, minPosition);
      if (run === latestLoad) list.value = { status: 'ready', groups };
    } catch (err) {
      if (abort?.aborted || run !== latestLoad) return;
      // A failed refresh keeps the list already shown; the next frame or reconnect tries again.
      if (list.value.status === 'ready') return console.warn('Could not refresh groups', err);
      list.value = { status: 'failed', message: errorText(err, 'Could not load groups.') };
    }
  }

  return {
    list,
    name,
    description,
    submission,
    load,
    /** Loads the list and reloads it on membership frames; returns the cleanup. */
    follow(): () => void {
      const abort = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let wantedPosition = 0;
      const unsubscribe = live.subscribe((frame: LiveFrame) => {
        if (!RELOAD_ON.has(frame.type)) return;
        wantedPosition = Math.max(wantedPosition, frame.position ?? 0);
        clearTimeout(timer);
        timer = setTimeout(() => void load(abort.signal, wantedPosition || undefined), RELOAD_DELAY_MS);
      });
      void load(abort.signal);
      return () => {
        unsubscribe();
        clearTimeout(timer);
        abort.abort();
      };
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
export type GroupsModel = InstanceType<typeof GroupsModel>;
