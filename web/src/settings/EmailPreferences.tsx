import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Alert } from '../ui/Alert.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { Status } from '../ui/Status.tsx';
import { cardClass } from '../ui/styles.ts';
import { EmailPreferencesModel } from './settings.model.ts';

/** Whether activity (requests, messages while away, sessions, support) is also sent by email. */
export function EmailPreferences() {
  const prefs = useModel(EmailPreferencesModel);
  useEffect(() => void prefs.load(), [prefs]);
  const on = prefs.emailNotifications.value;
  return (
    <section class={cardClass} aria-labelledby="email-prefs-heading">
      <h2 id="email-prefs-heading" class="mb-2 text-lg font-semibold">
        Email notifications
      </h2>
      <Alert message={prefs.error.value} />
      {on === null ? (
        !prefs.error.value && <Skeleton lines={1} label="Loading your email preferences" />
      ) : (
        <label class="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            class="mt-0.5 h-4 w-4"
            checked={on}
            disabled={prefs.saving.value}
            onChange={(e) => void prefs.set(e.currentTarget.checked)}
          />
          <span>
            Email me about connection requests, messages while I am away, my sessions and my support requests
            <span class="block text-slate-600">
              Everything also shows under the bell at the top. Account and security emails always come.
            </span>
          </span>
        </label>
      )}
      <Status message={prefs.message.value} />
    </section>
  );
}
