import { z } from 'zod';
import {
  defineEvent,
  EventRegistry,
  type EventOf,
  type Recorded,
} from '../../platform/event-store/events.ts';
import { conflict } from '../../platform/errors.ts';

/** Emails are unique case-insensitively; the reservation stream's name is derived from that form. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
/**
 * The reservation stream of an email: named by a keyed hash (HMAC, key in the key store), so the log's
 * stream names do not reveal addresses to anyone who can hash a list of emails.
 */
export const emailStream = (keys: { emailLookup(email: string): string }, email: string) =>
  `email-${keys.emailLookup(normalizeEmail(email))}`;

export const EmailReserved = defineEvent({
  type: 'EmailReserved',
  version: 1,
  schema: z.object({ userId: z.string(), email: z.string() }),
});
export const EmailReleased = defineEvent({
  type: 'EmailReleased',
  version: 1,
  schema: z.object({ userId: z.string() }),
});
const definitions = [EmailReserved, EmailReleased] as const;
export type EmailEvent = EventOf<(typeof definitions)[number]>;

export type EmailState = { status: 'free' } | { status: 'reserved'; userId: string };

export const emailAggregate = {
  initial: { status: 'free' } as EmailState,
  registry: new EventRegistry<EmailEvent>(definitions),
  evolve(_state: EmailState, event: Recorded<EmailEvent>): EmailState {
    return event.type === 'EmailReserved'
      ? { status: 'reserved', userId: event.data.userId }
      : { status: 'free' };
  },
};

export function decideReserveEmail(state: EmailState, userId: string, email: string): EmailEvent[] {
  if (state.status === 'reserved')
    throw conflict('An account with this email already exists. Sign in instead.');
  return [{ type: 'EmailReserved', data: { userId, email: normalizeEmail(email) } }];
}

export function decideReleaseEmail(state: EmailState, userId: string): EmailEvent[] {
  return state.status === 'reserved' && state.userId === userId
    ? [{ type: 'EmailReleased', data: { userId } }]
    : [];
}
