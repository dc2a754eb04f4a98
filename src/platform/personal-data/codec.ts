import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store/port.ts';
import { seal as sealBytes, unseal, type DataKeys } from './keys.ts';

/** Where an event's personal fields hide: which person they belong to, and how each reads once erased. */
export interface PersonalFields {
  /** The person the fields are about (the key that seals them); undefined: nobody's, left as they are. */
  subject(data: Record<string, unknown>, stream: string): string | undefined;
  /** Each personal field of the event's data, and the value it reads as after its person is erased. */
  erased: Readonly<Record<string, unknown>>;
}

/** Which events carry personal data, given by the composition root from each feature's published contract. */
export interface PersonalDataPolicy {
  events: Readonly<Record<string, PersonalFields>>;
  /** The event that records an erasure: every process drops the person's cached key when it sees it. */
  erasure: { type: string; subject(data: Record<string, unknown>): string };
}

/** Metadata fields that are personal (the person who acted: their address and browser). */
const METADATA_FIELDS = ['ip', 'userAgent'] as const;
const PREFIX = 'pd1';
const PEOPLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Marks a metadata field sealed in the data's blob (the actor is the subject): `@ip`, `@userAgent` in the field
 * list and in the sealed JSON. Policy field names never start with it.
 */
const META = '@';

/**
 * The key in data and metadata that holds the sealed fields: `pd1.<subject>.<field,…>.<base64>`. When the actor is
 * the subject, the data's blob also holds the metadata's fields (`@ip`, `@userAgent`) and metadata holds none.
 */
export const SEALED = '$pd';
/** Set on data and metadata read after erasure: the fields that read as erased. */
export const ERASED = '$erased';

type Json = Record<string, unknown>;
type Erased = Readonly<Record<string, unknown>>;
const NONE: Erased = {};

/**
 * Seals the personal fields of events with their person's data key when they are written and opens them
 * when they are read (crypto-shredding, docs/operations.md). Sealed fields move into one AES-256-GCM blob
 * per event; the rest of the event stays as it was, so stream names, types, ids and non-personal data (and
 * the metadata's actor) remain readable and searchable. The metadata's IP and user agent are sealed under
 * the actor's key: in the data's blob when the actor is the event's subject (a person registering, editing
 * their own profile: one cipher, one JSON, one base64 per event), else in a second blob in metadata. Events
 * written with two blobs (before the single one) open as before.
 * Once a person's key is destroyed, their fields read as the policy's erased values (e.g. "Deleted user")
 * and their IP and user agent as absent, so every decoder, fold and projection keeps working on an erased
 * history.
 */
export class PersonalDataCodec {
  constructor(
    readonly keys: DataKeys,
    readonly policy: PersonalDataPolicy,
  ) {
    for (const fields of Object.values(policy.events))
      for (const name of Object.keys(fields.erased))
        if (name.startsWith(META) || name.includes(',') || name.includes('.'))
          throw new Error(`A personal field's name cannot start with ${META} nor hold , or . (${name})`);
  }

  async sealEvent(stream: string, event: NewEvent): Promise<NewEvent> {
    const fields = this.policy.events[event.type];
    const actor = event.metadata.actorId;
    let metadata = event.metadata as unknown as Json;
    const metaSubject =
      actor &&
      PEOPLE.test(actor) &&
      typeof metadata[SEALED] !== 'string' && // already sealed (a retried append)
      (metadata.ip !== undefined || metadata.userAgent !== undefined)
        ? actor
        : undefined;
    let data = event.data;
    let both = false;
    if (fields && isObject(data) && typeof data[SEALED] !== 'string') {
      const subject = fields.subject(data, stream);
      if (subject) {
        both = subject === metaSubject;
        const [sealedData, sealedMeta] = await this.seal(
          subject,
          data,
          Object.keys(fields.erased),
          fields.erased,
          both ? metadata : undefined,
        );
        data = sealedData;
        if (sealedMeta) metadata = sealedMeta;
      }
    }
    if (metaSubject && !both) [metadata] = await this.seal(metaSubject, metadata, METADATA_FIELDS, NONE);
    return data === event.data && metadata === (event.metadata as unknown)
      ? event
      : { ...event, data, metadata: metadata as unknown as EventMetadata };
  }

  async open<E extends RecordedEvent>(event: E): Promise<E> {
    let data = event.data;
    let metadata = event.metadata as unknown as Json;
    if (isObject(data) && typeof data[SEALED] === 'string')
      [data, metadata] = await this.openSealed(
        data,
        this.policy.events[event.type]?.erased ?? NONE,
        metadata,
      );
    if (typeof metadata[SEALED] === 'string') [metadata] = await this.openSealed(metadata, NONE, undefined);
    if (event.type === this.policy.erasure.type && isObject(data))
      this.keys.forget(this.policy.erasure.subject(data));
    return data === event.data && metadata === (event.metadata as unknown)
      ? event
      : { ...event, data, metadata: metadata as unknown as EventMetadata };
  }

  /** Loads, in one query, the keys that a page of events read back needs and the cache lacks. */
  async preload(events: readonly RecordedEvent[]): Promise<void> {
    const subjects: string[] = [];
    for (const e of events)
      for (const part of [e.data, e.metadata] as unknown[]) {
        const sealed = isObject(part) ? part[SEALED] : undefined;
        if (typeof sealed === 'string')
          subjects.push(sealed.slice(PREFIX.length + 1, sealed.indexOf('.', PREFIX.length + 1)));
      }
    if (subjects.length > 0) await this.keys.preload(subjects);
  }

  /**
   * Seals the fields of `target` present (and with `meta`, the metadata's IP and user agent, same subject) in
   * one blob in `target`; for an erased person writes their erased values instead. Answers target and meta.
   */
  private async seal(
    subject: string,
    target: Json,
    names: readonly string[],
    erased: Erased,
    meta?: Json,
  ): Promise<[Json, Json | undefined]> {
    const present = names.filter((n) => target[n] !== undefined);
    const metaPresent = meta ? METADATA_FIELDS.filter((n) => meta[n] !== undefined) : [];
    if (present.length === 0 && metaPresent.length === 0) return [target, meta];
    const key = await this.keys.keyFor(subject, true);
    const personal: Json = {};
    const rest = split(target, present, personal, '');
    const metaRest = meta && metaPresent.length > 0 ? split(meta, metaPresent, personal, META) : meta;
    if (key === 'destroyed' || key === undefined)
      return [
        present.length > 0 ? withErased(rest, present, erased) : rest,
        metaRest && metaPresent.length > 0 ? withErased(metaRest, metaPresent, NONE) : metaRest,
      ];
    const list = metaPresent.length > 0 ? [...present, ...metaPresent.map((n) => META + n)] : present;
    const blob = sealBytes(key, Buffer.from(JSON.stringify(personal)), subject).toString('base64');
    rest[SEALED] = `${PREFIX}.${subject}.${list.join(',')}.${blob}`;
    return [rest, metaRest];
  }

  /** Opens the blob in `target`; fields marked as metadata's go back into `meta`. Answers target and meta. */
  private async openSealed(target: Json, erased: Erased, meta: Json | undefined): Promise<[Json, Json]> {
    const sealed = target[SEALED] as string;
    const [prefix, subject, names, blob] = sealed.split('.');
    if (prefix !== PREFIX || !subject || names === undefined || blob === undefined)
      throw new Error(`Unreadable sealed personal data (${sealed.slice(0, 20)}…)`);
    const rest: Json = {};
    for (const k in target) if (k !== SEALED) rest[k] = target[k];
    const key = await this.keys.keyFor(subject, false);
    if (key === 'destroyed' || key === undefined) {
      const list = names.split(',');
      const own = list.filter((n) => !n.startsWith(META));
      if (own.length === list.length) return [withErased(rest, list, erased), meta ?? NONE];
      const theirs = list.filter((n) => n.startsWith(META)).map((n) => n.slice(META.length));
      return [own.length > 0 ? withErased(rest, own, erased) : rest, withErased({ ...meta }, theirs, NONE)];
    }
    const personal = JSON.parse(unseal(key, Buffer.from(blob, 'base64'), subject).toString()) as Json;
    if (!names.includes(META)) return [Object.assign(rest, personal), meta ?? NONE];
    const metaOut: Json = { ...meta };
    for (const k in personal)
      if (k.startsWith(META)) metaOut[k.slice(META.length)] = personal[k];
      else rest[k] = personal[k];
    return [rest, metaOut];
  }
}

/** A copy of `source` without `names`, whose values go into `into` (under `mark` + name). */
function split(source: Json, names: readonly string[], into: Json, mark: string): Json {
  const rest: Json = {};
  for (const k in source) if (!names.includes(k)) rest[k] = source[k];
  for (const n of names) into[mark + n] = source[n];
  return rest;
}

function withErased(rest: Json, names: readonly string[], erased: Erased): Json {
  const out: Json = { ...rest, [ERASED]: names };
  for (const n of names) if (erased[n] !== undefined) out[n] = erased[n];
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
