import { WebSocketServer, type RawData } from 'ws';
import type { EventStore } from '../../platform/event-store/port.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Broadcast } from '../../platform/realtime/broadcast.ts';
import type { SessionSockets } from '../../platform/realtime/session-sockets.ts';
import { refuse, type SocketRoute } from '../../platform/http/websocket.ts';
import { CLOSE_TOO_MANY_SOCKETS, tooManySockets } from '../docs/index.ts';
import { LiveHub, type LiveHubOptions } from './hub.ts';
import type { LiveFrameMapper } from '../../platform/realtime/live-frames.ts';
import { ClientFrame, TypingRelay, type TypingPermission } from './typing.ts';
import { MAX_SIGNAL_BYTES, SignalFrame, SignalRelay, type SignalPermission } from './signal.ts';

const PATH = '/api/live';

export interface LiveSocketRoute extends SocketRoute {
  hub: LiveHub;
}

/**
 * `GET /api/live`: refuses a missing or expired session with 401 and a suspended account with 403 before
 * upgrading; `?after=<position>` asks for the frames missed since that position.
 */
export function liveSocketRoute(
  deps: { store: EventStore; logger: Logger; sockets: SessionSockets },
  features: {
    /** Every feature's mapper from events to frames: each event from the store goes through all of them. */
    mappers: readonly LiveFrameMapper[];
    /** Relays typing frames: the broadcast reaches every app process; `mayType` checks each frame. */
    typing: { broadcast: Broadcast; mayType: TypingPermission };
    /** Relays `call.signal` frames the same way; `maySignal` checks each one. */
    signals?: { broadcast: Broadcast; maySignal: SignalPermission };
  },
  options: LiveHubOptions & {
    /** Sockets (/api/live and /yjs together) one person may hold in this process; unset: no limit. */
    socketsPerUser?: number;
  } = {},
): LiveSocketRoute {
  const socketsPerUser = options.socketsPerUser ?? Infinity;
  const broadcast = features.typing.broadcast;
  const hub = new LiveHub(deps.store, features.mappers, deps.logger, options);
  const typing = new TypingRelay(features.typing.mayType, broadcast, hub, deps.logger);
  const signals =
    features.signals &&
    new SignalRelay(features.signals.maySignal, features.signals.broadcast, hub, deps.logger);
  // Frames above MAX_SIGNAL_BYTES are refused with an error frame; only far larger ones close the socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * MAX_SIGNAL_BYTES });
  void hub.start().catch((err: unknown) => deps.logger.error({ err }, 'live hub could not start'));

  return {
    hub,
    matches: (pathname) => pathname === PATH,
    upgrade(request, socket, head, user) {
      if (!user) return refuse(socket, 401, 'Unauthorized');
      if (user.status === 'suspended') return refuse(socket, 403, 'Forbidden');
      const afterParam = new URL(request.url ?? '/', 'http://localhost').searchParams.get('after');
      if (afterParam !== null && !/^\d{1,15}$/.test(afterParam)) return refuse(socket, 400, 'Bad Request');
      const after = afterParam === null ? undefined : Number(afterParam);
      wss.handleUpgrade(request, socket, head, (ws) => {
        // Counted and tracked in the same turn: concurrent upgrades cannot both take the last place.
        if (deps.sockets.countFor(user.userId) >= socketsPerUser) {
          return ws.close(CLOSE_TOO_MANY_SOCKETS, tooManySockets(socketsPerUser));
        }
        deps.sockets.track(user.sessionId, user.userId, ws);
        ws.on('error', (err) => deps.logger.debug({ err }, 'live socket error'));
        const refuse = (message: string) => ws.send(JSON.stringify({ type: 'error', message }));
        ws.on('message', (data: RawData) => {
          const bytes = toBuffer(data);
          if (bytes.length > MAX_SIGNAL_BYTES) {
            return refuse(
              `Frames may be at most ${MAX_SIGNAL_BYTES / 1024} KiB; this one was not delivered.`,
            );
          }
          const json = parseJson(bytes);
          const signal = SignalFrame.safeParse(json);
          if (signal.success && signals) {
            void signals
              .relay(user.userId, signal.data)
              .then((why) => why && refuse(why))
              .catch((err: unknown) => deps.logger.warn({ err }, 'call signal failed'));
            return;
          }
          const parsed = ClientFrame.safeParse(json);
          if (!parsed.success) {
            ws.send(
              JSON.stringify({
                type: 'error',
                message:
                  'Unknown frame. Send {"type":"typing","to":"<userId>"} or ' +
                  '{"type":"call.signal","to":"<userId>","room":"<room>","data":…}.',
              }),
            );
            return;
          }
          void typing
            .typing(user.userId, parsed.data.to)
            .catch((err: unknown) => deps.logger.warn({ err }, 'typing indicator failed'));
        });
        hub.connect(ws, user.userId, after).catch((err: unknown) => {
          deps.logger.error({ err }, 'live catch-up failed');
          ws.close(1011, 'Catch-up failed; reconnect');
        });
      });
    },
    async close() {
      typing.close();
      signals?.close();
      await hub.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await broadcast.close();
      await features.signals?.broadcast.close();
    },
  };
}

function toBuffer(data: RawData): Buffer {
  return Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(new Uint8Array(data));
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
