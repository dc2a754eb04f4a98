import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseCookies } from 'hono/utils/cookie';
import { SESSION_COOKIE } from './auth.ts';
import type { Deps, SessionUser } from './context.ts';
import { lookupSession } from './sessions.ts';

/** A WebSocket endpoint on the app's HTTP server (live updates, Yjs documents). */
export interface SocketRoute {
  matches(pathname: string): boolean;
  /**
   * Takes over the upgrade. `user` is the signed-in user from the session cookie, or undefined; each route
   * decides how to refuse (an HTTP status before the upgrade, or a close code after it).
   */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, user: SessionUser | undefined): void;
  close(): Promise<void>;
}

/**
 * Routes upgrade requests to the feature that owns the path, after resolving the session cookie.
 * A browser's cross-site WebSocket (Origin of another host) is refused: cookies ride along on WebSockets
 * and no CORS preflight protects them.
 */
export function attachSocketRoutes(server: Server, deps: Deps, routes: readonly SocketRoute[]): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routes.find((r) => r.matches(url.pathname));
    if (!route) return refuse(socket, 404, 'Not Found');
    const origin = request.headers.origin;
    // X-Forwarded-Host counts only behind a proxy we trust, as in the CSRF check.
    const forwarded = deps.config.trustProxy
      ? String(request.headers['x-forwarded-host'] ?? '')
          .split(',')[0]
          ?.trim() || undefined
      : undefined;
    const host = forwarded ?? request.headers.host;
    if (origin && origin !== 'null' && hostOf(origin) !== host) return refuse(socket, 403, 'Forbidden');
    const token = parseCookies(request.headers.cookie ?? '', SESSION_COOKIE)[SESSION_COOKIE];
    (token ? lookupSession(deps, token) : Promise.resolve(undefined)).then(
      (user) => route.upgrade(request, socket, head, user),
      (err: unknown) => {
        deps.logger.error({ err }, 'WebSocket session lookup failed');
        refuse(socket, 500, 'Internal Server Error');
      },
    );
  });
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** Answers an upgrade request with a plain HTTP status and closes the socket. */
export function refuse(socket: Duplex, status: number, text: string): void {
  if (socket.writable)
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}
