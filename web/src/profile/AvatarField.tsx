import { useModel } from '@preact/signals';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { FieldError } from '../ui/FieldError.tsx';
import { UserAvatar } from '../ui/UserAvatar.tsx';
import { cardClass, labelClass } from '../ui/styles.ts';
import { avatarTypes } from './api.ts';
import { AvatarModel } from './avatar.model.ts';

export function AvatarField({ displayName }: { displayName: string }) {
  const avatar = useModel(AvatarModel);
  const error = avatar.submission.fieldErrors.value.avatar;

  async function onChange(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again should upload again
    if (file) await avatar.choose(file);
  }

  return (
    <section class={`space-y-3 ${cardClass}`} aria-labelledby="avatar-heading">
      <h2 id="avatar-heading" class="text-lg font-semibold">
        Photo
      </h2>
      <div class="flex flex-wrap items-center gap-4">
        <UserAvatar name={displayName} url={avatar.shownUrl.value} size="lg" alt="Avatar preview" />
        <div class="min-w-0 flex-1">
          <label for="avatar" class={labelClass}>
            Avatar
          </label>
          <input
            id="avatar"
            type="file"
            accept={avatarTypes.join(',')}
            disabled={avatar.submission.pending.value}
            onChange={onChange}
            aria-describedby={error ? 'avatar-hint avatar-error' : 'avatar-hint'}
            {...(error ? { 'aria-invalid': true } : {})}
            class="block w-full min-w-0 text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:font-medium file:text-indigo-800 hover:file:bg-indigo-100"
          />
          <p id="avatar-hint" class="mt-1 text-sm text-slate-500">
            PNG, JPEG or WebP, at most 2 MB. Uploads right away.
          </p>
          <FieldError fieldId="avatar" message={error} />
        </div>
      </div>
      {avatar.submission.pending.value && <p class="text-sm text-slate-600">Uploading…</p>}
      <Alert message={avatar.submission.formError.value} />
      <Status message={avatar.saved.value} />
    </section>
  );
}
