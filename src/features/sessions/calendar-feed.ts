import { createHash, createHmac } from 'node:crypto';
import type { Aggregate } from '../../platform/commands.ts';
import type { Recorded } from '../../platform/event-store/events.ts';
import { calendarFeedEvents, type CalendarFeedEvent } from './events.ts';

/**
 * A person's private calendar feed, `calendar-<userId>`. The URL's token is `HMAC(secret, userId, nonce)`:
 * the log and read model keep the nonce and the token's SHA-256, never the token, and the app can still show
 * the URL again. Renewing issues a new nonce, so the old token's hash matches nothing (404).
 */
export type CalendarFeedState = { status: 'none' } | { status: 'issued'; tokenHash: string; nonce: string };

export const calendarFeedAggregate: Aggregate<CalendarFeedState, CalendarFeedEvent> = {
  initial: { status: 'none' },
  evolve: (_state, event: Recorded<CalendarFeedEvent>) => ({
    status: 'issued',
    tokenHash: event.data.tokenHash,
    nonce: event.data.nonce,
  }),
  registry: calendarFeedEvents,
};

export interface IssueCalendarFeed {
  type: 'IssueCalendarFeed';
  userId: string;
  nonce: string;
  tokenHash: string;
  /** The token hash this one replaces (null: none yet). Another device got there first otherwise: keep theirs. */
  replaces: string | null;
}

/** Pure: issue the new token only if the feed still has the token the caller meant to replace. */
export function decideCalendarFeed(
  command: IssueCalendarFeed,
  state: CalendarFeedState,
): CalendarFeedEvent[] {
  const current = state.status === 'issued' ? state.tokenHash : null;
  if (current !== command.replaces) return [];
  const { userId, nonce, tokenHash } = command;
  return [{ type: 'CalendarFeedTokenIssued', data: { userId, tokenHash, nonce } }];
}

export const feedToken = (secret: string, userId: string, nonce: string) =>
  createHmac('sha256', secret).update(`calendar-feed:${userId}:${nonce}`).digest('base64url');
export const feedTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
/** The shape of a token in a feed URL (43 base64url characters). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
