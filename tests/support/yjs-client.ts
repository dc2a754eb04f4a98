import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;

export interface Closed {
  code: number;
  reason: string;
}

/**
 * A y-protocols client written by hand (ws + y-protocols/sync + lib0), so tests can send exactly the
 * bytes they want: it mirrors the server's document in `doc`, and `send*` put crafted frames on the wire.
 */
export class RawDocClient {
  readonly doc = new Y.Doc();
  readonly denials: string[] = [];
  readonly closed: Promise<Closed>;
  private synced = false;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      }),
    );
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
  }

  /**
   * Opens `/yjs/<doc>` with the given cookie header; resolves once the socket is open. `state` is in the
   * mirror before any frame arrives, as in a browser that kept its document while offline.
   */
  static async open(
    baseUrl: string,
    doc: string,
    cookie?: string,
    state?: Uint8Array,
  ): Promise<RawDocClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/${doc}`, {
      headers: { 'user-agent': 'skillswap-tests/1.0', ...(cookie ? { cookie } : {}) },
    });
    const client = new RawDocClient(ws);
    if (state) Y.applyUpdate(client.doc, state, 'kept');
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens and syncs (the client's step 1 answered by the server's step 2); `state` as in `open`. */
  static async connect(
    baseUrl: string,
    doc: string,
    cookie?: string,
    state?: Uint8Array,
  ): Promise<RawDocClient> {
    const client = await RawDocClient.open(baseUrl, doc, cookie, state);
    client.sendFrame(
      frame((e) => {
        encoding.writeVarUint(e, SYNC);
        syncProtocol.writeSyncStep1(e, client.doc);
      }),
    );
    await client.until(() => client.synced, 'sync');
    return client;
  }

  sendFrame(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }

  /** Sends `update` as a sync "update" message. */
  sendUpdate(update: Uint8Array): void {
    this.sendFrame(
      frame((e) => {
        encoding.writeVarUint(e, SYNC);
        syncProtocol.writeUpdate(e, update);
      }),
    );
  }

  sendAwareness(update: Uint8Array): void {
    this.sendFrame(
      frame((e) => {
        encoding.writeVarUint(e, AWARENESS);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }

  /**
   * Makes a change on a copy of the mirrored document and returns the update it produces, without
   * touching the mirror: a refused update must not leave the mirror ahead of the server.
   */
  craft(change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
    const copy = new Y.Doc();
    if (clientID !== undefined) copy.clientID = clientID;
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(copy);
    change(copy);
    const update = Y.encodeStateAsUpdate(copy, before);
    copy.destroy();
    return update;
  }

  /** Resolves with the next permission-denied reason (or rejects after `ms`). */
  async nextDenial(ms = 5_000): Promise<string> {
    const seen = this.denials.length;
    await this.until(() => this.denials.length > seen, 'a refusal', ms);
    return this.denials[seen]!;
  }

  /** Waits for `check()` to hold as frames arrive; rejects after `ms`. */
  until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  messages(): Array<Record<string, unknown>> {
    return this.doc
      .getArray<Y.Map<unknown>>('messages')
      .toArray()
      .map((m) => m.toJSON());
  }

  close(): void {
    this.ws.close();
  }

  private receive(bytes: Uint8Array) {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, SYNC);
      const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, 'server');
      if (kind === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (kind === syncProtocol.messageYjsSyncStep1) this.sendFrame(encoding.toUint8Array(reply));
    } else if (type === AUTH) {
      decoding.readVarUint(decoder);
      this.denials.push(decoding.readVarString(decoder));
    } else if (type === AWARENESS) {
      this.awarenessUpdates.push(decoding.readVarUint8Array(decoder));
    }
    this.wake();
  }

  readonly awarenessUpdates: Uint8Array[] = [];

  private wake() {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/**
 * Resolves once every update the server relayed on `doc` so far is stored: the server answers a new
 * client's sync only when no append is in flight (it relays before its append commits).
 */
export async function whenStored(baseUrl: string, doc: string, cookie: string): Promise<void> {
  (await RawDocClient.connect(baseUrl, doc, cookie)).close();
}

/** An awareness update claiming `clientID` with `state`. */
export function awarenessUpdateFor(
  clientID: number,
  state: Record<string, unknown>,
  changes = 1,
): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const awareness = new awarenessProtocol.Awareness(doc);
  for (let i = 0; i < changes; i++) awareness.setLocalState({ ...state, i });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientID]);
  awareness.destroy();
  doc.destroy();
  return update;
}

/** A message as the friendly client builds it: one Y.Map with every field, appended in one transaction. */
export function appendMessage(
  doc: Y.Doc,
  fields: { id: string; authorId: string; text: string; createdAt?: string } & Record<string, unknown>,
): void {
  const map = new Y.Map<unknown>(Object.entries({ createdAt: new Date().toISOString(), ...fields }));
  doc.getArray('messages').push([map]);
}

/** The message map with this id in `doc`. */
export function messageIn(doc: Y.Doc, id: string): Y.Map<unknown> {
  const found = doc
    .getArray<Y.Map<unknown>>('messages')
    .toArray()
    .find((m) => m.get('id') === id);
  if (!found) throw new Error(`no message ${id}`);
  return found;
}
