import { computed, createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { projectionsApi, type ProjectionsStatus } from './api.ts';

const BUSY_POLL_MS = 500;
const IDLE_POLL_MS = 5_000;

/**
 * The projections console: every read model's position, lag, last error and version, polled (faster while
 * a rebuild runs, so its progress moves), and the rebuild and restart actions.
 */
export const ConsoleModel = createModel(() => {
  const status = signal<ProjectionsStatus | null>(null);
  const error = signal<string | null>(null);
  const acting = signal<string | null>(null);
  const notice = signal<string | null>(null);
  const busy = computed(
    () =>
      status.value?.projections.some(
        (p) => p.rebuild?.state === 'building' || p.rebuild?.state === 'switching',
      ) ?? false,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  async function poll() {
    clearTimeout(timer);
    try {
      status.value = await projectionsApi.status();
      error.value = null;
    } catch (err) {
      error.value = errorText(err, 'Could not load the projections.');
    }
    if (!closed) timer = setTimeout(() => void poll(), busy.value ? BUSY_POLL_MS : IDLE_POLL_MS);
  }

  return {
    status,
    error,
    acting,
    notice,
    busy,
    /** Starts polling; returns the cleanup. */
    open(): () => void {
      closed = false;
      void poll();
      return () => {
        closed = true;
        clearTimeout(timer);
      };
    },
    async act(name: string, action: 'rebuild' | 'restart') {
      acting.value = `${name}:${action}`;
      try {
        await projectionsApi.act(name, action);
        notice.value =
          action === 'rebuild'
            ? `Rebuilding ${name} beside the live tables; readers keep the current data until it switches.`
            : `Restarted ${name} from its checkpoint.`;
        error.value = null;
      } catch (err) {
        error.value = errorText(err, `Could not ${action} ${name}.`);
      } finally {
        acting.value = null;
      }
      await poll();
    },
  };
});
