import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { userIdFrom } from '../groups/api.ts';
import {
  deleteMessage,
  editMessage,
  postMessage,
  readMessages,
  type RoomMessageArray,
} from './room-messages.ts';

const fresh = (): RoomMessageArray => new Y.Doc().getArray('messages');

describe('room document messages', () => {
  it('posts entries with the shared shape and reads them back', () => {
    const messages = fresh();
    const id = postMessage(messages, 'ada', 'hello');
    const entry = messages.get(0);
    expect([...entry.keys()].sort()).toEqual(['authorId', 'createdAt', 'id', 'text']);
    expect(readMessages(messages)).toEqual([
      {
        id,
        authorId: 'ada',
        text: 'hello',
        createdAt: entry.get('createdAt'),
        editedAt: null,
        deleted: false,
      },
    ]);
  });

  it('edits set text and editedAt; deleting flags the entry and keeps it in the array', () => {
    const messages = fresh();
    const first = postMessage(messages, 'ada', 'one');
    postMessage(messages, 'bob', 'two');
    editMessage(messages, first, 'one, edited');
    deleteMessage(messages, first);
    expect(messages.length).toBe(2);
    const [edited, kept] = readMessages(messages);
    expect(edited).toMatchObject({
      text: 'one, edited',
      deleted: true,
      editedAt: expect.any(String) as string,
    });
    expect(kept).toMatchObject({ text: 'two', deleted: false });
  });

  it('skips malformed entries written by another client', () => {
    const messages = fresh();
    messages.push([new Y.Map<unknown>([['id', 'x']]), new Y.Map<unknown>([['text', 7]])]);
    postMessage(messages, 'ada', 'fine');
    expect(readMessages(messages).map((m) => m.text)).toEqual(['fine']);
  });
});

describe('userIdFrom', () => {
  it('finds the id in a profile link or alone, and nothing in other text', () => {
    const id = '2f6c2a56-41a4-4c39-9a55-0e0b6d6f0c11';
    expect(userIdFrom(`https://skillswap.example/users/${id}`)).toBe(id);
    expect(userIdFrom(`  ${id.toUpperCase()} `)).toBe(id);
    expect(userIdFrom('ada@example.com')).toBeNull();
  });
});
