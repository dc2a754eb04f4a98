import { computed, createModel, effect, signal } from '@preact/signals';
import { session } from '../identity/session.model.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { avatarTypes, maxAvatarBytes, profileApi } from './api.ts';

function megabytes(bytes: number): string {
  // Round up so a file just over the limit never reads "2.0 MB".
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

/** Checks what the server would refuse anyway, so the user hears about it before uploading. */
export function avatarProblem(file: File): string | null {
  if (!(avatarTypes as readonly string[]).includes(file.type)) {
    return 'Choose a PNG, JPEG or WebP image.';
  }
  if (file.size > maxAvatarBytes) {
    return `That image is ${megabytes(file.size)}; avatars can be at most 2 MB.`;
  }
  return null;
}

/** Picks, previews and uploads the signed-in user's avatar. Uploads as soon as a file is chosen. */
export const AvatarModel = createModel(() => {
  const preview = signal<string | null>(null);
  const saved = signal<string | null>(null);
  const submission = new SubmissionModel((path) => (path === '' || path === 'avatar' ? 'avatar' : null));
  const shownUrl = computed(() => preview.value ?? session.user.value?.avatarUrl ?? null);

  // Release the object URL when the preview is replaced or the model is disposed.
  effect(() => {
    const url = preview.value;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  });

  return {
    preview,
    shownUrl,
    saved,
    submission,
    async choose(file: File) {
      saved.value = null;
      const problem = avatarProblem(file);
      if (problem) {
        submission.reject({ avatar: problem });
        return;
      }
      preview.value = URL.createObjectURL(file);
      const result = await submission.run(() => profileApi.uploadAvatar(file));
      if (!result) {
        preview.value = null;
        return;
      }
      session.setAvatarUrl(result.avatarUrl);
      saved.value = 'Avatar updated.';
    },
  };
});
