import { createHash } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { WebhookReceiver } from 'livekit-server-sdk';
import { notFound, unauthorized } from '../../platform/errors.ts';
import { publicCommand } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { runSessionCommand } from '../sessions/index.ts';
import { parseRoom } from './events.ts';
import { recordWebhook, type VideoSettings } from './service.ts';

const WebhookAnswer = z
  .object({ recorded: z.boolean().openapi({ description: 'false: a repeat, or a room we never issued.' }) })
  .openapi('WebhookAnswer');

const livekitWebhook = createRoute({
  method: 'post',
  path: '/api/livekit/webhook',
  tags: ['video'],
  description:
    "LiveKit's webhook: the raw body, signed by a JWT in `Authorization` whose `sha256` claim is the body's " +
    'SHA-256. Room and participant events are recorded once per webhook id; rooms we never issued are ' +
    'recorded as ignored. 401: no or a wrong signature. 404: LiveKit is not configured.',
  responses: { 200: jsonResponse(WebhookAnswer, 'Recorded (or ignored)'), ...problems(401, 404) },
});

/** `POST /api/livekit/webhook` (docs/video.md). */
export function webhookRoutes(video: VideoSettings) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const livekit = video.livekit;
  const receiver = livekit && new WebhookReceiver(livekit.apiKey, livekit.apiSecret);

  app.openapi(livekitWebhook, async (c) => {
    if (!receiver) throw notFound('LiveKit is not configured here.');
    const body = await c.req.text();
    const auth = c.req.header('authorization');
    let event;
    try {
      event = await receiver.receive(body, auth);
    } catch {
      throw unauthorized('The webhook signature is missing or wrong.');
    }
    // LiveKit gives every webhook an id and keeps it across retries; the body's hash stands in without one.
    const webhookId = event.id || createHash('sha256').update(body).digest('base64url');
    const room = event.room?.name || null;
    const userId = event.participant?.identity || null;
    return publicCommand(
      c,
      async ({ deps, metadata }) => {
        const meta = metadata(null);
        const result = await recordWebhook(
          deps,
          { type: 'RecordWebhook', webhookId, event: event.event, room, userId },
          meta,
        );
        // Joining a session's call counts as attendance (the session's rules decide whether it does).
        const ref = room === null ? undefined : parseRoom(room);
        const joined = result.events.find((e) => e.type === 'VideoParticipantJoined');
        if (joined && ref?.kind === 'session') {
          await runSessionCommand(
            deps,
            ref.id,
            { type: 'RecordCallJoin', userId: joined.data.userId, now: deps.clock() },
            meta,
          ).catch((err: unknown) => deps.logger.warn({ err }, 'recording attendance from a call failed'));
        }
        return result;
      },
      (result) => c.json({ recorded: result.events.some((e) => e.type !== 'VideoWebhookIgnored') }, 200),
    );
  });
  return app;
}
