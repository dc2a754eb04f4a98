import { describe, expect, it } from 'vitest';
import { deciderSpecification } from '../../../tests/support/decider.ts';
import { AppError } from '../../platform/errors.ts';
import type { PairState } from '../connections/index.ts';
import { decideConversation, type ConversationCommand } from './conversation.decide.ts';
import { evolveConversation, initialConversation, type ConversationState } from './conversation.ts';
import type { DirectMessageEvent } from './events.ts';

const decider = { initial: initialConversation, evolve: evolveConversation, decide: decideConversation };
const { given } = deciderSpecification<ConversationState, ConversationCommand, DirectMessageEvent>(decider);

const ana = 'a0000000-0000-4000-8000-000000000001';
const bo = 'b0000000-0000-4000-8000-000000000002';
const connection = {
  id: 'c1',
  fromUserId: ana,
  toUserId: bo,
  message: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const connected: PairState = { connection: { ...connection, status: 'accepted' }, blockedBy: [] };
const pending: PairState = { connection: { ...connection, status: 'pending' }, blockedBy: [] };
const blocked: PairState = { connection: { ...connection, status: 'ended' }, blockedBy: [bo] };
const blockedWhileAccepted: PairState = { ...connected, blockedBy: [ana] };

const sent = (
  messageId: string,
  seq: number,
  from = ana,
  to = bo,
  body = `hello ${seq}`,
): DirectMessageEvent => ({
  type: 'DirectMessageSent',
  data: { messageId, fromUserId: from, toUserId: to, seq, body },
});
const withStatus = (status: number) => (error: AppError) => expect(error.status).toBe(status);

describe('decideConversation', () => {
  describe('when the two are not allowed to talk', () => {
    it('refuses every command with 403 and says why', () => {
      const commands = (pair: PairState): ConversationCommand[] => [
        { type: 'SendMessage', pair, messageId: 'm9', from: ana, to: bo, body: 'hi' },
        { type: 'EditMessage', pair, messageId: 'm1', by: ana, body: 'x' },
        { type: 'DeleteMessage', pair, messageId: 'm1', by: ana },
        { type: 'MarkRead', pair, reader: bo, upTo: 'm1' },
      ];
      for (const pair of [{ connection: null, blockedBy: [] }, pending, blocked, blockedWhileAccepted]) {
        for (const command of commands(pair))
          given([sent('m1', 1)])
            .when(command)
            .thenThrows(AppError, withStatus(403));
      }
      given([])
        .when(commands(blockedWhileAccepted)[0]!)
        .thenThrows(AppError, (e) => expect(e.detail).toMatch(/blocked/));
      given([])
        .when(commands(pending)[0]!)
        .thenThrows(AppError, (e) => expect(e.detail).toMatch(/connected/));
    });
  });

  describe('when connected', () => {
    it('numbers sent messages 1, 2, 3 in the conversation', () => {
      const send = {
        type: 'SendMessage',
        pair: connected,
        messageId: 'm3',
        from: bo,
        to: ana,
        body: 'yo',
      } as const;
      given([])
        .when({ ...send, messageId: 'm1' })
        .then([sent('m1', 1, bo, ana, 'yo')]);
      given([sent('m1', 1), sent('m2', 2, bo, ana)])
        .when(send)
        .then([sent('m3', 3, bo, ana, 'yo')]);
    });

    it('ignores a retried send of the same message id', () => {
      given([sent('m1', 1)])
        .when({ type: 'SendMessage', pair: connected, messageId: 'm1', from: ana, to: bo, body: 'hello 1' })
        .thenNothingHappens();
    });

    describe("with the sender's own id for the message (clientId)", () => {
      const clientId = 'c0000000-0000-4000-8000-0000000000c1';
      const sentWith = (
        messageId: string,
        seq: number,
        from = ana,
        body = `hello ${seq}`,
      ): DirectMessageEvent => {
        const event = sent(messageId, seq, from, from === ana ? bo : ana, body);
        return { ...event, data: { ...event.data, clientId } } as DirectMessageEvent;
      };
      const send = (messageId: string, body: string, from = ana) =>
        ({
          type: 'SendMessage',
          pair: connected,
          messageId,
          from,
          to: from === ana ? bo : ana,
          body,
          clientId,
        }) as const;

      it('records it with the message', () => {
        given([])
          .when(send('m1', 'hello 1'))
          .then([sentWith('m1', 1)]);
      });

      it('sends nothing when the same message comes again under a new server id (a retry after a lost answer)', () => {
        given([sentWith('m1', 1)])
          .when(send('m2', 'hello 1'))
          .thenNothingHappens();
      });

      it('still knows the message after it was edited: the retry carries the text as first sent', () => {
        const edited: DirectMessageEvent = {
          type: 'DirectMessageEdited',
          data: { messageId: 'm1', fromUserId: ana, toUserId: bo, body: 'changed' },
        };
        given([sentWith('m1', 1), edited])
          .when(send('m2', 'hello 1'))
          .thenNothingHappens();
      });

      it('refuses a different text under a used clientId with 409', () => {
        given([sentWith('m1', 1)])
          .when(send('m2', 'something else'))
          .thenThrows(AppError, (e) => {
            expect(e.status).toBe(409);
            expect(e.detail).toMatch(/new clientId/);
          });
      });

      it("keeps each sender's ids apart: the other person may use the same clientId", () => {
        given([sentWith('m1', 1)])
          .when(send('m2', 'hello 1', bo))
          .then([sentWith('m2', 2, bo, 'hello 1')]);
      });
    });
  });

  describe('when editing or deleting', () => {
    const edit = (by: string, body = 'changed'): ConversationCommand => ({
      type: 'EditMessage',
      pair: connected,
      messageId: 'm1',
      by,
      body,
    });
    const remove = (by: string): ConversationCommand => ({
      type: 'DeleteMessage',
      pair: connected,
      messageId: 'm1',
      by,
    });

    it('lets the sender edit and delete their own message', () => {
      given([sent('m1', 1)])
        .when(edit(ana))
        .then([
          {
            type: 'DirectMessageEdited',
            data: { messageId: 'm1', fromUserId: ana, toUserId: bo, body: 'changed' },
          },
        ]);
      given([sent('m1', 1)])
        .when(remove(ana))
        .then([{ type: 'DirectMessageDeleted', data: { messageId: 'm1', fromUserId: ana, toUserId: bo } }]);
    });

    it("refuses to change the other person's message with 403", () => {
      given([sent('m1', 1)])
        .when(edit(bo))
        .thenThrows(AppError, withStatus(403));
      given([sent('m1', 1)])
        .when(remove(bo))
        .thenThrows(AppError, withStatus(403));
    });

    it('answers 404 for an unknown message', () => {
      given([]).when(edit(ana)).thenThrows(AppError, withStatus(404));
      given([]).when(remove(ana)).thenThrows(AppError, withStatus(404));
    });

    it('does nothing for an unchanged edit or a second delete, and refuses to edit a deleted message', () => {
      const deleted: DirectMessageEvent = {
        type: 'DirectMessageDeleted',
        data: { messageId: 'm1', fromUserId: ana, toUserId: bo },
      };
      given([sent('m1', 1)])
        .when(edit(ana, 'hello 1'))
        .thenNothingHappens();
      given([sent('m1', 1), deleted])
        .when(remove(ana))
        .thenNothingHappens();
      given([sent('m1', 1), deleted])
        .when(edit(ana))
        .thenThrows(AppError, withStatus(409));
    });
  });

  describe('when marking as read', () => {
    const read = (reader: string, upTo: string): ConversationCommand => ({
      type: 'MarkRead',
      pair: connected,
      reader,
      upTo,
    });
    const history = [sent('m1', 1), sent('m2', 2), sent('m3', 3, bo, ana)];

    it('moves the reader up to the message and names the other side', () => {
      given(history)
        .when(read(bo, 'm2'))
        .then([
          {
            type: 'DirectMessagesRead',
            data: { readerId: bo, otherUserId: ana, upToMessageId: 'm2', upToSeq: 2 },
          },
        ]);
      given(history)
        .when(read(ana, 'm3'))
        .then([
          {
            type: 'DirectMessagesRead',
            data: { readerId: ana, otherUserId: bo, upToMessageId: 'm3', upToSeq: 3 },
          },
        ]);
    });

    it('never moves the reader backwards', () => {
      const readTo2: DirectMessageEvent = {
        type: 'DirectMessagesRead',
        data: { readerId: bo, otherUserId: ana, upToMessageId: 'm2', upToSeq: 2 },
      };
      given([...history, readTo2])
        .when(read(bo, 'm1'))
        .thenNothingHappens();
      given([...history, readTo2])
        .when(read(bo, 'm2'))
        .thenNothingHappens();
    });

    it('answers 404 for a message not in the conversation', () => {
      given(history).when(read(bo, 'nope')).thenThrows(AppError, withStatus(404));
    });
  });
});
