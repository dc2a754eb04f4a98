import { performance } from 'node:perf_hooks';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const SYNC = 0;

function syncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

/**
 * A watcher that only timestamps relayed updates ([0, 2, …] frames): decoding them would put the
 * clients' CPU into the measurement. Resolves once the server answered its sync step 1.
 */
export class Watcher {
  readonly arrivals: number[] = [];
  private constructor(readonly ws: WebSocket) {}

  static open(url: string, cookie: string | undefined): Promise<Watcher> {
    const ws = new WebSocket(url, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
    const watcher = new Watcher(ws);
    return new Promise((resolve, reject) => {
      ws.once('error', reject);
      ws.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
      ws.once('open', () => ws.send(syncStep1(new Y.Doc())));
      ws.on('message', (data: Buffer) => {
        if (data[0] !== SYNC) return;
        if (data[1] === syncProtocol.messageYjsSyncStep2) resolve(watcher);
        else if (data[1] === syncProtocol.messageYjsUpdate) watcher.arrivals.push(performance.now());
      });
    });
  }

  close() {
    this.ws.removeAllListeners('close');
    this.ws.terminate();
  }
}

/** Posts messages as `authorId` with the stock Yjs API and records when each update left. */
export class Writer {
  readonly doc = new Y.Doc();
  readonly sentAt: number[] = [];
  private constructor(readonly ws: WebSocket) {
    this.doc.on('update', (update: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, SYNC);
      syncProtocol.writeUpdate(e, update);
      this.sentAt.push(performance.now());
      ws.send(encoding.toUint8Array(e));
    });
  }

  static async open(url: string, cookie: string | undefined): Promise<Writer> {
    const watcher = await Watcher.open(url, cookie);
    return new Writer(watcher.ws);
  }

  post(authorId: string, text: string) {
    const map = new Y.Map<unknown>(
      Object.entries({ id: crypto.randomUUID(), authorId, text, createdAt: new Date().toISOString() }),
    );
    this.doc.getArray('messages').push([map]);
  }

  close() {
    this.ws.terminate();
  }
}
