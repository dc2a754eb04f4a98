import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { AdminOnly } from './AdminOnly.tsx';
import { AuditNav } from './AuditNav.tsx';
import { StreamsModel } from './streams.model.ts';
import { shortTime } from './format.ts';

const categories = ['user-', 'session-', 'connection-', 'dm-', 'group-', 'ticket-', 'email-', 'ydoc-'];

/** Audit: every stream by category or name prefix, with its revision and last change. */
export function StreamsPage() {
  return <AdminOnly>{() => <Streams />}</AdminOnly>;
}

function Streams() {
  const model = useModel(StreamsModel);
  useEffect(() => void model.search(), []);
  const streams = model.streams.value;

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    void model.search();
  }

  return (
    <div class="space-y-4">
      <h1 class="text-2xl font-semibold">Audit</h1>
      <AuditNav current="streams" />
      <form onSubmit={onSubmit} class="flex flex-wrap items-end gap-2" role="search">
        <div class="min-w-60 flex-1">
          <label for="prefix" class={labelClass}>
            Stream name starts with
          </label>
          <input
            id="prefix"
            class={inputClass}
            value={model.prefix.value}
            onInput={(e) => (model.prefix.value = e.currentTarget.value)}
          />
        </div>
        <button type="submit" class={primaryButtonClass}>
          List streams
        </button>
      </form>
      <div class="flex flex-wrap gap-2 text-sm" aria-label="Categories">
        {categories.map((c) => (
          <button key={c} type="button" class={secondaryButtonClass} onClick={() => void model.pick(c)}>
            {c.slice(0, -1)}
          </button>
        ))}
      </div>
      <Alert message={model.error.value} />
      {streams === null ? (
        <p class="text-slate-600">Loading…</p>
      ) : streams.length === 0 ? (
        <p class="text-slate-600">No stream starts with “{model.prefix.value}”.</p>
      ) : (
        <table class="w-full text-left text-sm">
          <thead class="border-b border-slate-200 text-slate-600">
            <tr>
              <th class="py-2 pr-4 font-medium">Stream</th>
              <th class="py-2 pr-4 font-medium">Revision</th>
              <th class="py-2 font-medium">Last change</th>
            </tr>
          </thead>
          <tbody>
            {streams.map((s) => (
              <tr key={s.name} class="border-b border-slate-100">
                <td class="py-2 pr-4 font-mono break-all">
                  <Link href={paths.auditStream(s.name)} class="text-indigo-700 underline">
                    {s.name}
                  </Link>
                </td>
                <td class="py-2 pr-4 tabular-nums">{s.revision}</td>
                <td class="py-2">{shortTime(s.lastEventAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model.nextCursor.value && (
        <button
          type="button"
          class={secondaryButtonClass}
          disabled={model.loading.value}
          onClick={() => void model.more()}
        >
          More streams
        </button>
      )}
    </div>
  );
}
