import type { ReportTarget } from '../moderation/report.model.ts';

/**
 * One message as every chat shows it (direct messages, group chats, the wall). Each chat maps its own
 * messages to this shape, so they share bubbles, times, limits and retries.
 */
export interface ChatMessage {
  id: string;
  authorId: string;
  /** Shown above others' bubbles in rooms with several people; direct messages leave it out. */
  authorName?: string;
  text: string;
  sentAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** A message of mine on its way: still sending, or failed (it stays, with Retry). */
  delivery?: { state: 'sending' } | { state: 'failed'; reason: string };
  /** Direct messages: when the other person read my message (null: sent, not read yet). */
  readAt?: string | null;
}

/** What the person may do to messages, and how; a chat leaves out what it does not offer. */
export interface ChatActions {
  canEdit: (message: ChatMessage) => boolean;
  canDelete: (message: ChatMessage) => boolean;
  /** Resolves true when the edit was taken. */
  edit: (id: string, text: string) => boolean | Promise<boolean>;
  remove: (id: string) => unknown;
  retry: (id: string) => unknown;
  discard: (id: string) => unknown;
  /** The question the inline confirmation asks before a delete. */
  deleteQuestion: string;
  /** What a "Report" of someone else's message names; left out (or null) where reporting is not offered. */
  reportTarget?: (message: ChatMessage) => ReportTarget | null;
}

/** Older history, loaded as the reader scrolls up. */
export interface OlderHistory {
  state: 'idle' | 'loading' | 'end' | 'failed';
  load: () => unknown;
}
