import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
