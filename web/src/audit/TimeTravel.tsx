import { useState } from 'preact/hooks';
import { Alert } from '../ui/Alert.tsx';
import { cardClass, inputClass, labelClass, secondaryButtonClass } from '../ui/styles.ts';
import type { StreamState } from './api.ts';
import { shown } from './format.ts';
import type { StreamModel } from './stream.model.ts';

type Model = InstanceType<typeof StreamModel>;

/** The state folded to a revision, what changed since, and how it compares with the read-model row. */
export function TimeTravel({ model }: { model: Model }) {
  const answer = model.state.value;
  return (
    <section aria-labelledby="travel-heading" class={`${cardClass} space-y-3`}>
      <h2 id="travel-heading" class="text-lg font-semibold">
        Time travel
      </h2>
      <Alert message={model.stateError.value} />
      {!answer ? (
        <p class="text-slate-600">{model.stateError.value ? '' : 'Folding…'}</p>
      ) : (
        <>
          <RevisionPicker
            key={`${answer.revision}/${answer.current.revision}`}
            shown={answer.revision}
            latest={answer.current.revision}
            onPick={(r) => void model.travel(r)}
          />
          <p role="status" class="text-sm text-slate-700">
            State at revision {answer.revision} of {answer.current.revision}
            {model.traveling.value ? ' (folding…)' : ''}
          </p>
          <ChangesSince answer={answer} />
          <AgainstReadModel answer={answer} />
          <details>
            <summary class="cursor-pointer text-sm text-slate-700">
              The whole state at revision {answer.revision}
            </summary>
            <pre class="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{shown(answer.state)}</pre>
          </details>
        </>
      )}
    </section>
  );
}

function ChangesSince({ answer }: { answer: StreamState }) {
  const changes = answer.changesSince;
  return (
    <div aria-labelledby="since-heading">
      <h3 id="since-heading" class="font-medium">
        Changed since, up to now (revision {answer.current.revision})
      </h3>
      {changes.length === 0 ? (
        <p class="text-sm text-slate-600">Nothing: this is the current state.</p>
      ) : (
        <DiffTable
          label="Changed since"
          rows={changes.map((c) => ({
            field: c.path,
            left: c.before,
            right: c.after,
            note: c.kind === 'changed' ? '' : c.kind,
          }))}
          leftTitle={`At #${answer.revision}`}
          rightTitle="Now"
        />
      )}
    </div>
  );
}

function AgainstReadModel({ answer }: { answer: StreamState }) {
  const readModel = answer.readModel;
  if (!readModel) return null;
  if (!readModel.found)
    return <p class="text-sm text-slate-600">The read model {readModel.table} has no row for this stream.</p>;
  const differing = readModel.fields.filter((f) => !f.same);
  return (
    <div>
      <h3 class="font-medium">Against the read model ({readModel.table})</h3>
      {differing.length === 0 ? (
        <p class="text-sm text-slate-600">All {readModel.fields.length} shared fields agree with the row.</p>
      ) : (
        <DiffTable
          label="Differs from the read model"
          rows={differing.map((f) => ({
            field: `${f.path} (${f.column})`,
            left: f.state,
            right: f.row,
            note: '',
          }))}
          leftTitle={`At #${answer.revision}`}
          rightTitle="Row"
        />
      )}
    </div>
  );
}

interface DiffRow {
  field: string;
  left: unknown;
  right: unknown;
  note: string;
}

function DiffTable(props: { label: string; rows: DiffRow[]; leftTitle: string; rightTitle: string }) {
  return (
    <table class="mt-1 w-full table-fixed text-left text-sm" aria-label={props.label}>
      <thead class="border-b border-slate-200 text-slate-600">
        <tr>
          <th class="w-1/4 py-1 pr-2 font-medium">Field</th>
          <th class="py-1 pr-2 font-medium">{props.leftTitle}</th>
          <th class="py-1 font-medium">{props.rightTitle}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.field} class="border-b border-slate-100 align-top">
            <td class="py-1 pr-2 font-mono break-all">
              {r.field}
              {r.note && <span class="ml-1 text-xs text-slate-500">({r.note})</span>}
            </td>
            <td class="py-1 pr-2">
              <pre class="whitespace-pre-wrap break-all text-xs text-red-800">{shown(r.left)}</pre>
            </td>
            <td class="py-1">
              <pre class="whitespace-pre-wrap break-all text-xs text-emerald-800">{shown(r.right)}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A revision box for jumping straight to a state. */
function RevisionPicker(props: { shown: number; latest: number; onPick: (revision: number) => void }) {
  const { latest, onPick } = props;
  const [value, setValue] = useState(String(props.shown));
  return (
    <form
      class="flex items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const revision = Number(value);
        if (Number.isInteger(revision)) onPick(revision);
      }}
    >
      <div>
        <label for="revision" class={labelClass}>
          Revision (0–{latest})
        </label>
        <input
          id="revision"
          type="number"
          min={0}
          max={latest}
          class={inputClass}
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </div>
      <button type="submit" class={secondaryButtonClass}>
        Travel
      </button>
    </form>
  );
}
