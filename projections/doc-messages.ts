import { sql } from 'kysely';
import { docMessageEvents, type DocMessageEvent } from '../src/features/docs/events.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { Timestamp } from '../src/platform/db/schema.ts';
import type { RecordedOfType } from '../src/platform/event-store/events.ts';
import { defineBatchProjection, type ProjectionDb } from '../src/platform/projections/projection.ts';

export interface DocMessagesTable {
  /** `wall` or `group-<id>`. */
  doc: string;
  id: string;
  group_id: string | null;
  author_id: string;
  text: string;
  created_at: Timestamp;
  edited_at: Timestamp | null;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
  /** to_tsvector('simple', unaccent(text)): no stemming, accents folded, so any language is searchable. */
  search: string;
  /** Position of the posting event: the server's order of messages in a document. */
  seq: number;
  /** Position of the last event applied to this message: replays at or below it are no-ops. */
  position: number;
}

export interface DocMessagesTables {
  doc_messages: DocMessagesTable;
}

const POST_CHUNK = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const searchVector = (text: string) => sql<string>`to_tsvector('simple', unaccent(${text}))`;

type Posted = RecordedOfType<DocMessageEvent, 'WallMessagePosted' | 'GroupMessagePosted'>;
type Edited = RecordedOfType<DocMessageEvent, 'WallMessageEdited' | 'GroupMessageEdited'>;
type Deleted = RecordedOfType<DocMessageEvent, 'WallMessageDeleted' | 'GroupMessageDeleted'>;

/** The row a post creates; undefined for a malformed post, which is skipped rather than stopping the model. */
function postedRow({ data, metadata, position }: Posted) {
  if (!UUID.test(data.authorId) || (data.groupId !== null && !UUID.test(data.groupId))) return undefined;
  return {
    doc: data.doc,
    id: data.messageId,
    group_id: data.groupId,
    author_id: data.authorId,
    text: data.text,
    created_at: Number.isNaN(Date.parse(data.createdAt)) ? metadata.occurredAt : data.createdAt,
    search: searchVector(data.text),
    seq: position,
    position,
  };
}

/** Consecutive posts go in one multi-row insert; the first post of an id wins, as one by one. */
async function insertPosts(db: ProjectionDb, events: readonly Posted[]) {
  const rows = new Map<string, NonNullable<ReturnType<typeof postedRow>>>();
  for (const event of events) {
    const row = postedRow(event);
    const key = row && JSON.stringify([row.doc, row.id]);
    if (row && key && !rows.has(key)) rows.set(key, row);
  }
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += POST_CHUNK) {
    await db
      .insertInto('doc_messages')
      .values(all.slice(i, i + POST_CHUNK))
      .onConflict((oc) => oc.columns(['doc', 'id']).doNothing())
      .execute();
  }
}

async function edited(db: ProjectionDb, { data, metadata, position }: Edited) {
  const editedAt = Number.isNaN(Date.parse(data.editedAt)) ? metadata.occurredAt : data.editedAt;
  await db
    .updateTable('doc_messages')
    .set({ text: data.text, edited_at: editedAt, search: searchVector(data.text), position })
    .where('doc', '=', data.doc)
    .where('id', '=', data.messageId)
    .where('deleted_at', 'is', null)
    .where('position', '<', position)
    .$if(data.authorId !== undefined, (q) => q.where('author_id', '=', data.authorId!))
    .execute();
}

async function deleted(db: ProjectionDb, { data, metadata, position }: Deleted) {
  // A tombstone without the text: gone from pages and search, and a replayed post cannot bring it back.
  await db
    .updateTable('doc_messages')
    .set({
      text: '',
      search: sql<string>`''::tsvector`,
      deleted_at: metadata.occurredAt,
      deleted_by: UUID.test(data.deletedBy) ? data.deletedBy : null,
      position,
    })
    .where('doc', '=', data.doc)
    .where('id', '=', data.messageId)
    .where('position', '<', position)
    .$if(data.authorId !== undefined, (q) => q.where('author_id', '=', data.authorId!))
    .execute();
}

/**
 * Wall and group chat messages, from the semantic events the Yjs server appends beside each update.
 * Applied in order, except that runs of posts are written as multi-row inserts (a post never depends on
 * another post), which makes catching up several times faster than one insert per event.
 */
export const docMessagesProjection = defineBatchProjection({
  name: 'doc-messages',
  // Still 1: the author match (message-events.ts) only narrows events that carry authorId, which no
  // stored event did before it, so a rebuild would produce the same rows.
  version: 1,
  tables: ['doc_messages'],
  events: docMessageEvents,
  handles: [
    'WallMessagePosted',
    'GroupMessagePosted',
    'WallMessageEdited',
    'GroupMessageEdited',
    'WallMessageDeleted',
    'GroupMessageDeleted',
  ],
  async applyBatch(db, events) {
    let posts: Posted[] = [];
    for (const event of events) {
      if (event.type === 'WallMessagePosted' || event.type === 'GroupMessagePosted') {
        posts.push(event);
        continue;
      }
      if (posts.length > 0) await insertPosts(db, posts);
      posts = [];
      if (event.type === 'WallMessageEdited' || event.type === 'GroupMessageEdited') await edited(db, event);
      else await deleted(db, event);
    }
    if (posts.length > 0) await insertPosts(db, posts);
  },
});

export const MAX_SEARCH_TERMS = 8;

/**
 * A prefix query from what a person typed: words of letters and digits in any script, each matching
 * words that start with it, all required. Undefined when there is no word at all.
 */
export function searchTerms(q: string): string | undefined {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = words.slice(0, MAX_SEARCH_TERMS).map((w) => `'${w.slice(0, 64)}':*`);
  return terms.length > 0 ? terms.join(' & ') : undefined;
}

export interface DocMessagePage {
  messages: {
    id: string;
    authorId: string;
    authorName: string | null;
    text: string;
    createdAt: Date;
    editedAt: Date | null;
  }[];
  hasMore: boolean;
}

/**
 * Up to `limit` messages of a document, newest last, older than the message `before` when given and
 * matching `query` (from {@link searchTerms}) when given. Undefined when `before` names no message there.
 */
export async function docMessagePage(
  db: Db,
  options: { doc: string; limit: number; before?: string | undefined; query?: string | undefined },
): Promise<DocMessagePage | undefined> {
  let below: number | undefined;
  if (options.before !== undefined) {
    const cursor = await db
      .selectFrom('doc_messages')
      .select('seq')
      .where('doc', '=', options.doc)
      .where('id', '=', options.before)
      .executeTakeFirst();
    if (!cursor) return undefined;
    below = Number(cursor.seq);
  }
  let select = db
    .selectFrom('doc_messages')
    .leftJoin('users', 'users.id', 'doc_messages.author_id')
    .select([
      'doc_messages.id',
      'doc_messages.author_id as authorId',
      'users.display_name as authorName',
      'doc_messages.text',
      'doc_messages.created_at as createdAt',
      'doc_messages.edited_at as editedAt',
    ])
    .where('doc_messages.doc', '=', options.doc)
    .where('doc_messages.deleted_at', 'is', null);
  if (below !== undefined) select = select.where('doc_messages.seq', '<', below);
  if (options.query !== undefined)
    select = select.where(
      sql<boolean>`doc_messages.search @@ to_tsquery('simple', unaccent(${options.query}))`,
    );
  const rows = await select
    .orderBy('doc_messages.seq', 'desc')
    .limit(options.limit + 1)
    .execute();
  const hasMore = rows.length > options.limit;
  return { messages: rows.slice(0, options.limit).reverse(), hasMore };
}
