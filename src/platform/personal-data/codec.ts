import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store/port.ts';
import { seal, unseal, type DataKeys } from './keys.ts';

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

/** The key in data and metadata that holds the sealed fields: `pd1.<subject>.<field,…>.<base64>`. */
export const SEALED = '$pd';
/** Set on data and metadata read after erasure: the fields that read as erased. */
export const ERASED = '$erased';

type Json = Record<string, unknown>;

/**
 * Seals the personal fields of events with their person's data key when they are written and opens them
 * when they are read (crypto-shredding, docs/operations.md). Sealed fields move into one AES-256-GCM blob
 * per event (and one for the metadata's IP and user agent, under the actor's key); the rest of the event
 * stays as it was, so stream names, types, ids and non-personal data remain readable and searchable.
 * Once a person's key is destroyed, their fields read as the policy's erased values (e.g. "Deleted user"),
 * so every decoder, fold and projection keeps working on an erased history.
 */
export class PersonalDataCodec {
  constructor(
    readonly keys: DataKeys,
    readonly policy: PersonalDataPolicy,
  ) {}

  async sealEvent(stream: string, event: NewEvent): Promise<NewEvent> {
    const fields = this.policy.events[event.type];
    let data = event.data;
    if (fields && isObject(data)) {
      const subject = fields.subject(data, stream);
      if (subject) data = await this.sealFields(data, Object.keys(fields.erased), subject, fields.erased);
    }
    const actor = event.metadata.actorId;
    let metadata = event.metadata;
    if (actor && PEOPLE.test(actor) && METADATA_FIELDS.some((f) => metadata[f] !== undefined)) {
      metadata = (await this.sealFields(metadata as unknown as Json, METADATA_FIELDS, actor, {
        ip: undefined,
        userAgent: undefined,
      })) as unknown as EventMetadata;
    }
    return data === event.data && metadata === event.metadata ? event : { ...event, data, metadata };
  }

  async open<E extends RecordedEvent>(event: E): Promise<E> {
    const data = isObject(event.data)
      ? await this.openFields(event.data, this.policy.events[event.type]?.erased)
      : event.data;
    const metadata = (await this.openFields(
      event.metadata as unknown as Json,
      {},
    )) as unknown as EventMetadata;
    if (event.type === this.policy.erasure.type && isObject(data))
      this.keys.forget(this.policy.erasure.subject(data));
    return data === event.data && metadata === event.metadata ? event : { ...event, data, metadata };
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

  /** Seals the fields present; for an erased person writes their erased values instead. */
  private async sealFields(
    data: Json,
    names: readonly string[],
    subject: string,
    erased: Readonly<Record<string, unknown>>,
  ): Promise<Json> {
    if (typeof data[SEALED] === 'string') return data; // already sealed (a retried append)
    const present = names.filter((n) => data[n] !== undefined);
    if (present.length === 0) return data;
    const key = await this.keys.keyFor(subject, true);
    const rest: Json = { ...data };
    const personal: Json = {};
    for (const n of present) {
      personal[n] = data[n];
      delete rest[n];
    }
    if (key === 'destroyed' || key === undefined) return withErased(rest, present, erased);
    const blob = seal(key, Buffer.from(JSON.stringify(personal)), subject).toString('base64');
    return { ...rest, [SEALED]: `${PREFIX}.${subject}.${present.join(',')}.${blob}` };
  }

  private async openFields(data: Json, erased: Readonly<Record<string, unknown>> | undefined): Promise<Json> {
    const sealed = data[SEALED];
    if (typeof sealed !== 'string') return data;
    const [prefix, subject, names, blob] = sealed.split('.');
    if (prefix !== PREFIX || !subject || names === undefined || blob === undefined)
      throw new Error(`Unreadable sealed personal data (${sealed.slice(0, 20)}…)`);
    const rest: Json = { ...data };
    delete rest[SEALED];
    const key = await this.keys.keyFor(subject, false);
    if (key === 'destroyed' || key === undefined) return withErased(rest, names.split(','), erased ?? {});
    const personal = JSON.parse(unseal(key, Buffer.from(blob, 'base64'), subject).toString()) as Json;
    return { ...rest, ...personal };
  }
}

function withErased(rest: Json, names: readonly string[], erased: Readonly<Record<string, unknown>>): Json {
  const out: Json = { ...rest, [ERASED]: names };
  for (const n of names) if (erased[n] !== undefined) out[n] = erased[n];
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
