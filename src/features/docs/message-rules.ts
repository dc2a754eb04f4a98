import * as Y from 'yjs';

export const MAX_UPDATE_BYTES = 64 * 1024;
export const MAX_TEXT_LENGTH = 4_000;
const MAX_ID_LENGTH = 100;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
export const MESSAGES = 'messages';

/** Who sends the update, and whether they may delete other people's messages in this document. */
export interface Actor {
  userId: string;
  canModerate: boolean;
}

export type MessageChange =
  | { kind: 'posted'; messageId: string; authorId: string; text: string; createdAt: string }
  | { kind: 'edited'; messageId: string; authorId: string; text: string; editedAt: string }
  | { kind: 'deleted'; messageId: string; authorId: string; deletedBy: string };

export type Verdict =
  | {
      ok: true;
      changes: MessageChange[];
      /** False for an update the document already contains (a reconnecting client's sync step 2). */
      changesDoc: boolean;
    }
  | { ok: false; reason: string };

/**
 * Reviews a Yjs update against the document it would be applied to, without touching that document: the
 * update is decoded into its structs and delete set, every struct's place is resolved against the
 * document (or the update itself), and each change must be one a message author or moderator may make.
 */
export function reviewUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  actor: Actor,
  now: Date,
  hasMessageId: (id: string) => boolean,
): Verdict {
  if (update.byteLength > MAX_UPDATE_BYTES) {
    return refused(
      `The update has ${Math.ceil(update.byteLength / 1024)} KiB; updates may be at most ${MAX_UPDATE_BYTES / 1024} KiB.`,
    );
  }
  let decoded: { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refused('The update could not be decoded as a Yjs update (V1 encoding).');
  }
  try {
    const review = new UpdateReview(doc, actor, now, hasMessageId);
    return { ok: true, ...review.run(decoded.structs, decoded.ds) };
  } catch (error) {
    if (error instanceof Refusal) return refused(error.message);
    throw error;
  }
}

class Refusal extends Error {}
const refused = (reason: string): Verdict => ({ ok: false, reason });
function refuse(reason: string): never {
  throw new Refusal(reason);
}

const NO_DELETES = 'Items may not be deleted; set "deleted" on a message instead.';
const MISSING =
  'The update depends on changes the server does not have (missing dependencies); sync the document first.';

/** Where an item sits: in a root type (by name) or in the type held by another item (by that item's id). */
type Place = { root: string; sub: string | null } | { parent: Y.ID; sub: string | null };

interface DeleteSet {
  clients: Map<number, Array<{ clock: number; len: number }>>;
}

interface FieldWrite {
  key: string;
  value: unknown;
}

/** A message map the update creates, or one the document already holds. */
interface Target {
  id: Y.ID;
  isNew: boolean;
  writes: FieldWrite[];
}

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

class UpdateReview {
  private readonly store: Y.Doc['store'];
  private readonly fresh = new Map<string, Y.Item>();
  private readonly places = new Map<string, Place>();
  private readonly targets = new Map<string, Target>();
  /** Per client, the clock after the last struct this update adds. */
  private readonly freshEnd = new Map<number, number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly actor: Actor,
    private readonly now: Date,
    private readonly hasMessageId: (id: string) => boolean,
  ) {
    this.store = doc.store;
  }

  run(structs: Array<Y.Item | Y.GC | Y.Skip>, ds: DeleteSet) {
    this.collectFresh(structs);
    for (const item of this.fresh.values()) this.classify(item);
    const deletes = this.checkDeleteSet(ds);
    const changes: MessageChange[] = [];
    for (const target of this.targets.values()) {
      changes.push(...(target.isNew ? this.newMessage(target) : this.changedMessage(target)));
    }
    return { changes, changesDoc: this.fresh.size > 0 || deletes > 0 };
  }

  /** Keeps the structs the document lacks; each client's must continue exactly where the document ends. */
  private collectFresh(structs: Array<Y.Item | Y.GC | Y.Skip>) {
    const next = this.freshEnd;
    for (const struct of structs) {
      const { client, clock } = struct.id;
      const known = Y.getState(this.store, client);
      if (clock + struct.length <= known) continue;
      if (struct instanceof Y.Skip) refuse(MISSING);
      if (clock < known) refuse('The update overlaps content the document already has in a different shape.');
      if (clock !== (next.get(client) ?? known)) refuse(MISSING);
      next.set(client, clock + struct.length);
      if (struct instanceof Y.GC) refuse('Garbage-collected content cannot be sent as new content.');
      this.fresh.set(idKey(struct.id), struct);
    }
  }

  private exists(id: Y.ID): boolean {
    return id.clock < Y.getState(this.store, id.client) || this.freshItem(id) !== undefined;
  }

  private freshItem(id: Y.ID): Y.Item | undefined {
    return this.fresh.get(idKey(id));
  }

  /** An item of the document, by id; the caller checked that the id exists there. */
  private knownItem(id: Y.ID): Y.Item {
    const struct = Y.getItem(this.store, id) as Y.Item | Y.GC;
    if (!(struct instanceof Y.Item)) refuse('The update refers to content that was removed.');
    return struct;
  }

  private placeOf(item: Y.Item): Place {
    const key = idKey(item.id);
    const cached = this.places.get(key);
    if (cached) return cached;
    const place = this.resolvePlace(item);
    this.places.set(key, place);
    return place;
  }

  private resolvePlace(item: Y.Item): Place {
    for (const ref of [item.origin, item.rightOrigin]) {
      if (ref && !this.exists(ref)) refuse(MISSING);
    }
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { root: parent, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      if (!this.exists(parent)) refuse(MISSING);
      return { parent, sub: item.parentSub };
    }
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) refuse('The update holds an item without a place.');
    const fresh = this.freshItem(neighbour);
    if (fresh) {
      if (fresh === item) refuse('The update holds an item that refers to itself.');
      return this.placeOf(fresh);
    }
    return placeInDoc(this.knownItem(neighbour));
  }

  private classify(item: Y.Item) {
    const place = this.placeOf(item);
    if ('root' in place) {
      if (place.root !== MESSAGES || place.sub !== null) {
        refuse(`Only the "${MESSAGES}" array may be written; "${place.root}" is not allowed.`);
      }
      if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) {
        refuse(`"${MESSAGES}" holds only Y.Map messages.`);
      }
      if (item.rightOrigin !== null) refuse('Messages may only be appended at the end.');
      this.target(item.id, true);
      return;
    }
    const target = this.messageAt(place.parent);
    if (place.sub === null) refuse('A message is a map; it holds fields, not list items.');
    if (!(item.content instanceof Y.ContentAny) || item.content.arr.length !== 1) {
      refuse(`Message field "${place.sub}" must hold a plain value.`);
    }
    target.writes.push({ key: place.sub, value: item.content.arr[0] });
  }

  private target(id: Y.ID, isNew: boolean): Target {
    const key = idKey(id);
    let target = this.targets.get(key);
    if (!target) {
      target = { id, isNew, writes: [] };
      this.targets.set(key, target);
    }
    return target;
  }

  /** The message whose map has this id; refuses any other parent (a field value, another type). */
  private messageAt(id: Y.ID): Target {
    const fresh = this.freshItem(id);
    if (fresh) {
      const place = this.placeOf(fresh);
      if ('root' in place && place.root === MESSAGES && place.sub === null) return this.target(id, true);
      refuse('Only message fields may be written.');
    }
    if (!isMessageMap(this.knownItem(id))) refuse('Only message fields may be written.');
    return this.target(id, false);
  }

  /**
   * The only deletions allowed are those a field overwrite makes (the old value) and those the document
   * already holds (a reconnecting client sends its whole delete set). Returns how many are new.
   */
  private checkDeleteSet(ds: DeleteSet): number {
    let count = 0;
    for (const [client, ranges] of ds.clients) {
      const known = Y.getState(this.store, client);
      const structs = this.store.clients.get(client) ?? [];
      for (const { clock, len } of ranges) {
        if (len <= 0) continue;
        if (clock + len > known) {
          const freshEnd = this.freshEnd.get(client) ?? known;
          refuse(clock + len > freshEnd ? MISSING : NO_DELETES);
        }
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const struct = structs[i]!;
          if (struct.id.clock >= clock + len) break;
          if (struct.deleted) continue;
          if (!(struct instanceof Y.Item) || !this.isOverwritten(struct)) refuse(NO_DELETES);
          count++;
        }
      }
    }
    return count;
  }

  /** A field value of a message that this update writes again (the overwrite deletes the old value). */
  private isOverwritten(item: Y.Item): boolean {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    const owner = parent?._item;
    if (!owner || item.parentSub === null || !isMessageMap(owner)) return false;
    const target = this.targets.get(idKey(owner.id));
    return target?.writes.some((w) => w.key === item.parentSub) ?? false;
  }

  private newMessage(target: Target): MessageChange[] {
    const fields = new Map<string, unknown>();
    for (const { key, value } of target.writes) {
      if (fields.has(key)) refuse(`A new message sets "${key}" more than once.`);
      fields.set(key, value);
    }
    const allowed = ['id', 'authorId', 'text', 'createdAt'];
    const extra = [...fields.keys()].filter((k) => !allowed.includes(k));
    if (extra.length > 0) refuse(`A new message holds only ${allowed.join(', ')}; not ${extra.join(', ')}.`);
    const missing = allowed.filter((k) => !fields.has(k));
    if (missing.length > 0) {
      refuse(`A new message needs ${missing.join(', ')}, set in the same transaction that appends it.`);
    }
    const messageId = fields.get('id');
    if (typeof messageId !== 'string' || messageId.length === 0 || messageId.length > MAX_ID_LENGTH) {
      refuse(`A message id is a string of 1 to ${MAX_ID_LENGTH} characters.`);
    }
    if (this.hasMessageId(messageId) || this.duplicateInUpdate(target, messageId)) {
      refuse(`A message with id ${messageId} already exists.`);
    }
    if (fields.get('authorId') !== this.actor.userId) refuse('You can only post messages as yourself.');
    const text = checkText(fields.get('text'));
    const createdAt = this.checkTime(fields.get('createdAt'), 'createdAt');
    return [{ kind: 'posted', messageId, authorId: this.actor.userId, text, createdAt }];
  }

  private duplicateInUpdate(target: Target, messageId: string): boolean {
    return [...this.targets.values()].some(
      (t) => t !== target && t.isNew && t.writes.some((w) => w.key === 'id' && w.value === messageId),
    );
  }

  private changedMessage(target: Target): MessageChange[] {
    const map = (this.knownItem(target.id).content as Y.ContentType).type as Y.Map<unknown>;
    const messageId = String(map.get('id'));
    const authorId = String(map.get('authorId'));
    const isAuthor = authorId === this.actor.userId;
    const wasDeleted = map.get('deleted') === true;
    const fields = new Map<string, unknown>();
    for (const { key, value } of target.writes) {
      if (!['text', 'editedAt', 'deleted'].includes(key)) {
        refuse(`Only text, editedAt and deleted of a message can change; not "${key}".`);
      }
      if (fields.has(key)) refuse(`The update sets "${key}" of one message more than once.`);
      fields.set(key, value);
    }
    const changes: MessageChange[] = [];
    if (fields.has('text') || fields.has('editedAt')) {
      if (!isAuthor) refuse("You can only edit your own messages; another person's text stays as written.");
      if (wasDeleted) refuse('A deleted message cannot be edited.');
      if (!fields.has('text') || !fields.has('editedAt')) {
        refuse('An edit sets text and editedAt together, in one transaction.');
      }
      const text = checkText(fields.get('text'));
      const editedAt = this.checkTime(fields.get('editedAt'), 'editedAt');
      changes.push({ kind: 'edited', messageId, authorId, text, editedAt });
    }
    if (fields.has('deleted')) {
      if (fields.get('deleted') !== true) refuse('"deleted" can only be set to true.');
      if (!isAuthor && !this.actor.canModerate) {
        refuse('Only the author, group admins and moderators can delete a message.');
      }
      if (!wasDeleted) changes.push({ kind: 'deleted', messageId, authorId, deletedBy: this.actor.userId });
    }
    return changes;
  }

  private checkTime(value: unknown, field: string): string {
    const time = typeof value === 'string' && value.length <= 40 ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(time)) refuse(`"${field}" must be an ISO-8601 time.`);
    if (time > this.now.getTime() + MAX_CLOCK_SKEW_MS) refuse(`"${field}" lies in the future.`);
    return new Date(time).toISOString();
  }
}

function checkText(value: unknown): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_TEXT_LENGTH) {
    refuse(`A message's text must be 1 to ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters.`);
  }
  return value;
}

function placeInDoc(item: Y.Item): Place {
  const parent = item.parent as Y.AbstractType<unknown>;
  if (parent._item) return { parent: parent._item.id, sub: item.parentSub };
  return { root: Y.findRootTypeKey(parent), sub: item.parentSub };
}

/** A Y.Map item sitting directly in the root `messages` array. */
function isMessageMap(item: Y.Item): boolean {
  const parent = item.parent as Y.AbstractType<unknown> | null;
  return (
    item.content instanceof Y.ContentType &&
    item.content.type instanceof Y.Map &&
    parent !== null &&
    parent._item === null &&
    parent.doc?.share.get(MESSAGES) === parent &&
    item.parentSub === null
  );
}
