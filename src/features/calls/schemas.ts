import { z } from '@hono/zod-openapi';
import { PageQuery } from '../../platform/http/cursor.ts';
import { text } from '../../platform/http/text.ts';
import { PublicProfile } from '../identity/index.ts';

const Uuid = (what: string) => text(`${what} id`).uuid(`${what} ids are UUIDs.`);

export const StartCallBody = z
  .object({
    with: Uuid('User').optional().openapi({ description: 'Call this connection (1:1).' }),
    sessionId: Uuid('Session').optional().openapi({ description: "Join this session's room." }),
    groupId: Uuid('Group').optional().openapi({ description: "Join this group's room." }),
  })
  .strict()
  .superRefine((body, ctx) => {
    const given = [body.with, body.sessionId, body.groupId].filter((v) => v !== undefined).length;
    if (given !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['with'],
        message: 'Give exactly one of with, sessionId or groupId.',
      });
  })
  .openapi('StartCallBody');

const IceServer = z
  .object({
    urls: z.union([z.string(), z.array(z.string())]),
    username: z.string().optional(),
    credential: z.string().optional(),
  })
  .openapi('IceServer');

export const LiveKitCall = z
  .object({
    mode: z.literal('livekit'),
    url: z.string().openapi({ description: 'The LiveKit server to connect to (wss://…).' }),
    token: z.string().openapi({ description: 'A JWT for this room only, valid for 10 minutes.' }),
    room: z.string(),
  })
  .openapi('LiveKitCall');

export const P2PCall = z
  .object({
    mode: z.literal('p2p'),
    callId: z.string().uuid(),
    room: z.string(),
    iceServers: z.array(IceServer),
  })
  .openapi('P2PCall');

export const StartedCall = z.union([LiveKitCall, P2PCall]).openapi('StartedCall');

export const CallIdParam = z.object({ callId: Uuid('Call') });

export const CallsQuery = PageQuery;

export const CallSummary = z
  .object({
    id: z.string(),
    room: z.string(),
    with: z.string().nullable().openapi({ description: 'The other person of a 1:1 call; null in rooms.' }),
    person: PublicProfile.nullable().openapi({ description: 'Their public profile (null if deleted).' }),
    direction: z.enum(['outgoing', 'incoming', 'room']),
    startedAt: z.string().openapi({ description: 'When it rang (built-in) or when you joined (LiveKit).' }),
    endedAt: z.string().nullable(),
    durationSeconds: z.number().int().nullable().openapi({
      description: 'Time talking (from the answer); 0 when never answered; null while going on.',
    }),
    missed: z.boolean(),
    outcome: z
      .enum(['busy', 'declined', 'missed', 'hung-up', 'cancelled', 'not-allowed', 'left'])
      .nullable()
      .openapi({ description: 'How it ended; null while going on.' }),
  })
  .openapi('CallSummary');

export const CallList = z
  .object({ calls: z.array(CallSummary), nextCursor: z.string().nullable() })
  .openapi('CallList');
