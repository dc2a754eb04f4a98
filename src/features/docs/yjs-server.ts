import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { EventMetadata, RecordedEvent, Subscription } from '../../platform/event-store/port.ts';
import type { Deps, SessionUser } from '../../platform/http/context.ts';
import type { SocketRoute } from '../../platform/http/websocket.ts';
import type { Broadcast } from '../../platform/realtime/broadcast.ts';
import { groupEvents } from '../groups/events.ts';
import { userEvents } from '../identity/events.ts';
import { MAX_SLOW_MODE_SECONDS, slowModeEvents, slowModeStream } from '../moderation/events.ts';
import {
  authenticate,
  authorize,
  CLOSE_FORBIDDEN,
  CLOSE_NO_SUCH_DOC,
  CLOSE_NOT_SIGNED_IN,
  CLOSE_SLOW_CONSUMER,
  CLOSE_TOO_MANY_SOCKETS,
  tooManySockets,
} from './access.ts';
import { DocConnection } from './doc-connection.ts';
import { docEvents } from './doc-events.ts';
import { CLOSE_MALFORMED_PATH, docNameFromPath, parseDocName, type DocName } from './doc-name.ts';
import { appendUpdate, loadDoc, takeSnapshot, updateOf } from './doc-store.ts';
import { docMessageEvents, docStream } from './message-events.ts';
import { MESSAGES, reviewUpdate, type MessageChange } from './message-rules.ts';
import {
  awarenessEntries,
  awarenessStatesFrame,
  encodeAwarenessEntries,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
  permissionDenied,
  syncStep1,
  syncStep2,
  updateFrame,
} from './protocol.ts';
import { PresenceRelay } from './presence.ts';
import { SharedDoc } from './shared-doc.ts';
import { SlidingWindows } from './sliding-windows.ts';
import { eraseDeletedText } from './erase.ts';
import { KEEP_MESSAGES, TRIM_SLACK, trimMessages } from './trim.ts';
import { UpdateStats } from './update-stats.ts';

export interface YjsServerOptions {
  /** Take a snapshot once this many events were appended to a document's stream since the last one. */
  snapshotEvery?: number;
  /** Unload a document this long after its last socket left. */
  idleMs?: number;
  pingMs?: number;
  /** The live document keeps this many of the latest messages (trim.ts); older ones stay in the read models. */
  keepMessages?: number;
  /** Trim once this many messages above `keepMessages` have piled up. */
  trimSlack?: number;
  /**
   * Abuse limits (docs/yjs-server.md, "Limits"); the app passes the configured ones (src/config.ts). A
   * limit left out is not enforced: a server built without limits (tests that build their own) has none.
   */
  limits?: Partial<YjsLimits>;
  /**
   * Carries presence (awareness) to the other app processes on a channel of its own (the server closes
   * it); `ready` resolves once this process listens. Unset: presence stays in this process.
   */
  presence?: { broadcast: Broadcast; ready?: Promise<unknown> };
}

/** What one person or socket may do, per app process (docs/yjs-server.md, "Limits"). */
export interface YjsLimits {
  /** Messages one person may post in one document in any 10 seconds, and in any minute. */
  postsPer10Seconds: number;
  postsPerMinute: number;
  /** New messages one update may create. */
  messagesPerUpdate: number;
  /** Bytes of one client's awareness state (its JSON). */
  awarenessStateBytes: number;
  /** Awareness changes and queries one socket may send per second. */
  awarenessUpdatesPerSecond: number;
  /** Unsent bytes a socket may have waiting before it is dropped as a slow consumer. */
  maxBufferedBytes: number;
  /** Sockets (/yjs and /api/live together) one person may hold in this process. */
  socketsPerUser: number;
}

const NO_LIMITS: YjsLimits = {
  postsPer10Seconds: Infinity,
  postsPerMinute: Infinity,
  messagesPerUpdate: Infinity,
  awarenessStateBytes: Infinity,
  awarenessUpdatesPerSecond: Infinity,
  maxBufferedBytes: Infinity,
  socketsPerUser: Infinity,
};

/** Frames above this are cut by `ws` (1009); updates above MAX_UPDATE_BYTES are refused with a reason. */
const MAX_FRAME_BYTES = 1024 * 1024;
const MAX_AWARENESS_IDS = 8;
/** The origin of the server's own moderator deletions (removeMessage). */
const MODERATION_ORIGIN = Symbol('moderation');
/** The origin of awareness changes that came from another app process. */
const PRESENCE_ORIGIN = 'presence';

interface DocEntry {
  ready: Promise<SharedDoc>;
  doc?: SharedDoc;
  /** Events of other processes that arrived while the document was loading (applying twice is harmless). */
  early: RecordedEvent[];
}

/**
 * The Yjs document server at `/yjs/<doc>`: y-websocket sync + awareness. Each concern is one step:
 * authenticate (session user) → authorize (wall / group membership) → validate every update
 * (message-rules.ts) → persist (ydoc-<doc>) → fan out (local sockets; other processes through the store
 * subscription).
 */
export class YjsServer implements SocketRoute {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly docs = new Map<string, DocEntry>();
  private readonly byUser = new Map<string, Set<DocConnection>>();
  private readonly ownEvents = new Set<string>();
  private readonly snapshotEvery: number;
  private readonly idleMs: number;
  private readonly keepMessages: number;
  private readonly trimSlack: number;
  private readonly limits: YjsLimits;
  /** Messages posted per person and document, in this process. */
  private readonly posts: SlidingWindows;
  /** Slow mode (seconds) by document name, kept current from the store; absent or 0: off. */
  private readonly slowModes = new Map<string, number>();
  /** When each person last posted in each document (`<userId> <doc>`), for slow mode, in this process. */
  private readonly lastPosts = new Map<string, number>();
  private readonly presence: PresenceRelay | undefined;
  private readonly ping: NodeJS.Timeout;
  /** Where accepted updates spend their time (benchmarks read it). */
  readonly stats = new UpdateStats();
  private subscription: Subscription | undefined;
  private following: Promise<void> = Promise.resolve();
  private readonly started: Promise<void>;
  private closing = false;

  constructor(
    private readonly deps: Deps,
    options: YjsServerOptions = {},
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 500;
    this.idleMs = options.idleMs ?? 30_000;
    this.keepMessages = options.keepMessages ?? KEEP_MESSAGES;
    this.trimSlack = options.trimSlack ?? TRIM_SLACK;
    this.limits = { ...NO_LIMITS, ...options.limits };
    this.posts = new SlidingWindows([
      { limit: this.limits.postsPer10Seconds, ms: 10_000 },
      { limit: this.limits.postsPerMinute, ms: 60_000 },
    ]);
    const { presence } = options;
    this.presence =
      presence &&
      new PresenceRelay(presence.broadcast, deps.logger, (doc, u) => this.applyRemotePresence(doc, u));
    this.ping = setInterval(() => this.pingAll(), options.pingMs ?? 30_000);
    this.ping.unref();
    this.started = Promise.all([this.follow(), presence?.ready]).then(() => undefined);
  }

  matches(pathname: string): boolean {
    return pathname.startsWith('/yjs/');
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, user: SessionUser | undefined): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.accept(ws, request, user).catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'yjs connection failed');
        ws.close(1011, 'The document could not be opened; try again.');
      });
    });
  }

  /** Closes every open document socket of a user (suspension), with 4403 and the reason. */
  closeUserConnections(userId: string, reason: string, filter: (doc: DocName) => boolean = () => true) {
    for (const conn of this.byUser.get(userId) ?? []) {
      if (filter(conn.doc)) conn.close(CLOSE_FORBIDDEN, reason);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.ping);
    await this.subscription?.close();
    await this.presence?.close();
    for (const conns of this.byUser.values())
      for (const c of conns) c.close(1001, 'The server is restarting.');
    for (const entry of this.docs.values()) {
      const doc = await entry.ready.catch(() => undefined);
      if (!doc) continue;
      await doc.whenStored();
      doc.destroy();
    }
    this.docs.clear();
    await this.following;
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** How many documents are in memory (for tests and benchmarks). */
  get loadedDocs(): number {
    return this.docs.size;
  }

  // --- connect: authenticate, authorize, attach --------------------------------------------------------

  private async accept(ws: WebSocket, request: IncomingMessage, user: SessionUser | undefined) {
    ws.binaryType = 'nodebuffer';
    const denied = authenticate(user);
    if (denied || !user) return ws.close(denied!.code, denied!.reason);
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    let requested: string | undefined;
    try {
      requested = docNameFromPath(pathname);
    } catch {
      return ws.close(
        CLOSE_MALFORMED_PATH,
        'The document name in the path is not valid percent-encoded UTF-8.',
      );
    }
    const docName = parseDocName(requested ?? '');
    if (!docName) return ws.close(CLOSE_NO_SUCH_DOC, 'No such document: use /yjs/wall or /yjs/group-<id>.');

    // Counted and registered in the same turn: concurrent upgrades cannot both take the last place.
    if (this.deps.sockets.countFor(user.userId) >= this.limits.socketsPerUser) {
      return ws.close(CLOSE_TOO_MANY_SOCKETS, tooManySockets(this.limits.socketsPerUser));
    }
    // Registered before the membership check: a removal that lands after the check still reaches it.
    const conn = new DocConnection(ws, user.userId, user.role, docName, clientOf(request, this.deps), {
      awarenessUpdatesPerSecond: this.limits.awarenessUpdatesPerSecond,
      maxBufferedBytes: this.limits.maxBufferedBytes,
      onSlow: (slow) => this.dropSlow(slow),
    });
    conn.sessionId = user.sessionId;
    this.deps.sockets.track(user.sessionId, user.userId, ws);
    this.register(conn);
    ws.on('message', (data: RawData) => this.onFrame(conn, toBytes(data)));
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => this.unregister(conn));
    ws.on('error', () => ws.terminate());

    await this.started;
    const access = await authorize(this.deps.store, user, docName);
    if (!access.ok) return conn.close(access.code, access.reason);
    conn.groupAdmin = access.groupAdmin;
    let doc = await this.openDoc(docName);
    // An idle unload may have taken the document between the load and here: open it again.
    while (!this.closing && this.docs.get(docName.name)?.doc !== doc) doc = await this.openDoc(docName);
    if (!conn.open || this.closing) return;
    this.attach(conn, doc);
  }

  private attach(conn: DocConnection, doc: SharedDoc) {
    clearTimeout(doc.idleTimer);
    doc.conns.add(conn);
    conn.send(syncStep1(doc.ydoc));
    const states = [...doc.awareness.getStates().keys()];
    if (states.length > 0) conn.sendCatchUp(awarenessStatesFrame(doc.awareness, states));
    const inbox = conn.inbox ?? [];
    conn.inbox = null;
    for (const frame of inbox) this.handleFrame(conn, doc, frame);
  }

  private register(conn: DocConnection) {
    let set = this.byUser.get(conn.userId);
    if (!set) this.byUser.set(conn.userId, (set = new Set()));
    set.add(conn);
  }

  private unregister(conn: DocConnection) {
    const set = this.byUser.get(conn.userId);
    set?.delete(conn);
    if (set?.size === 0) this.byUser.delete(conn.userId);
    const doc = this.docs.get(conn.doc.name)?.doc;
    if (!doc?.conns.has(conn)) return;
    doc.leave(conn);
    if (doc.conns.size === 0 && !this.closing) {
      doc.idleTimer = setTimeout(() => void this.unload(doc), this.idleMs);
      doc.idleTimer.unref();
    }
  }

  private openDoc(name: DocName): Promise<SharedDoc> {
    const existing = this.docs.get(name.name);
    if (existing) return existing.ready;
    const entry: DocEntry = { early: [], ready: Promise.resolve(undefined as never) };
    entry.ready = Promise.all([
      loadDoc(this.deps.db, this.deps.store, name.name),
      this.loadSlowMode(name.name),
    ]).then(
      ([loaded]) => {
        const doc = new SharedDoc(name, loaded);
        doc.onAwareness = (update, origin) => this.publishPresence(doc, update, origin);
        for (const event of entry.early) this.applyRemote(doc, event);
        entry.early = [];
        entry.doc = doc;
        this.trim(doc); // a document stored before trimming existed may hold its whole history
        return doc;
      },
      (error: unknown) => {
        this.docs.delete(name.name);
        throw error;
      },
    );
    this.docs.set(name.name, entry);
    return entry.ready;
  }

  /**
   * A moderator removes a message from the queue (docs/api.md, "Administration"): the server deletes it
   * in the live document as a moderator deletion (deleted, its words emptied), relays it to every open
   * socket here and, through the store, in every other process, and stores it with its …Deleted event.
   * A message already trimmed from the live document gets only the event (the read models drop it).
   * False when the message is unknown or was already deleted.
   */
  async removeMessage(name: string, messageId: string, metadata: EventMetadata): Promise<boolean> {
    const docName = parseDocName(name);
    if (!docName) return false;
    const doc = await this.openDoc(docName);
    const map = doc.ydoc
      .getArray<Y.Map<unknown>>(MESSAGES)
      .toArray()
      .find((m) => m.get('id') === messageId);
    const deletedBy = metadata.actorId ?? 'system';
    if (map) {
      if (map.get('deleted') === true) return false;
      const authorId = String(map.get('authorId'));
      let update: Uint8Array | undefined;
      const capture = (u: Uint8Array, origin: unknown) => {
        if (origin === MODERATION_ORIGIN) update = u;
      };
      doc.ydoc.on('update', capture);
      try {
        doc.ydoc.transact(() => {
          map.set('deleted', true);
          map.set('text', '');
        }, MODERATION_ORIGIN);
      } finally {
        doc.ydoc.off('update', capture);
      }
      if (update) {
        this.relay(doc, update);
        this.store(doc, update, [{ kind: 'deleted', messageId, authorId, deletedBy }], metadata);
        await doc.whenStored();
      }
    } else {
      const row = await this.deps.db
        .selectFrom('doc_messages')
        .select(['author_id', 'deleted_at'])
        .where('doc', '=', name)
        .where('id', '=', messageId)
        .executeTakeFirst();
      if (!row || row.deleted_at) return false;
      const event = {
        type: docName.kind === 'wall' ? 'WallMessageDeleted' : 'GroupMessageDeleted',
        data: {
          doc: name,
          groupId: docName.kind === 'group' ? docName.groupId : null,
          messageId,
          authorId: row.author_id,
          deletedBy,
        },
      } as const;
      await this.deps.store.append(docStream(name), [docMessageEvents.encode(event, metadata)]);
    }
    if (doc.conns.size === 0 && !this.closing) {
      clearTimeout(doc.idleTimer);
      doc.idleTimer = setTimeout(() => void this.unload(doc), this.idleMs);
    }
    return true;
  }

  /** The document's slow mode as stored (later changes arrive through the store subscription). */
  private async loadSlowMode(doc: string) {
    const events = await this.deps.store.readStream(slowModeStream(doc));
    const last = events.at(-1);
    if (last) this.onSlowMode(last);
  }

  private onSlowMode(event: RecordedEvent) {
    const recorded = slowModeEvents.decode(event);
    this.slowModes.set(recorded.data.doc, recorded.data.seconds);
  }

  /** Memory stays bounded: a document without sockets leaves memory once its appends are done. */
  private async unload(doc: SharedDoc) {
    await doc.whenStored();
    if (doc.conns.size > 0 || this.docs.get(doc.name.name)?.doc !== doc) return;
    this.docs.delete(doc.name.name);
    doc.destroy();
  }

  // --- frames ------------------------------------------------------------------------------------------

  private onFrame(conn: DocConnection, frame: Uint8Array) {
    if (conn.inbox) {
      conn.inbox.push(frame);
      return;
    }
    const doc = this.docs.get(conn.doc.name)?.doc;
    if (doc) this.handleFrame(conn, doc, frame);
  }

  private handleFrame(conn: DocConnection, doc: SharedDoc, frame: Uint8Array) {
    // A frame racing the close of an ended sign-in (signed out, password changed) acts for nobody.
    if (!this.deps.sockets.isActive(conn.sessionId)) {
      return conn.close(CLOSE_NOT_SIGNED_IN, 'Your sign-in has ended. Sign in again.');
    }
    try {
      const decoder = decoding.createDecoder(frame);
      switch (decoding.readVarUint(decoder)) {
        case messageSync:
          return this.handleSync(conn, doc, decoder);
        case messageAwareness:
          return this.handleAwareness(conn, doc, decoding.readVarUint8Array(decoder));
        case messageQueryAwareness:
          if (!this.takeAwareness(conn)) return;
          return conn.send(awarenessStatesFrame(doc.awareness, [...doc.awareness.getStates().keys()]));
        default:
          return; // auth frames from clients and unknown types carry nothing for the server
      }
    } catch {
      conn.send(permissionDenied('The message could not be decoded (y-websocket protocol expected).'));
    }
  }

  private handleSync(conn: DocConnection, doc: SharedDoc, decoder: decoding.Decoder) {
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      // Answered once no append is in flight: a new client's first state is stored state.
      const stateVector = decoding.readVarUint8Array(decoder);
      void doc.whenStored().then(() => conn.sendCatchUp(syncStep2(doc.ydoc, stateVector)));
    } else if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      this.handleUpdate(conn, doc, decoding.readVarUint8Array(decoder));
    }
  }

  /**
   * Validate → apply → relay → persist. A refused update touches nothing and the sender is told why. An
   * accepted one is relayed while its append is in flight (docs/yjs-server.md, "Order of steps").
   */
  private handleUpdate(conn: DocConnection, doc: SharedDoc, update: Uint8Array) {
    const actor = { userId: conn.userId, canModerate: conn.canModerate };
    const now = this.deps.clock();
    const validated = this.stats.start('validate');
    const verdict = reviewUpdate(doc.ydoc, update, actor, now, (id) => doc.messageIds.has(id));
    validated();
    if (!verdict.ok) return this.refuse(conn, verdict.reason);
    const limited = this.postingLimit(conn, doc, verdict.changes, now);
    if (limited) return this.refuse(conn, limited);
    if (!verdict.changesDoc) return;
    const applied = this.stats.start('apply');
    Y.applyUpdate(doc.ydoc, update, conn);
    for (const change of verdict.changes) if (change.kind === 'posted') doc.messageIds.add(change.messageId);
    applied();
    this.relay(doc, update, conn);
    const metadata = this.metadataFor(conn, now);
    this.store(doc, update, verdict.changes, metadata);
    if (verdict.changes.some((c) => c.kind === 'posted')) this.trim(doc, metadata.correlationId);
    const deleted = verdict.changes.flatMap((c) => (c.kind === 'deleted' ? [c.messageId] : []));
    if (deleted.length > 0) this.erase(doc, new Set(deleted), metadata.correlationId);
  }

  private refuse(conn: DocConnection, reason: string) {
    this.deps.logger.debug({ doc: conn.doc.name, userId: conn.userId, reason }, 'refused');
    conn.send(permissionDenied(reason));
  }

  /**
   * Why an update's new messages may not be posted now, or undefined when they may: at most
   * `messagesPerUpdate` per update, and per person and document `postsPer10Seconds` and `postsPerMinute`,
   * counted per message: those accepted here and those other app processes accepted (seen as their
   * events arrive). Moderators are limited like everyone: deletions are not posts.
   */
  private postingLimit(
    conn: DocConnection,
    doc: SharedDoc,
    changes: readonly MessageChange[],
    now: Date,
  ): string | undefined {
    const posts = changes.filter((c) => c.kind === 'posted').length;
    if (posts === 0) return undefined;
    const slow = this.slowModeLimit(conn, doc, now);
    if (slow) return slow;
    const limited = this.windowLimit(conn, doc, posts, now);
    if (!limited) this.lastPosts.set(`${conn.userId} ${doc.name.name}`, now.getTime());
    return limited;
  }

  /**
   * Slow mode (docs/api.md, "Administration"): one post per person per `seconds` in this document;
   * moderators and the group's admins are exempt. The refusal says how many seconds are left.
   */
  private slowModeLimit(conn: DocConnection, doc: SharedDoc, now: Date): string | undefined {
    const seconds = this.slowModes.get(doc.name.name) ?? 0;
    if (seconds <= 0 || conn.canModerate) return undefined;
    const last = this.lastPosts.get(`${conn.userId} ${doc.name.name}`);
    if (last === undefined) return undefined;
    const leftMs = last + seconds * 1000 - now.getTime();
    if (leftMs <= 0) return undefined;
    const left = Math.ceil(leftMs / 1000);
    return `Slow mode is on here: you may post once every ${seconds} seconds. Try again in ${left} ${left === 1 ? 'second' : 'seconds'}.`;
  }

  private windowLimit(conn: DocConnection, doc: SharedDoc, posts: number, now: Date): string | undefined {
    const perUpdate = this.limits.messagesPerUpdate;
    if (posts > perUpdate) {
      return `An update may create at most ${perUpdate} messages; this one creates ${posts}. Send fewer at a time.`;
    }
    const taken = this.posts.take(postingKey(conn.userId, doc.name.name), posts, now.getTime());
    if (taken.ok) return undefined;
    const { limit, ms } = taken.window;
    const per = ms === 60_000 ? 'per minute' : `per ${ms / 1000} seconds`;
    if (!Number.isFinite(taken.retryAfterMs)) {
      return `At most ${limit} messages ${per} may be posted here; this update creates ${posts}. Send fewer at a time.`;
    }
    const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
    return `You are posting too fast: at most ${limit} messages ${per} in this chat. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  }

  /**
   * A deleted message's words leave the live document: the server empties its text in an update of its
   * own, relayed and stored like the trim. The semantic …Deleted event was already stored with the delete.
   */
  private erase(doc: SharedDoc, messageIds: ReadonlySet<string>, causationId: string) {
    const update = eraseDeletedText(doc.ydoc, messageIds);
    if (!update) return;
    this.relay(doc, update);
    this.store(doc, update, [], this.systemMetadata(causationId));
  }

  private systemMetadata(causationId: string | null): EventMetadata {
    return {
      actorId: null,
      actorRole: 'system',
      correlationId: randomUUID(),
      causationId,
      occurredAt: this.deps.clock().toISOString(),
    };
  }

  private relay(doc: SharedDoc, update: Uint8Array, sender?: DocConnection) {
    const relayed = this.stats.start('relay');
    doc.broadcast(updateFrame(update), sender);
    relayed();
    this.stats.updates++;
    this.stats.relayedFrames += doc.conns.size - (sender ? 1 : 0);
  }

  /** Appends one update after the document's earlier appends; a failure drops the document (failDoc). */
  private store(
    doc: SharedDoc,
    update: Uint8Array,
    changes: readonly MessageChange[],
    metadata: EventMetadata,
    snapshotNow = false,
  ) {
    const appended = this.stats.start('append');
    doc.persist(
      async () => {
        const result = await appendUpdate(
          this.deps.store,
          doc.name,
          update,
          changes,
          metadata,
          this.ownEvents,
        );
        appended();
        doc.revision = Math.max(doc.revision, result.revision);
        this.maybeSnapshot(doc, snapshotNow);
      },
      (error) => this.failDoc(doc, error),
    );
  }

  /**
   * The server, as the authority, removes the oldest messages beyond the cap from the live document, in
   * an update it relays and stores like any other. No semantic event: the messages are archived, not
   * deleted, and the read models keep them. A large trim (a document from before trimming) is followed
   * by a snapshot at once, so the next load no longer folds the whole history.
   */
  private trim(doc: SharedDoc, causationId: string | null = null) {
    const trimmed = trimMessages(doc.ydoc, this.keepMessages, this.trimSlack);
    if (!trimmed) return;
    for (const id of trimmed.ids) doc.messageIds.delete(id);
    this.relay(doc, trimmed.update);
    const metadata = this.systemMetadata(causationId);
    this.store(doc, trimmed.update, [], metadata, trimmed.ids.length > this.keepMessages);
  }

  /**
   * An awareness update may change only the sender's own client ids. The stock client echoes the states
   * it receives from others; those echoes change nothing and are let through. A state over
   * `awarenessStateBytes`, or a change beyond `awarenessUpdatesPerSecond`, is dropped with a refusal and
   * never relayed; removals always pass.
   */
  private handleAwareness(conn: DocConnection, doc: SharedDoc, update: Uint8Array) {
    const { awareness } = doc;
    const changed = awarenessEntries(update).filter(({ client, clock, removes }) => {
      const current = awareness.meta.get(client)?.clock ?? -1;
      return clock > current || (clock === current && removes && awareness.states.has(client));
    });
    const foreign = (id: number) => [...doc.conns].some((c) => c !== conn && c.awarenessIds.has(id));
    const claimed = new Set([...conn.awarenessIds, ...changed.map((e) => e.client)]);
    if (changed.some((e) => foreign(e.client)) || claimed.size > MAX_AWARENESS_IDS) {
      return conn.send(permissionDenied('Awareness updates may only describe your own client.'));
    }
    const states = changed.filter((e) => !e.removes);
    const max = this.limits.awarenessStateBytes;
    const oversized = states.find((e) => e.bytes > max);
    if (oversized) {
      return conn.send(
        permissionDenied(
          `Presence (awareness) states may be at most ${max.toLocaleString('en-US')} bytes; this one has ${oversized.bytes.toLocaleString('en-US')}. It was not shared.`,
        ),
      );
    }
    if (states.length > 0 && !this.takeAwareness(conn)) return;
    for (const { client } of changed) conn.awarenessIds.add(client);
    awarenessProtocol.applyAwarenessUpdate(awareness, update, conn);
  }

  /** Counts one awareness change or query of the socket; false (and a refusal sent) beyond the rate. */
  private takeAwareness(conn: DocConnection): boolean {
    if (conn.awarenessRate.take('', 1, this.deps.clock().getTime()).ok) return true;
    const rate = this.limits.awarenessUpdatesPerSecond;
    conn.send(
      permissionDenied(
        `Presence (awareness) updates are limited to ${rate} per second; this one was dropped. Your next update is shared.`,
      ),
    );
    return false;
  }

  /** Awareness changes made here go to the other processes; theirs, and timeouts, do not go back. */
  private publishPresence(doc: SharedDoc, update: Uint8Array, origin: unknown) {
    if (!this.presence || origin === PRESENCE_ORIGIN || origin === 'timeout') return;
    this.presence.publish(doc.name.name, update);
  }

  /**
   * Another process's awareness change: applied to the document if it is loaded here, and relayed to its
   * sockets. A client id a socket of this process describes stays that socket's.
   */
  private applyRemotePresence(name: string, update: Uint8Array) {
    const doc = this.docs.get(name)?.doc;
    if (!doc) return;
    const local = new Set([...doc.conns].flatMap((c) => [...c.awarenessIds]));
    const entries = awarenessEntries(update).filter((e) => !local.has(e.client));
    if (entries.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(doc.awareness, encodeAwarenessEntries(entries), PRESENCE_ORIGIN);
  }

  /** A socket that does not read what it is sent: it gets nothing more and is closed to reconnect. */
  private dropSlow(conn: DocConnection) {
    this.deps.logger.warn(
      { doc: conn.doc.name, userId: conn.userId, buffered: conn.ws.bufferedAmount },
      'closing a Yjs socket that does not keep up',
    );
    const max = this.limits.maxBufferedBytes;
    const size =
      max >= 1024 * 1024 ? `${Math.floor(max / (1024 * 1024))} MB` : `${Math.floor(max / 1024)} KB`;
    conn.close(
      CLOSE_SLOW_CONSUMER,
      `Your connection fell behind (over ${size} unsent). Reconnect to resync.`,
    );
  }

  private metadataFor(conn: DocConnection, now: Date): EventMetadata {
    return {
      actorId: conn.userId,
      actorRole: conn.role,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: now.toISOString(),
      ...conn.client,
    };
  }

  private maybeSnapshot(doc: SharedDoc, now = false) {
    if (doc.snapshotting) return;
    if (!now && doc.revision - doc.snapshotRevision < this.snapshotEvery) return;
    doc.snapshotting = true;
    takeSnapshot(this.deps.db, this.deps.store, doc.name.name, this.deps.clock())
      .then((revision) => (doc.snapshotRevision = Math.max(doc.snapshotRevision, revision)))
      .catch((error: unknown) => this.deps.logger.warn({ err: error, doc: doc.name.name }, 'snapshot failed'))
      .finally(() => (doc.snapshotting = false));
  }

  /**
   * The update was applied in memory but not stored: drop the document so nobody keeps state the store
   * lacks. Clients reconnect (1011 is transient), resync, and resend what they still hold.
   */
  private failDoc(doc: SharedDoc, error: unknown) {
    this.deps.logger.error({ err: error, doc: doc.name.name }, 'could not store a Yjs update');
    if (this.docs.get(doc.name.name)?.doc === doc) this.docs.delete(doc.name.name);
    for (const conn of doc.conns) conn.close(1011, 'The change could not be saved; reconnecting.');
  }

  // --- the store subscription: other processes' updates, membership and role changes ------------------

  private async follow(): Promise<void> {
    const head = await this.deps.store.headPosition();
    if (this.closing) return;
    const subscription = this.deps.store.subscribeAll({ after: head });
    this.subscription = subscription;
    this.following = (async () => {
      for await (const event of subscription) {
        try {
          this.onEvent(event);
        } catch (error) {
          this.deps.logger.error(
            { err: error, position: event.position },
            'yjs server could not apply event',
          );
        }
      }
    })();
  }

  private onEvent(event: RecordedEvent) {
    if (this.ownEvents.delete(event.id)) return;
    if (event.streamName.startsWith('ydoc-')) {
      const name = event.streamName.slice('ydoc-'.length);
      this.countRemotePost(name, event);
      const entry = this.docs.get(name);
      if (entry?.doc) this.applyRemote(entry.doc, event);
      else entry?.early.push(event);
    } else if (event.type === 'GroupMemberRemoved' || event.type === 'GroupAdminPromoted') {
      this.onGroupEvent(event);
    } else if (slowModeEvents.has(event.type)) {
      this.onSlowMode(event);
    } else if (event.type === 'UserRoleChanged') {
      const recorded = userEvents.decode(event);
      if (recorded.type !== 'UserRoleChanged') return;
      for (const conn of this.byUser.get(recorded.data.userId) ?? []) conn.role = recorded.data.role;
    }
  }

  /**
   * A post another app process accepted counts against its author's posting limits here too, whether or
   * not this process has the document open: the author may reconnect here next.
   */
  private countRemotePost(docName: string, event: RecordedEvent) {
    if (event.type !== 'WallMessagePosted' && event.type !== 'GroupMessagePosted') return;
    const decoded = docMessageEvents.decode(event);
    if (decoded.type !== 'WallMessagePosted' && decoded.type !== 'GroupMessagePosted') return;
    this.posts.record(postingKey(decoded.data.authorId, docName), 1, this.deps.clock().getTime());
  }

  private onGroupEvent(event: RecordedEvent) {
    const recorded = groupEvents.decode(event);
    if (recorded.type === 'GroupMemberRemoved') {
      const { groupId, userId } = recorded.data;
      this.closeUserConnections(
        userId,
        'You are no longer a member of this group.',
        (doc) => doc.kind === 'group' && doc.groupId === groupId,
      );
    } else if (recorded.type === 'GroupAdminPromoted') {
      for (const conn of this.byUser.get(recorded.data.userId) ?? []) {
        if (conn.doc.kind === 'group' && conn.doc.groupId === recorded.data.groupId) conn.groupAdmin = true;
      }
    }
  }

  private applyRemote(doc: SharedDoc, event: RecordedEvent) {
    if (event.revision <= doc.loadedRevision) return;
    if (docEvents.has(event.type)) {
      const update = updateOf(docEvents.decode(event).data.update);
      Y.applyUpdate(doc.ydoc, update, 'store');
      doc.broadcast(updateFrame(update));
      doc.revision = Math.max(doc.revision, event.revision);
    } else if (docMessageEvents.has(event.type)) {
      const decoded = docMessageEvents.decode(event);
      if (decoded.type === 'WallMessagePosted' || decoded.type === 'GroupMessagePosted') {
        doc.messageIds.add(decoded.data.messageId);
      }
    }
  }

  private pingAll() {
    const now = this.deps.clock().getTime();
    this.posts.sweep(now);
    for (const [key, at] of this.lastPosts)
      if (now - at > MAX_SLOW_MODE_SECONDS * 1000) this.lastPosts.delete(key);
    for (const conns of this.byUser.values()) {
      for (const conn of conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }
}

/** The posting-limit counter of one person in one document. */
const postingKey = (userId: string, docName: string) => `${userId} ${docName}`;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);
}

function clientOf(request: IncomingMessage, deps: Deps): { ip?: string; userAgent?: string } {
  const forwarded = deps.config.trustProxy
    ? String(request.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        ?.trim()
    : undefined;
  const ip = forwarded || request.socket.remoteAddress;
  const userAgent = request.headers['user-agent']?.slice(0, 512);
  return { ...(ip && { ip }), ...(userAgent && { userAgent }) };
}
