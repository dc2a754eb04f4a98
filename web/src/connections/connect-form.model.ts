import { computed, createModel, signal } from '@preact/signals';
import { SubmissionModel } from '../lib/submission.model.ts';
import { connectionsApi, maxNoteLength } from './api.ts';
import { connections } from './connections.model.ts';

/** The "Connect" form on a profile: an optional note, sent with the request. */
export const ConnectFormModel = createModel((userId: string) => {
  const open = signal(false);
  const note = signal('');
  const submission = new SubmissionModel((path) => (path === 'message' ? 'note' : null));
  const noteRemaining = computed(() => maxNoteLength - note.value.length);

  return {
    open,
    note,
    noteRemaining,
    submission,
    show() {
      open.value = true;
    },
    cancel() {
      open.value = false;
      note.value = '';
      submission.clear();
    },
    async send() {
      if (note.value.length > maxNoteLength) {
        submission.reject({ note: `The note must be at most ${maxNoteLength} characters.` });
        return;
      }
      const sent = await submission.run(() => connectionsApi.request(userId, note.value));
      // Reload either way: a 409 usually means the other side asked first, which the buttons then show.
      await connections.load();
      if (sent) {
        open.value = false;
        note.value = '';
      }
    },
  };
});

/** How much room a note has left, or by how much it is too long (a longer note is refused, never cut). */
export const noteCount = (remaining: number) =>
  remaining >= 0
    ? `${remaining} ${remaining === 1 ? 'character' : 'characters'} left`
    : `${-remaining} ${remaining === -1 ? 'character' : 'characters'} too many (at most ${maxNoteLength})`;
