import { computed, createModel, signal } from '@preact/signals';
import { ApiError } from '../lib/http.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { connectionsApi, type BlockedPerson, type Connection, type ConnectionLists } from './api.ts';

/** What the signed-in user is to one other person, for the profile page's buttons. */
export type Relation =
  { kind: 'none' } | { kind: 'incoming' | 'outgoing' | 'connected'; connection: Connection };

/**
 * Where `userId` stands in `lists`. A plain function, not a model method: createModel runs methods
 * untracked, so a component calling one in render would not re-render when the lists change.
 */
export function relationIn(lists: ConnectionLists, userId: string): Relation {
  const find = (list: Connection[]) => list.find((c) => c.user.id === userId);
  const connected = find(lists.accepted);
  if (connected) return { kind: 'connected', connection: connected };
  const asked = find(lists.incoming);
  if (asked) return { kind: 'incoming', connection: asked };
  const sent = find(lists.outgoing);
  return sent ? { kind: 'outgoing', connection: sent } : { kind: 'none' };
}

const empty: ConnectionLists = { incoming: [], outgoing: [], accepted: [] };

const message = (err: unknown) =>
  err instanceof ApiError ? err.detail : 'Something went wrong. Please try again.';

/**
 * The signed-in user's requests, connections and blocks. Every action reloads the lists afterwards;
 * the HTTP layer sends X-Min-Position, so the reload already includes the write. The other person's
 * actions arrive as `connection.*` frames on /api/live and reload the lists at the frame's position.
 */
export const ConnectionsModel = createModel(() => {
  const lists = signal<ConnectionLists>(empty);
  const blocks = signal<readonly BlockedPerson[]>([]);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const loadError = signal<string | null>(null);
  /** Ids (connection or user) with an action in flight, so their buttons disable. */
  const busy = signal<ReadonlySet<string>>(new Set());
  const actionError = signal<string | null>(null);
  const pendingCount = computed(() => lists.value.incoming.length);
  const blockedIds = computed(() => new Set(blocks.value.map((b) => b.user.id)));

  async function load(abort?: AbortSignal, minPosition?: number) {
    if (status.value === 'idle') status.value = 'loading';
    try {
      const [next, blocked] = await Promise.all([
        connectionsApi.list(abort, minPosition),
        connectionsApi.blocks(abort),
      ]);
      lists.value = next;
      blocks.value = blocked.blocks;
      status.value = 'ready';
      loadError.value = null;
    } catch (err) {
      if (abort?.aborted) return;
      if (status.value !== 'ready') status.value = 'failed';
      loadError.value = message(err);
    }
  }

  /** Runs one action for `key`; true when it succeeded. Errors land in `actionError`. */
  async function act(key: string, work: () => Promise<unknown>): Promise<boolean> {
    if (busy.value.has(key)) return false;
    busy.value = new Set([...busy.value, key]);
    actionError.value = null;
    try {
      await work();
      return true;
    } catch (err) {
      actionError.value = message(err);
      return false;
    } finally {
      const next = new Set(busy.value);
      next.delete(key);
      busy.value = next;
      await load();
    }
  }

  let pending: ReturnType<typeof setTimeout> | undefined;
  let wantedPosition = 0;
  // A burst of frames becomes one reload that includes the newest of them.
  function reloadSoon(frame: LiveFrame) {
    if (!frame.type.startsWith('connection.') && frame.type !== 'resync') return;
    wantedPosition = Math.max(wantedPosition, frame.position ?? 0);
    clearTimeout(pending);
    pending = setTimeout(() => void load(undefined, wantedPosition || undefined), 150);
  }

  return {
    lists,
    blocks,
    status,
    loadError,
    busy,
    actionError,
    pendingCount,
    blockedIds,
    load,
    /** Loads, then follows live frames until the returned function is called. */
    follow(): () => void {
      void load();
      const unsubscribe = live.subscribe(reloadSoon);
      return () => {
        unsubscribe();
        clearTimeout(pending);
      };
    },
    reset() {
      lists.value = empty;
      blocks.value = [];
      status.value = 'idle';
    },
    accept: (c: Connection) => act(c.id, () => connectionsApi.accept(c.id)),
    decline: (c: Connection) => act(c.id, () => connectionsApi.decline(c.id)),
    remove: (c: Connection) => act(c.id, () => connectionsApi.remove(c.id)),
    block: (userId: string) => act(userId, () => connectionsApi.block(userId)),
    unblock: (userId: string) => act(userId, () => connectionsApi.unblock(userId)),
  };
});

export const connections = new ConnectionsModel();
