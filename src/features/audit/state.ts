import diff from 'microdiff';
import type { Aggregate } from '../../platform/commands.ts';
import type { RecordedEvent } from '../../platform/event-store/port.ts';

/** A stream category the audit browser can fold, with the feature's own aggregate. */
export type Foldable = Aggregate<unknown, { type: string; data: unknown }>;

/** Stream category (the name up to its first dash) → the aggregate whose `evolve` folds its streams. */
export type Folds = Readonly<Record<string, Foldable>>;

export interface Folded {
  /** The state after the event at `revision` (the initial state before any event: revision -1). */
  state: unknown;
  revision: number;
  /** Events the aggregate does not know (left out of the fold, listed so nothing hides). */
  skipped: Array<{ revision: number; type: string }>;
}

/** Folds `events` (one stream, oldest first) up to and including `revision`. */
export function foldUpTo(aggregate: Foldable, events: readonly RecordedEvent[], revision: number): Folded {
  let state = aggregate.initial;
  let last = -1;
  const skipped: Folded['skipped'] = [];
  for (const event of events) {
    if (event.revision > revision) break;
    last = event.revision;
    if (!aggregate.registry.has(event.type)) {
      skipped.push({ revision: event.revision, type: event.type });
      continue;
    }
    state = aggregate.evolve(state, aggregate.registry.decode(event));
  }
  return { state: toPlain(state), revision: last, skipped };
}

/**
 * A state as JSON shows it: Maps become objects, Sets arrays (sorted when they hold strings, so two
 * states compare by content), Dates ISO strings, bigints strings.
 */
export function toPlain(value: unknown): unknown {
  if (value instanceof Map)
    return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), toPlain(v)]));
  if (value instanceof Set) {
    const items = [...value].map(toPlain);
    return items.every((i) => typeof i === 'string') ? items.sort() : items;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

export interface Change {
  /** Where, as a dotted path (`profile.bio`, `registered.3`). */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** What differs from `before` to `after` (plain values), one entry per changed leaf. */
export function changes(before: unknown, after: unknown): Change[] {
  const wrap = (v: unknown) =>
    v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : { value: v };
  return diff(wrap(before), wrap(after)).map((d): Change => {
    const path = d.path.join('.');
    // microdiff types old and new values as `any`; they are the plain JSON values given.
    const was: unknown = 'oldValue' in d ? d.oldValue : undefined;
    const is: unknown = 'value' in d ? d.value : undefined;
    if (d.type === 'CREATE') return { path, kind: 'added', after: is };
    if (d.type === 'REMOVE') return { path, kind: 'removed', before: was };
    return { path, kind: 'changed', before: was, after: is };
  });
}
