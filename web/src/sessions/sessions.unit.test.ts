import { describe, expect, it } from 'vitest';
import type { Session } from './api.ts';
import { seatsText } from './seats.ts';
import { draftOf, fieldsOf, patchOf, problemsOf } from './session-form.model.ts';
import { browseQuery } from './sessions-browse.model.ts';

const none = { skill: '', level: '', from: '', to: '', q: '' } as const;

describe('the browse query', () => {
  it('sends only the filters given, trimmed', () => {
    expect(browseQuery(none, 'UTC')).toEqual({ limit: '20' });
    expect(browseQuery({ ...none, skill: ' guitarr ', level: 'beginner', q: 'thumb' }, 'UTC')).toEqual({
      limit: '20',
      skill: 'guitarr',
      level: 'beginner',
      q: 'thumb',
    });
  });

  it('reads dates as whole days in the viewer’s zone, the last day included', () => {
    expect(browseQuery({ ...none, from: '2030-01-08', to: '2030-01-09' }, 'Europe/Berlin')).toMatchObject({
      from: '2030-01-07T23:00:00.000Z',
      to: '2030-01-09T23:00:00.000Z',
    });
    // The day the clocks go back is 25 hours long.
    expect(browseQuery({ ...none, to: '2030-10-27' }, 'Europe/Berlin').to).toBe('2030-10-27T23:00:00.000Z');
  });
});

const session = {
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Fingerstyle',
  description: null,
  skill: 'Guitar',
  level: 'beginner',
  prerequisites: ['Own a guitar'],
  startsAt: '2030-01-08T17:00:00.000Z',
  endsAt: '2030-01-08T18:00:00.000Z',
  durationMinutes: 60,
  capacity: 6,
  registered: 6,
  waitlisted: 2,
  meetingUrl: 'https://meet.example.com/x',
} as unknown as Session;

describe('the session form', () => {
  it('shows the start as the host’s wall clock and sends it back as the same instant', () => {
    const draft = draftOf(session, 'Europe/Berlin');
    expect(draft.startsAt).toBe('2030-01-08T18:00');
    expect(fieldsOf(draft, 'Europe/Berlin')).toMatchObject({
      startsAt: '2030-01-08T17:00:00.000Z',
      prerequisites: ['Own a guitar'],
      description: null,
      capacity: 6,
    });
  });

  it('edits send only what changed', () => {
    const before = fieldsOf(draftOf(session, 'UTC'), 'UTC');
    const after = fieldsOf({ ...draftOf(session, 'UTC'), capacity: '8', meetingUrl: ' ' }, 'UTC');
    expect(patchOf(before, after)).toEqual({ capacity: 8, meetingUrl: null });
  });

  it('names what it cannot read before asking the server', () => {
    const draft = { ...draftOf(session, 'UTC'), startsAt: '', capacity: 'six', durationMinutes: '1.5' };
    expect(Object.keys(problemsOf(draft, 'UTC')).sort()).toEqual(['capacity', 'durationMinutes', 'startsAt']);
  });
});

describe('seats', () => {
  it('says how many are left, or that it is full and how many wait', () => {
    expect(seatsText({ capacity: 1, registered: 0, waitlisted: 0 })).toBe('1 of 1 seat left');
    expect(seatsText({ capacity: 6, registered: 2, waitlisted: 0 })).toBe('4 of 6 seats left');
    expect(seatsText(session)).toBe('Full · 2 waiting');
  });
});
