import { invalid, type FieldError } from '../../platform/errors.ts';
import { levels, type Level } from './events.ts';
import type { SessionDetails } from './session.ts';

/** Limits of docs/api.md, "Sessions"; lengths count characters as people see them (code points), after trimming. */
export const limits = {
  title: { min: 3, max: 120 },
  description: { max: 5000 },
  skill: { min: 1, max: 60 },
  prerequisites: { count: 10, min: 1, max: 120 },
  durationMinutes: { min: 15, max: 480 },
  capacity: { min: 1, max: 500 },
  meetingUrl: { max: 2048 },
  cancelReason: { max: 1000 },
  reviewComment: { max: 2000 },
  replyBody: { min: 1, max: 2000 },
} as const;

/** What a client sends to create a session (already shaped by zod at the edge); optional parts may be absent. */
export interface SessionFieldsInput {
  title: string;
  description?: string | null | undefined;
  skill: string;
  level: string;
  prerequisites?: readonly string[] | undefined;
  startsAt: string;
  durationMinutes: number;
  capacity: number;
  meetingUrl?: string | null | undefined;
}

export type SessionChangesInput = Partial<SessionFieldsInput>;

export const length = (text: string) => [...text].length;
/** Trims and turns blank into null. */
export const optionalText = (text: string | null | undefined) => {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};
const oneLine = (text: string) => text.trim().replace(/\s+/g, ' ');

type Checked<K extends keyof SessionDetails> = { value: SessionDetails[K] } | { error: string };

/** One checker per field: the normalized value, or a message for people naming what is wrong. */
const check: { [K in keyof SessionDetails]: (input: unknown, now: Date) => Checked<K> } = {
  title: (input) => {
    if (typeof input !== 'string') return { error: 'Give the session a title.' };
    const title = oneLine(input);
    const { min, max } = limits.title;
    const n = length(title);
    return n < min || n > max
      ? { error: `Use ${min} to ${max} characters (this has ${n}).` }
      : { value: title };
  },
  description: (input) => {
    if (input != null && typeof input !== 'string') return { error: 'Give the description as text.' };
    const description = optionalText(input);
    const { max } = limits.description;
    return description !== null && length(description) > max
      ? { error: `Use at most ${max} characters.` }
      : { value: description };
  },
  skill: (input) => {
    if (typeof input !== 'string') return { error: 'Name the skill this session teaches.' };
    const skill = oneLine(input);
    const { min, max } = limits.skill;
    const n = length(skill);
    return n < min || n > max
      ? { error: `Name the skill in ${min} to ${max} characters.` }
      : { value: skill };
  },
  level: (input) =>
    (levels as readonly unknown[]).includes(input)
      ? { value: input as Level }
      : { error: `Choose one of ${levels.join(', ')}.` },
  prerequisites: (input) => {
    const { count, min, max } = limits.prerequisites;
    if (input != null && !(Array.isArray(input) && input.every((p) => typeof p === 'string')))
      return { error: 'List the prerequisites as text.' };
    const items = ((input ?? []) as readonly string[]).map(oneLine);
    if (items.length > count) return { error: `List at most ${count} prerequisites.` };
    if (items.some((p) => length(p) < min || length(p) > max))
      return { error: `Each prerequisite needs ${min} to ${max} characters.` };
    return { value: items };
  },
  startsAt: (input, now) => {
    const ms = typeof input === 'string' ? Date.parse(input) : NaN;
    if (Number.isNaN(ms)) return { error: 'Give the start as an ISO-8601 date and time.' };
    if (ms <= now.getTime()) return { error: 'Choose a start in the future.' };
    return { value: new Date(ms).toISOString() };
  },
  durationMinutes: (input) => {
    const { min, max } = limits.durationMinutes;
    return Number.isInteger(input) && (input as number) >= min && (input as number) <= max
      ? { value: input as number }
      : { error: `Choose a whole number of minutes from ${min} to ${max}.` };
  },
  capacity: (input) => {
    const { min, max } = limits.capacity;
    return Number.isInteger(input) && (input as number) >= min && (input as number) <= max
      ? { value: input as number }
      : { error: `Choose a whole number of seats from ${min} to ${max}.` };
  },
  meetingUrl: (input) => {
    if (input != null && typeof input !== 'string') return { error: 'Give an https:// link to the meeting.' };
    const text = optionalText(input);
    if (text === null) return { value: null };
    const error = { error: 'Give an https:// link to the meeting.' };
    if (length(text) > limits.meetingUrl.max) return { error: 'This link is too long.' };
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return error;
    }
    // Only https: no javascript:, data: or plain http: links reach attendees' browsers and calendars.
    if (url.protocol !== 'https:' || url.hostname === '') return error;
    if (url.username !== '' || url.password !== '') return { error: 'Leave passwords out of the link.' };
    return { value: url.href };
  },
};

const fieldNames = Object.keys(check) as (keyof SessionDetails)[];

function checkFields(input: Partial<Record<keyof SessionDetails, unknown>>, now: Date, present: boolean) {
  const values: Partial<Record<keyof SessionDetails, unknown>> = {};
  const errors: FieldError[] = [];
  for (const field of fieldNames) {
    if (present && !(field in input && input[field] !== undefined)) continue;
    const result = check[field](input[field], now);
    if ('error' in result) errors.push({ path: field, message: result.error });
    else values[field] = result.value;
  }
  return { values, errors };
}

/** The normalized fields of a new session, or a 422 naming every invalid field. */
export function validateSessionFields(input: SessionFieldsInput, now: Date): SessionDetails {
  const { values, errors } = checkFields(input, now, false);
  if (errors.length > 0) throw invalid('Some details of the session need fixing.', errors);
  return values as unknown as SessionDetails;
}

/** The normalized fields an edit sends (absent ones untouched), or a 422 naming every invalid field. */
export function validateSessionChanges(input: SessionChangesInput, now: Date): Partial<SessionDetails> {
  const { values, errors } = checkFields(input, now, true);
  if (errors.length > 0) throw invalid('Some details of the session need fixing.', errors);
  return values as Partial<SessionDetails>;
}
