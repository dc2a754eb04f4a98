import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../lib/error-text.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { secondaryButtonClass } from '../ui/styles.ts';
import { callsApi, type CallSummary } from './api.ts';
import { Skeleton } from '../ui/Skeleton.tsx';

const duration = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`);

function what(c: CallSummary): string {
  if (c.missed) return c.direction === 'incoming' ? 'Missed call' : 'No answer';
  if (c.outcome === 'busy') return 'Busy';
  if (c.outcome === 'declined') return 'Declined';
  if (c.outcome === 'cancelled') return 'Cancelled';
  if (c.durationSeconds === null) return 'Going on';
  return duration(c.durationSeconds);
}

/** The Calls section: my calls, newest first, missed ones marked. */
export function CallsPage() {
  const [list, setList] = useState<CallSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<string>('loading');

  const load = async (after?: string) => {
    try {
      const page = await callsApi.history(after);
      setList((l) => (after ? [...l, ...page.calls] : page.calls));
      setCursor(page.nextCursor);
      setState('ready');
    } catch (err) {
      setState(errorText(err, 'Your calls could not be loaded.'));
    }
  };
  useEffect(() => void load(), []);

  return (
    <section class="space-y-3" aria-labelledby="calls-heading">
      <h1 id="calls-heading" class="text-2xl font-semibold">
        Calls
      </h1>
      {state === 'loading' && <Skeleton label="Loading calls" />}
      {state !== 'loading' && state !== 'ready' && <p role="alert">{state}</p>}
      {state === 'ready' && list.length === 0 && <p class="text-slate-600">No calls yet.</p>}
      <ul
        class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
        data-testid="call-history"
      >
        {list.map((c) => (
          <li key={c.id} class="flex flex-wrap items-center gap-3 p-3" data-missed={c.missed}>
            <span class="flex-1">
              {c.person ? (
                <Link href={paths.user(c.person.id)} class="font-medium">
                  {c.person.displayName}
                </Link>
              ) : (
                <span class="font-medium">
                  {c.room.startsWith('session-') ? 'Session call' : 'Group call'}
                </span>
              )}
              <span class="ml-2 text-sm text-slate-600">
                {c.direction === 'incoming' ? 'incoming' : c.direction === 'outgoing' ? 'outgoing' : 'room'}
              </span>
            </span>
            <span class={c.missed ? 'font-semibold text-red-700' : 'text-slate-700'}>{what(c)}</span>
            <time class="text-sm text-slate-500" dateTime={c.startedAt}>
              {new Date(c.startedAt).toLocaleString()}
            </time>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" class={secondaryButtonClass} onClick={() => void load(cursor)}>
          Show older calls
        </button>
      )}
    </section>
  );
}
