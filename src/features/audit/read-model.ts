import type { Db } from '../../platform/db/database.ts';

/** The read-model row that represents a stream, by the stream's id (its name after the category). */
export interface ReadModelRow {
  table: string;
  load(db: Db, id: string): Promise<Record<string, unknown> | undefined>;
}

/** Stream category → where its read-model row lives. */
export type ReadModelRows = Readonly<Record<string, ReadModelRow>>;

/** One field the folded state and the row both hold: the state's path, the row's column, both values. */
export interface RowField {
  path: string;
  column: string;
  state: unknown;
  row: unknown;
  same: boolean;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Leaves of a plain value as dotted paths; arrays count as one leaf (a row stores them whole). */
function leaves(value: unknown, path: string[] = []): Array<[string[], unknown]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return path.length > 0 ? [[path, value]] : [];
}

/** Values equal as shown: times compare as instants, anything else as JSON. */
function equal(a: unknown, b: unknown): boolean {
  const time = (v: unknown) =>
    v instanceof Date
      ? v.getTime()
      : typeof v === 'string' && /^\d{4}-\d\d-\d\d[T ]/.test(v)
        ? Date.parse(v)
        : NaN;
  const [ta, tb] = [time(a), time(b)];
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta === tb;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Lines a folded state up with its read-model row: each state leaf whose name, in snake_case, is a column
 * of the row (`profile.displayName` ↔ `display_name`), with whether the two agree. The first leaf of a
 * name wins, so a column is compared once.
 */
export function compareWithRow(state: unknown, row: Record<string, unknown>): RowField[] {
  const fields: RowField[] = [];
  const used = new Set<string>();
  for (const [path, value] of leaves(state)) {
    const column = snake(path.at(-1)!);
    if (!(column in row) || used.has(column)) continue;
    used.add(column);
    const raw = row[column];
    const stored = raw instanceof Date ? raw.toISOString() : raw;
    fields.push({ path: path.join('.'), column, state: value, row: stored, same: equal(value, stored) });
  }
  return fields;
}
