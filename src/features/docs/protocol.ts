import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** y-websocket message types (the first varuint of every frame). */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1 = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeSyncStep1(e, doc);
  });

export const syncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });

export const updateFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    syncProtocol.writeUpdate(e, update);
  });

export const awarenessFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageAwareness);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessStatesFrame = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));

/** y-protocols auth "permission denied" with a reason; the stock client logs it as a warning. */
export const permissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, messageAuth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });

/** One entry of an awareness update: a client's state (JSON; "null" removes it) at a clock. */
export interface AwarenessEntry {
  client: number;
  clock: number;
  /** The state as sent, JSON text; "null" removes the client's state. */
  state: string;
  removes: boolean;
  /** The state's size in bytes (UTF-8), as it travels. */
  bytes: number;
}

/** The entries of an awareness update: client id, clock, state, and whether it removes the state. */
export function awarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    entries.push({ client, clock, state, removes: state === 'null', bytes: Buffer.byteLength(state) });
  }
  return entries;
}

/** An awareness update holding these entries (y-protocols' encoding). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const { client, clock, state } of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, state);
    }
  });
}
