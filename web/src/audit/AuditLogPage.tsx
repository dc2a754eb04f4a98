import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths, queryParam } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { cardClass, inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';
import { TextField } from '../ui/TextField.tsx';
import { AdminOnly } from './AdminOnly.tsx';
import type { LogEvent } from './api.ts';
import { AuditNav } from './AuditNav.tsx';
import { shortTime, shown } from './format.ts';
import { LogSearchModel } from './log-search.model.ts';

/** Audit: search the global log; a correlation id shows the whole chain one request caused. */
export function AuditLogPage() {
  return <AdminOnly>{() => <LogSearch />}</AdminOnly>;
}

function LogSearch() {
  const model = useModel(LogSearchModel);
  useEffect(() => {
    const chain = queryParam('correlationId');
    void (chain ? model.chain(chain) : model.search());
  }, []);
  const events = model.events.value;
  const chain = model.correlationId.value.trim();

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    void model.search();
  }

  return (
    <div class="space-y-4">
      <h1 class="text-2xl font-semibold">Audit</h1>
      <AuditNav current="log" />
      <form onSubmit={onSubmit} class={`${cardClass} grid gap-3 sm:grid-cols-2`} role="search">
        <TextField
          id="type"
          label="Event type (several: comma separated)"
          value={model.type.value}
          onValue={(v) => (model.type.value = v)}
        />
        <TextField
          id="actor"
          label="Actor (user id)"
          value={model.actorId.value}
          onValue={(v) => (model.actorId.value = v)}
        />
        <TextField
          id="correlation"
          label="Correlation id"
          value={model.correlationId.value}
          onValue={(v) => (model.correlationId.value = v)}
        />
        <div class="grid grid-cols-2 gap-2">
          <TimeField
            id="from"
            label="From"
            value={model.from.value}
            onValue={(v) => (model.from.value = v)}
          />
          <TimeField id="to" label="To" value={model.to.value} onValue={(v) => (model.to.value = v)} />
        </div>
        <div class="sm:col-span-2">
          <button type="submit" class={primaryButtonClass} disabled={model.loading.value}>
            Search the log
          </button>
        </div>
      </form>
      <Alert message={model.error.value} />
      {chain && events && (
        <p role="status" class="text-sm text-slate-700">
          {events.length} event{events.length === 1 ? '' : 's'} caused by request {chain}
        </p>
      )}
      {events === null ? (
        <p class="text-slate-600">Loading…</p>
      ) : events.length === 0 ? (
        <p class="text-slate-600">No event matches.</p>
      ) : (
        <ol class="space-y-2" aria-label="Log">
          {events.map((e) => (
            <LogItem key={e.position} event={e} onChain={(id) => void model.chain(id)} />
          ))}
        </ol>
      )}
      {model.nextCursor.value && (
        <button type="button" class={secondaryButtonClass} onClick={() => void model.more()}>
          More events
        </button>
      )}
    </div>
  );
}

function LogItem({ event, onChain }: { event: LogEvent; onChain: (correlationId: string) => void }) {
  const meta = event.metadata;
  const correlationId = typeof meta.correlationId === 'string' ? meta.correlationId : null;
  const actor = typeof meta.actorId === 'string' ? meta.actorId : 'system';
  return (
    <li class={cardClass}>
      <p>
        <span class="font-semibold">{event.type}</span>{' '}
        <span class="text-sm text-slate-600">
          {shortTime(event.createdAt)} · position {event.position} · by {actor}
        </span>
      </p>
      <p class="text-sm">
        <Link href={paths.auditStream(event.stream)} class="font-mono text-indigo-700 underline">
          {event.stream}
        </Link>{' '}
        #{event.revision}
        {correlationId && (
          <button type="button" class="ml-3 text-indigo-700 underline" onClick={() => onChain(correlationId)}>
            Show request chain
          </button>
        )}
      </p>
      <details class="mt-1">
        <summary class="cursor-pointer text-sm text-slate-700">Data and metadata</summary>
        <div class="mt-2 grid gap-2 sm:grid-cols-2">
          <pre class="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{shown(event.data)}</pre>
          <pre class="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{shown(meta)}</pre>
        </div>
      </details>
    </li>
  );
}

function TimeField(props: { id: string; label: string; value: string; onValue: (v: string) => void }) {
  return (
    <div>
      <label for={props.id} class={labelClass}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="datetime-local"
        step={1}
        class={inputClass}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </div>
  );
}
