import { computed, createModel, signal } from '@preact/signals';
import { errorText } from '../lib/error-text.ts';
import { live, type LiveFrame } from '../live/live.model.ts';
import { notices } from '../ui/notices.model.ts';
import { connectionsApi, type BlockedPerson, type Connection, type ConnectionList } from './api.ts';
import { connectionNotice } from './connection-notices.ts';

/** What the signed-in user is to one other person, for the profile page's buttons. */
export type Relation =
  { kind: 'none' } | { kind: 'incoming' | 'outgoing' | 'connected'; connection: Connection };

/**
 * Where the lists put one other person. A plain function, not a model method: model methods run
 * untracked, so a component calling one would not re-render when the lists change.
 */
export function relationTo(lists: ConnectionList, userId: string): Relation {
  const find = (list: Connection[]) => list.find((c) => c.user.id === userId);
  const connected = find(lists.accepted);
  if (connected) return { kind: 'connected', connection: connected };
  const asked = find(lists.incoming);
  if (asked) return { kind: 'incoming', connection: asked };
  const sent = find(lists.outgoing);
  return sent ? { kind: 'outgoing', connection: sent } : { kind: 'none' };
}

const empty: ConnectionList = { incoming: [], outgoing: [], accepted: [] };

const message = (err: unknown) => errorText(err, 'Something went wrong. Please try again.');

/** Frames after which the lists reload: another person's step, or a (re)connect that may have missed some. */
const RELOAD_ON = new Set([
  'connection.requested',
  'connection.accepted',
  'connection.declined',
  'connection.withdrawn',
  'connection.ended',
  'ready',
  'resync',
]);
const RELOAD_DELAY_MS = 100;

/**
 * The signed-in user's requests, connections and blocks. Every action reloads the lists afterwards
 * (the HTTP layer sends X-Min-Position, so the reload already includes the write); other people's
 * steps arrive as live frames and reload them with the frame's position.
 */
export const ConnectionsModel = createModel(() => {
  const lists = signal<ConnectionList>(empty);
  const blocks = signal<readonly BlockedPerson[]>([]);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const loadError = signal<string | null>(null);
  /** Ids (connection or user) with an action in flight, so their buttons disable. */
  const busy = signal<ReadonlySet<string>>(new Set());
  const actionError = signal<string | null>(null);
  const pendingCount = computed(() => lists.value.incoming.length);
  const blockedIds = computed(() => new Set(blocks.value.map((b) => b.user.id)));
  let latestLoad = 0;
  let unsubscribe: (() => void) | undefined;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let wantedPosition = 0;
  let toAnnounce: LiveFrame[] = [];

  async function load(abort?: AbortSignal, minPosition?: number) {
    const run = ++latestLoad;
    if (status.value === 'idle') status.value = 'loading';
    try {
      const [next, blocked] = await Promise.all([
        connectionsApi.list(abort, minPosition),
        connectionsApi.blocks(abort, minPosition),
      ]);
      // Loads overlap (actions, frames, pages); only the newest one may set the lists.
      if (run !== latestLoad) return;
      lists.value = next;
      blocks.value = blocked.blocks;
      status.value = 'ready';
      loadError.value = null;
    } catch (err) {
      if (abort?.aborted || run !== latestLoad) return;
      if (status.value !== 'ready') status.value = 'failed';
      loadError.value = message(err);
    }
  }

  // A burst of frames becomes one reload that includes the newest of them.
  function onFrame(frame: LiveFrame) {
    if (!RELOAD_ON.has(frame.type)) return;
    wantedPosition = Math.max(wantedPosition, frame.position ?? 0);
    if (frame.type.startsWith('connection.')) toAnnounce.push(frame);
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void reload(), RELOAD_DELAY_MS);
  }

  async function reload() {
    const frames = toAnnounce;
    toAnnounce = [];
    await load(undefined, wantedPosition || undefined);
    for (const frame of frames) {
      const notice = connectionNotice(frame, lists.value);
      if (notice) notices.show(notice.text, notice.link);
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

  function reset() {
    latestLoad++;
    lists.value = empty;
    blocks.value = [];
    status.value = 'idle';
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
    reset,
    /** Loads the lists and keeps them current from live frames until `stop`. */
    start() {
      unsubscribe ??= live.subscribe(onFrame);
      void load();
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      clearTimeout(reloadTimer);
      toAnnounce = [];
      wantedPosition = 0;
      reset();
    },
    accept: (c: Connection) => act(c.id, () => connectionsApi.accept(c.id)),
    decline: (c: Connection) => act(c.id, () => connectionsApi.decline(c.id)),
    remove: (c: Connection) => act(c.id, () => connectionsApi.remove(c.id)),
    block: (userId: string) => act(userId, () => connectionsApi.block(userId)),
    unblock: (userId: string) => act(userId, () => connectionsApi.unblock(userId)),
  };
});

export const connections = new ConnectionsModel();
