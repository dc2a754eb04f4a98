import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The subject id under which the email lookup key is kept (never a person's id: ids are UUIDs). */
const LOOKUP_SUBJECT = '$email-lookup';
const CACHE_LIMIT = 10_000;

/** A person's key, kept as a KeyObject: ciphers made from it skip importing the raw bytes each time. */
export type DataKey = KeyObject | 'destroyed';

/** A key-encryption key derived from a master key (DATA_KEY), and its short public fingerprint. */
interface Kek {
  key: Buffer;
  id: string;
}

function kekOf(masterKey: string): Kek {
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'skillswap', 'data-key wrapping v1', 32));
  return { key, id: createHmac('sha256', key).update('fingerprint').digest('hex').slice(0, 16) };
}

/** AES-256-GCM: `iv (12) | ciphertext | tag (16)`, bound to `aad` (the subject) so blobs cannot be swapped. */
export function seal(key: Buffer | KeyObject, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = cipher.update(plain);
  const rest = cipher.final(); // empty for GCM (a stream mode); kept for the tag
  return Buffer.concat([iv, body, rest, cipher.getAuthTag()]);
}

/** Opens what `seal` made; throws when the key or the subject is wrong or the bytes were changed. */
export function unseal(key: Buffer | KeyObject, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const body = decipher.update(sealed.subarray(12, sealed.length - 16));
  const rest = decipher.final(); // checks the tag; empty for GCM
  return rest.length === 0 ? body : Buffer.concat([body, rest]);
}

/**
 * The key store (docs/operations.md, "Personal data keys"): one random AES-256 data key per person, kept
 * outside the event log in `personal_data_keys`, wrapped (AES-256-GCM) by a key derived from DATA_KEY.
 * Destroying a person's key (erasure) leaves a tombstone row without key material, so a destroyed key is
 * never silently made again. Keys are cached in memory per process; `forget` drops one (the erasure event
 * tells every process, see `PersonalDataStore`).
 */
export class DataKeys {
  private readonly cache = new Map<string, DataKey>();
  private changes = 0;
  private readonly loading = new Map<string, Promise<DataKey | undefined>>();

  private constructor(
    private readonly db: Db,
    private readonly kek: Kek,
    private readonly lookupKey: Buffer,
  ) {}

  /**
   * Opens the key store. With `previousDataKey` (rotation), every data key still wrapped by it is
   * rewrapped by `dataKey` first, in one transaction.
   */
  static async open(
    db: Db,
    options: { dataKey: string; previousDataKey?: string | undefined },
  ): Promise<DataKeys> {
    const kek = kekOf(options.dataKey);
    if (options.previousDataKey) await rewrap(db, kekOf(options.previousDataKey), kek);
    const stranger = await db
      .selectFrom('personal_data_keys')
      .select('kek_id')
      .where('kek_id', '<>', kek.id)
      .where('wrapped_key', 'is not', null)
      .executeTakeFirst();
    if (stranger)
      throw new Error(
        'Some personal data keys are wrapped by another DATA_KEY than the one configured. Start with the ' +
          'right DATA_KEY, or set DATA_KEY_PREVIOUS to the old one to rotate (docs/operations.md).',
      );
    const keys = new DataKeys(db, kek, Buffer.alloc(0));
    const lookup = await keys.keyFor(LOOKUP_SUBJECT, true);
    if (lookup === 'destroyed' || lookup === undefined)
      throw new Error('The email lookup key was destroyed.');
    return new DataKeys(db, kek, lookup.export());
  }

  /** The keyed hash (HMAC-SHA-256) that names an email's reservation stream; never a plain hash. */
  emailLookup(normalizedEmail: string): string {
    return createHmac('sha256', this.lookupKey).update(normalizedEmail).digest('hex');
  }

  /** The subject's data key; with `create`, made on first use. `undefined`: none yet and not asked to make one. */
  async keyFor(subject: string, create: boolean): Promise<DataKey | undefined> {
    const cached = this.cache.get(subject);
    if (cached) return cached;
    // One load per subject at a time: the events of one append (or one page) share it.
    const pending = this.loading.get(subject);
    if (pending) {
      const key = await pending;
      if (key !== undefined || !create) return key;
    }
    const load = this.load(subject, create);
    this.loading.set(subject, load);
    try {
      return await load;
    } finally {
      if (this.loading.get(subject) === load) this.loading.delete(subject);
    }
  }

  /** Loads the keys of `subjects` not yet cached in one query (a page of events read back). */
  async preload(subjects: Iterable<string>): Promise<void> {
    const missing = [...new Set(subjects)].filter((s) => !this.cache.has(s) && !this.loading.has(s));
    if (missing.length === 0) return;
    const rows = await this.db
      .selectFrom('personal_data_keys')
      .select(['subject_id', 'wrapped_key'])
      .where('subject_id', 'in', missing)
      .execute();
    for (const row of rows)
      if (!this.cache.has(row.subject_id)) this.remember(row.subject_id, row.wrapped_key);
  }

  private async load(subject: string, create: boolean): Promise<DataKey | undefined> {
    let row = await this.row(subject);
    if (!row && create) {
      const fresh = randomBytes(32);
      const inserted = await this.db
        .insertInto('personal_data_keys')
        .values({
          subject_id: subject,
          wrapped_key: seal(this.kek.key, fresh, subject).toString('base64'),
          kek_id: this.kek.id,
        })
        .onConflict((oc) => oc.column('subject_id').doNothing())
        .returning('subject_id')
        .executeTakeFirst();
      if (inserted) return this.remember(subject, fresh);
      row = await this.row(subject); // made (or destroyed) by someone else meanwhile
    }
    if (!row) return undefined;
    return this.remember(subject, row.wrapped_key);
  }

  private remember(subject: string, wrapped: string | null | Buffer): DataKey {
    const key: DataKey =
      wrapped === null
        ? 'destroyed'
        : createSecretKey(
            Buffer.isBuffer(wrapped)
              ? wrapped
              : unseal(this.kek.key, Buffer.from(wrapped, 'base64'), subject),
          );
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(subject, key);
    return key;
  }

  /**
   * Crypto-shredding: the subject's key material is overwritten (a tombstone stays). Everything sealed
   * with it reads as erased from now on, in every process once it sees the erasure event. Idempotent;
   * answers whether a key was destroyed by this call.
   */
  async destroy(subject: string, at: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('personal_data_keys')
      .values({ subject_id: subject, wrapped_key: null, kek_id: this.kek.id, destroyed_at: at })
      .onConflict((oc) =>
        oc
          .column('subject_id')
          .doUpdateSet({ wrapped_key: null, destroyed_at: at })
          .where('personal_data_keys.wrapped_key', 'is not', null),
      )
      .executeTakeFirst();
    this.cache.set(subject, 'destroyed');
    this.changes++;
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Drops a cached key (another process destroyed it). */
  forget(subject: string): void {
    this.cache.delete(subject);
    this.changes++;
  }

  /** Moves on whenever a key is destroyed or forgotten: whatever was opened before may read differently now. */
  get generation(): number {
    return this.changes;
  }

  private row(subject: string) {
    return this.db
      .selectFrom('personal_data_keys')
      .select(['wrapped_key'])
      .where('subject_id', '=', subject)
      .executeTakeFirst();
  }
}

async function rewrap(db: Db, from: Kek, to: Kek): Promise<void> {
  if (from.id === to.id) return;
  await db.transaction().execute(async (trx) => {
    await sql`lock table personal_data_keys in exclusive mode`.execute(trx);
    const rows = await trx
      .selectFrom('personal_data_keys')
      .select(['subject_id', 'wrapped_key'])
      .where('kek_id', '=', from.id)
      .where('wrapped_key', 'is not', null)
      .execute();
    for (const row of rows) {
      const key = unseal(from.key, Buffer.from(row.wrapped_key ?? '', 'base64'), row.subject_id);
      await trx
        .updateTable('personal_data_keys')
        .set({ wrapped_key: seal(to.key, key, row.subject_id).toString('base64'), kek_id: to.id })
        .where('subject_id', '=', row.subject_id)
        .execute();
    }
  });
}
