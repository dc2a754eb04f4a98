import type { Context } from 'hono';
import type { EventMetadata, Role } from '../event-store/port.ts';
import { requireSignedIn, requireUser } from './auth.ts';
import { wrotePosition } from './consistency.ts';
import { eventMetadata, type AppEnv, type Deps, type SessionUser } from './context.ts';

/** What a write route's command gets: who acts, the app's dependencies, the request's event metadata. */
export interface CommandContext {
  me: SessionUser;
  deps: Deps;
  metadata: EventMetadata;
}

/**
 * The write-route skeleton in one place, so a route reads as "schema (its route constant), who may,
 * which command, what to answer": checks the session (and `roles` when given), runs the command with
 * the request's metadata, hands its global position to read-your-writes, and answers.
 * Input was already validated by the route's zod schemas; a domain error thrown anywhere becomes
 * problem+json in `onError`.
 */
export async function command<R extends { position: number | null }, Answer>(
  c: Context<AppEnv>,
  run: (ctx: CommandContext) => Promise<R>,
  answer: (result: R, me: SessionUser) => Answer,
  options: {
    roles?: readonly Role[];
    /** Also for a suspended person (their appeal). */ suspended?: 'allowed';
  } = {},
): Promise<Answer> {
  const me = options.suspended === 'allowed' ? requireSignedIn(c) : requireUser(c, ...(options.roles ?? []));
  const result = await run({ me, deps: c.get('deps'), metadata: eventMetadata(c) });
  wrotePosition(c, result.position);
  return answer(result, me);
}

/** What a write route without a session demand gets: the session user if any, and metadata for an actor. */
export interface PublicCommandContext {
  me: SessionUser | undefined;
  deps: Deps;
  /** The request's event metadata, acting as `actor` (null: nobody yet; left out: the session user). */
  metadata: (actor?: { userId: string; role: Role } | null) => EventMetadata;
}

/**
 * The same skeleton for the few writes anyone may make (sign-up, sign-in, sign-out): no session is
 * demanded, since the command itself establishes who acts; then read-your-writes and the answer as above.
 */
export async function publicCommand<R extends { position: number | null }, Answer>(
  c: Context<AppEnv>,
  run: (ctx: PublicCommandContext) => Promise<R>,
  answer: (result: R) => Answer,
): Promise<Answer> {
  const result = await run({
    me: c.get('user'),
    deps: c.get('deps'),
    metadata: (actor) => eventMetadata(c, actor),
  });
  wrotePosition(c, result.position);
  return answer(result);
}
