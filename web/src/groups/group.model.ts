import { computed, createModel, signal } from '@preact/signals';
import { session } from '../identity/session.model.ts';
import { errorText } from '../lib/error-text.ts';
import { ApiError } from '../lib/http.ts';
import { navigate, paths } from '../lib/router.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import type { PublicProfile } from '../profile/api.ts';
import { groupsApi, userIdFrom, type GroupDetails } from './api.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; group: GroupDetails }
  | { status: 'forbidden'; message: string }
  | { status: 'notFound' }
  | { status: 'failed'; message: string };

/** One group as its members see it, and what its admins (and any member, to leave) can do to it. */
export const GroupModel = createModel((groupId: string) => {
  const state = signal<LoadState>({ status: 'loading' });
  const group = computed(() => (state.value.status === 'ready' ? state.value.group : null));
  const isAdmin = computed(() => group.value?.role === 'admin');
  /** Group admins and site moderators may delete anyone's message in the group's room. */
  const canModerate = computed(() => isAdmin.value || session.isModerator.value);
  const connections = signal<PublicProfile[] | null>(null);
  const connectionsError = signal<string | null>(null);
  const name = signal('');
  const description = signal('');
  const pasted = signal('');
  const rename = new SubmissionModel();
  const membership = new SubmissionModel((path) => (path === 'userId' ? 'pasted' : null));
  const done = signal<string | null>(null);

  async function load(abort?: AbortSignal) {
    try {
      const details = await groupsApi.get(groupId, abort);
      state.value = { status: 'ready', group: details };
      name.value = details.name;
      description.value = details.description;
    } catch (err) {
      if (abort?.aborted) return;
      if (err instanceof ApiError && err.status === 404) state.value = { status: 'notFound' };
      else if (err instanceof ApiError && err.status === 403)
        state.value = { status: 'forbidden', message: err.detail };
      else state.value = { status: 'failed', message: errorText(err, 'Could not load.') };
    }
  }

  async function change(work: () => Promise<unknown>, confirmation: string) {
    done.value = null;
    const ok = await membership.run(async () => {
      await work();
      return true;
    });
    if (ok) {
      done.value = confirmation;
      await load();
    }
    return ok === true;
  }

  const nameOf = (userId: string) =>
    group.value?.members.find((m) => m.user.id === userId)?.user.displayName ??
    connections.value?.find((c) => c.id === userId)?.displayName ??
    'This person';

  return {
    state,
    group,
    isAdmin,
    canModerate,
    connections,
    connectionsError,
    name,
    description,
    pasted,
    rename,
    membership,
    done,
    load,
    async loadConnections() {
      try {
        connections.value = (await groupsApi.connections()).accepted.map((c) => c.user);
      } catch (err) {
        console.error('Could not load connections', err);
        connectionsError.value = 'Your connections could not be loaded. Paste a profile link instead.';
      }
    },
    async save() {
      done.value = null;
      const saved = await rename.run(() =>
        groupsApi.update(groupId, { name: name.value.trim(), description: description.value.trim() }),
      );
      if (saved) {
        done.value = 'Group details saved.';
        await load();
      }
    },
    add: (userId: string) =>
      change(() => groupsApi.addMember(groupId, userId), `${nameOf(userId)} was added.`),
    async addPasted() {
      const userId = userIdFrom(pasted.value);
      if (!userId) {
        membership.reject({ pasted: 'Paste a profile link (…/users/<id>) or a user id.' });
        return;
      }
      if (await change(() => groupsApi.addMember(groupId, userId), 'Added to the group.')) pasted.value = '';
    },
    remove: (userId: string) =>
      change(() => groupsApi.removeMember(groupId, userId), `${nameOf(userId)} was removed.`),
    promote: (userId: string) =>
      change(() => groupsApi.promote(groupId, userId), `${nameOf(userId)} is now an admin.`),
    async leave(myId: string) {
      const left = await membership.run(async () => {
        await groupsApi.removeMember(groupId, myId);
        return true;
      });
      if (left) navigate(paths.groups);
    },
  };
});

export type GroupModel = InstanceType<typeof GroupModel>;
