import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.ts';
import { Alert } from '../ui/Alert.tsx';
import { cardClass, secondaryButtonClass } from '../ui/styles.ts';
import { AdminOnly } from './AdminOnly.tsx';
import type { AuditEvent } from './api.ts';
import { AuditNav } from './AuditNav.tsx';
import { shortTime, shown } from './format.ts';
import { StreamModel } from './stream.model.ts';
import { TimeTravel } from './TimeTravel.tsx';

/** Audit: one stream's events with data and metadata, and its state at any revision. */
export function StreamPage({ stream }: { stream: string }) {
  return <AdminOnly>{() => <Stream stream={stream} />}</AdminOnly>;
}

function Stream({ stream }: { stream: string }) {
  const model = useModel(() => new StreamModel(stream));
  useEffect(() => model.open(), []);
  const events = model.events.value;

  return (
    <div class="space-y-4">
      <h1 class="text-2xl font-semibold">Audit</h1>
      <AuditNav current="streams" />
      <p class="text-sm">
        <Link href={paths.auditStreams} class="text-indigo-700 underline">
          All streams
        </Link>
      </p>
      <h2 class="font-mono text-lg font-semibold break-all">{stream}</h2>
      <TimeTravel model={model} />
      <section aria-labelledby="events-heading" class="space-y-2">
        <h2 id="events-heading" class="text-lg font-semibold">
          Events
        </h2>
        <Alert message={model.eventsError.value} />
        {events === null ? (
          <p class="text-slate-600">Loading…</p>
        ) : (
          <ol class="space-y-2">
            {events.map((e) => (
              <EventItem key={e.revision} event={e} onTravel={() => void model.travel(e.revision)} />
            ))}
          </ol>
        )}
        {model.nextRevision.value !== null && (
          <button type="button" class={secondaryButtonClass} onClick={() => void model.more()}>
            More events
          </button>
        )}
      </section>
    </div>
  );
}

function EventItem({ event, onTravel }: { event: AuditEvent; onTravel: () => void }) {
  const correlationId =
    typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : null;
  const actor = typeof event.metadata.actorId === 'string' ? event.metadata.actorId : 'system';
  return (
    <li class={cardClass} aria-label={`Revision ${event.revision}: ${event.type}`}>
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <p>
          <span class="font-mono text-slate-500">#{event.revision}</span>{' '}
          <span class="font-semibold">{event.type}</span>{' '}
          <span class="text-sm text-slate-600">
            {shortTime(event.createdAt)} · position {event.position} · by {actor}
          </span>
        </p>
        <div class="flex gap-2">
          {correlationId && (
            <Link href={paths.auditChain(correlationId)} class="text-sm text-indigo-700 underline">
              Request chain
            </Link>
          )}
          <button type="button" class={secondaryButtonClass} onClick={onTravel}>
            State at #{event.revision}
          </button>
        </div>
      </div>
      <details class="mt-2">
        <summary class="cursor-pointer text-sm text-slate-700">Data and metadata</summary>
        <div class="mt-2 grid gap-2 sm:grid-cols-2">
          <pre class="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{shown(event.data)}</pre>
          <pre class="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{shown(event.metadata)}</pre>
        </div>
      </details>
    </li>
  );
}
