import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { AdminOnly } from '../audit/AdminOnly.tsx';
import { AuditNav } from '../audit/AuditNav.tsx';
import { Alert } from '../ui/Alert.tsx';
import { Status } from '../ui/Status.tsx';
import { secondaryButtonClass } from '../ui/styles.ts';
import type { ProjectionRow } from './api.ts';
import { ConsoleModel } from './console.model.ts';

type Model = InstanceType<typeof ConsoleModel>;

const statusText: Record<ProjectionRow['status'], string> = {
  running: 'Running',
  failed: 'Stopped on an error',
  rebuilding: 'Waiting for its rebuild',
  stopped: 'Stopped',
};

/** Admin: every read model's position, lag, last error and version, with rebuild and restart. */
export function ProjectionsConsolePage() {
  return <AdminOnly>{() => <Console />}</AdminOnly>;
}

function Console() {
  const model = useModel(ConsoleModel);
  useEffect(() => model.open(), []);
  const status = model.status.value;

  return (
    <div class="space-y-4">
      <h1 class="text-2xl font-semibold">Projections</h1>
      <AuditNav current="projections" />
      <p class="text-sm text-slate-600">
        A rebuild builds the read model again from the whole event log beside the live one and switches once
        it has caught up, so people keep reading the current data meanwhile.
        {status && ` The log's head is at position ${status.head}.`}
      </p>
      <Alert message={model.error.value} />
      <Status message={model.notice.value} />
      {!status ? (
        <p class="text-slate-600">Loading…</p>
      ) : (
        <table class="w-full text-left text-sm">
          <thead class="border-b border-slate-200 text-slate-600">
            <tr>
              <th class="py-2 pr-3 font-medium">Read model</th>
              <th class="py-2 pr-3 font-medium">Version</th>
              <th class="py-2 pr-3 font-medium">Position</th>
              <th class="py-2 pr-3 font-medium">Lag</th>
              <th class="py-2 pr-3 font-medium">Status</th>
              <th class="py-2 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody>
            {status.projections.map((p) => (
              <Row key={p.name} projection={p} model={model} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Row({ projection: p, model }: { projection: ProjectionRow; model: Model }) {
  const acting = model.acting.value;
  const rebuild = p.rebuild;
  const running = rebuild?.state === 'building' || rebuild?.state === 'switching';
  return (
    <tr class="border-b border-slate-100 align-top" aria-label={p.name}>
      <td class="py-2 pr-3 font-mono">{p.name}</td>
      <td class="py-2 pr-3 tabular-nums">{p.version}</td>
      <td class="py-2 pr-3 tabular-nums">{p.position}</td>
      <td class="py-2 pr-3 tabular-nums">{p.lag}</td>
      <td class="py-2 pr-3">
        <p>{statusText[p.status]}</p>
        {p.lastError && (
          <p class="text-red-700">
            {p.lastError}
            {p.errorPosition !== null && ` (at position ${p.errorPosition})`}
          </p>
        )}
        {rebuild && <RebuildProgress rebuild={rebuild} name={p.name} />}
      </td>
      <td class="py-2">
        <div class="flex flex-wrap gap-2">
          <button
            type="button"
            class={secondaryButtonClass}
            disabled={running || acting !== null}
            aria-label={`Rebuild ${p.name}`}
            onClick={() => void model.act(p.name, 'rebuild')}
          >
            Rebuild
          </button>
          <button
            type="button"
            class={secondaryButtonClass}
            disabled={acting !== null || p.status === 'running'}
            title={p.status === 'running' ? 'Only a stopped or failed read model needs a restart' : undefined}
            aria-label={`Restart ${p.name}`}
            onClick={() => void model.act(p.name, 'restart')}
          >
            Restart
          </button>
        </div>
      </td>
    </tr>
  );
}

function RebuildProgress({
  rebuild,
  name,
}: {
  rebuild: NonNullable<ProjectionRow['rebuild']>;
  name: string;
}) {
  const percent =
    rebuild.head === 0 ? 100 : Math.min(100, Math.floor((rebuild.position / rebuild.head) * 100));
  const text =
    rebuild.state === 'building'
      ? `Rebuilding: ${percent}% (${rebuild.position} of ${rebuild.head})`
      : rebuild.state === 'switching'
        ? 'Rebuilt; switching over'
        : rebuild.state === 'done'
          ? `Rebuilt ${rebuild.finishedAt ? new Date(rebuild.finishedAt).toLocaleTimeString() : ''}`
          : `Rebuild failed: ${rebuild.error ?? 'unknown error'}`;
  return (
    <div class="mt-1 space-y-1">
      {rebuild.state === 'building' && (
        <progress class="w-full" max={100} value={percent} aria-label={`Rebuild of ${name}`} />
      )}
      <p class={rebuild.state === 'failed' ? 'text-red-700' : 'text-slate-600'} data-rebuild={rebuild.state}>
        {text}
      </p>
    </div>
  );
}
