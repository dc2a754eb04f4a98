import * as Y from 'yjs';
import { utf16Units, type TextLimit } from '../chat/chat-text.ts';

/** One entry of a room document's shared `messages` array, as the room shows it. */
export interface RoomMessage {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export type RoomMessageArray = Y.Array<Y.Map<unknown>>;

/** The /yjs server's limit (MAX_TEXT_LENGTH in src/features/docs/message-rules.ts): 4,000 UTF-16 units. */
export const roomMessageLimit: TextLimit = { max: 4_000, measure: utf16Units };

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Reads the array defensively: entries another client wrote wrongly are skipped, never rendered raw. */
export function readMessages(messages: RoomMessageArray): RoomMessage[] {
  const out: RoomMessage[] = [];
  for (const entry of messages.toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const id = str(entry.get('id'));
    const authorId = str(entry.get('authorId'));
    const text = str(entry.get('text'));
    const createdAt = str(entry.get('createdAt'));
    if (!id || !authorId || text === null || !createdAt) continue;
    out.push({
      id,
      authorId,
      text,
      createdAt,
      editedAt: str(entry.get('editedAt')),
      deleted: entry.get('deleted') === true,
    });
  }
  return out;
}

function find(messages: RoomMessageArray, id: string): Y.Map<unknown> | undefined {
  return messages.toArray().find((m) => m instanceof Y.Map && m.get('id') === id);
}

export function postMessage(messages: RoomMessageArray, authorId: string, text: string): string {
  const id = crypto.randomUUID();
  const entry = new Y.Map<unknown>([
    ['id', id],
    ['authorId', authorId],
    ['text', text],
    ['createdAt', new Date().toISOString()],
  ]);
  messages.push([entry]);
  return id;
}

export function editMessage(messages: RoomMessageArray, id: string, text: string): void {
  const entry = find(messages, id);
  if (!entry) return;
  messages.doc?.transact(() => {
    entry.set('text', text);
    entry.set('editedAt', new Date().toISOString());
  });
}

/** Marks the message deleted; array items are never removed, so every client keeps the same order. */
export function deleteMessage(messages: RoomMessageArray, id: string): void {
  find(messages, id)?.set('deleted', true);
}
