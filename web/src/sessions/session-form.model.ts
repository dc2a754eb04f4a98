import { computed, createModel, signal } from '@preact/signals';
import type { SkillLevel } from '../identity/api.ts';
import { SubmissionModel } from '../lib/submission.model.ts';
import { instantToZoned, zonedToInstant } from '../lib/zoned-time.ts';
import { sessionsApi, type Session, type SessionFields, type SessionPatch } from './api.ts';

/** The form's text, as typed; `startsAt` is a wall time in the host's zone (`YYYY-MM-DDTHH:mm`). */
export interface SessionDraft {
  title: string;
  skill: string;
  level: SkillLevel;
  description: string;
  /** One per line. */
  prerequisites: string;
  startsAt: string;
  durationMinutes: string;
  capacity: string;
  meetingUrl: string;
}

const blank: SessionDraft = {
  title: '',
  skill: '',
  level: 'beginner',
  description: '',
  prerequisites: '',
  startsAt: '',
  durationMinutes: '60',
  capacity: '10',
  meetingUrl: '',
};

/** Fields of the API that the form shows; "prerequisites.3" shows on the prerequisites box. */
const formFields = new Set(Object.keys(blank));
const fieldOf = (path: string) => {
  const head = path.split('.')[0] ?? '';
  return formFields.has(head) ? head : null;
};

export function draftOf(session: Session, zone: string): SessionDraft {
  return {
    title: session.title,
    skill: session.skill,
    level: session.level,
    description: session.description ?? '',
    prerequisites: session.prerequisites.join('\n'),
    startsAt: instantToZoned(session.startsAt, zone),
    durationMinutes: String(session.durationMinutes),
    capacity: String(session.capacity),
    meetingUrl: session.meetingUrl ?? '',
  };
}

const wholeNumber = (text: string) => /^\s*\d+\s*$/.test(text);

/** What the API receives for a draft (whose start and numbers `problemsOf` found readable). */
export function fieldsOf(draft: SessionDraft, zone: string): SessionFields {
  const startsAt = zonedToInstant(draft.startsAt, zone);
  return {
    title: draft.title,
    skill: draft.skill,
    level: draft.level,
    description: draft.description.trim() || null,
    prerequisites: draft.prerequisites
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    startsAt: startsAt ? startsAt.toISOString() : draft.startsAt,
    durationMinutes: Number(draft.durationMinutes),
    capacity: Number(draft.capacity),
    meetingUrl: draft.meetingUrl.trim() || null,
  };
}

/** What the browser can tell before asking the server: a start it can read, whole numbers. */
export function problemsOf(draft: SessionDraft, zone: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!zonedToInstant(draft.startsAt, zone))
    problems.startsAt = 'Choose the date and time the session starts.';
  if (!wholeNumber(draft.durationMinutes)) problems.durationMinutes = 'Enter the length in whole minutes.';
  if (!wholeNumber(draft.capacity)) problems.capacity = 'Enter the number of seats, a whole number.';
  return problems;
}

/** Only the fields that differ from the session, so an edit never re-sends an unchanged start. */
export function patchOf(before: SessionFields, after: SessionFields): SessionPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof SessionFields)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch;
}

/**
 * Hosting a new session or editing one. Times are typed in the host's zone (their profile's, else the
 * browser's) and sent as UTC instants; the server checks every rule and its errors land on the fields.
 */
export const SessionFormModel = createModel((zone: string, existing: Session | null) => {
  const original = existing ? draftOf(existing, zone) : blank;
  const draft = signal<SessionDraft>(original);
  const submission = new SubmissionModel(fieldOf);
  /** The end as the host's wall clock shows it, or null while the start or duration is unreadable. */
  const endsAt = computed(() => {
    const start = zonedToInstant(draft.value.startsAt, zone);
    const minutes = Number(draft.value.durationMinutes);
    if (!start || !Number.isInteger(minutes) || minutes <= 0) return null;
    return new Date(start.getTime() + minutes * 60_000);
  });

  return {
    draft,
    submission,
    endsAt,
    set<K extends keyof SessionDraft>(key: K, value: SessionDraft[K]) {
      draft.value = { ...draft.value, [key]: value };
    },
    /** The saved session, or undefined when refused (the errors are then set). */
    async save(): Promise<Session | undefined> {
      const problems = problemsOf(draft.value, zone);
      if (Object.keys(problems).length > 0) {
        submission.reject(problems);
        return undefined;
      }
      const fields = fieldsOf(draft.value, zone);
      if (!existing) return submission.run(() => sessionsApi.create(fields));
      const patch = patchOf(fieldsOf(original, zone), fields);
      return submission.run(() => sessionsApi.update(existing.id, patch));
    },
  };
});
export type SessionFormModel = InstanceType<typeof SessionFormModel>;
