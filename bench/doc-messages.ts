import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { docMessagePage, docMessagesProjection, searchTerms } from '../projections/doc-messages.ts';
import type { RecordedEvent } from '../src/platform/event-store/port.ts';
import { median, rate } from './stats.ts';
import type { Target } from './target.ts';

const BATCH = 1_000;
const AUTHORS = Array.from({ length: 200 }, () => randomUUID());
// A vocabulary in several scripts, some accented, so 'simple' + unaccent is exercised as in production.
const WORDS = [
  ...'guitar piano violin python rust typescript cooking baking painting chess go poker spanish french german japanese'.split(
    ' ',
  ),
  ...'café crêpe naïve señor müller zürich façade jalapeño smörgåsbord'.split(' '),
  ...'привет учим язык музыка 学习 音乐 日本語 مرحبا تعلم'.split(' '),
  ...Array.from({ length: 2_000 }, (_, i) => `word${i}`),
];
/** Searched terms: one common (every 5th message), one rare, one accented, one absent. */
export const QUERIES = ['guitar', 'word1999', 'cafe', 'zzzznothing'];

function text(i: number): string {
  const pick = (k: number) => WORDS[(i * 7919 + k * 104_729) % WORDS.length]!;
  const words = Array.from({ length: 8 + (i % 12) }, (_, k) => pick(k));
  return (i % 5 === 0 ? [...words, 'guitar'] : words).join(' ');
}

function postedEvent(i: number, position: number): RecordedEvent {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    id: randomUUID(),
    streamName: 'ydoc-wall',
    revision: i,
    position,
    type: 'WallMessagePosted',
    data: {
      doc: 'wall',
      groupId: null,
      messageId: randomUUID(),
      authorId: AUTHORS[i % AUTHORS.length]!,
      text: text(i),
      createdAt: at,
    },
    metadata: {
      actorId: null,
      actorRole: 'system',
      correlationId: 'bench',
      causationId: null,
      occurredAt: at,
    },
    recordedAt: at,
  };
}

export interface DocMessagesResults {
  messages: number;
  engine: { perSecond: number[]; median: number };
  baseline: { perSecond: number[]; median: number };
  ratio: number;
  search: { query: string; hits: number; gin: number[]; ginMs: number; ilike: number[]; ilikeMs: number }[];
  deepPageMs: number;
}

/** Same columns and indexes as doc_messages, filled with one multi-row INSERT per 1,000 messages. */
async function baselineFill(target: Target, events: RecordedEvent[]): Promise<number> {
  const { raw } = target;
  await raw.query(`drop table if exists bench_doc_messages`);
  await raw.query(`create table bench_doc_messages (like doc_messages including all)`);
  const start = performance.now();
  for (let from = 0; from < events.length; from += BATCH) {
    const params: unknown[] = [];
    const tuples = events.slice(from, from + BATCH).map((e) => {
      const d = e.data as {
        doc: string;
        messageId: string;
        authorId: string;
        text: string;
        createdAt: string;
      };
      const b = params.length;
      params.push(d.doc, d.messageId, d.authorId, d.text, d.createdAt, e.position);
      return `($${b + 1}, $${b + 2}, null, $${b + 3}::uuid, $${b + 4}, $${b + 5}::timestamptz, to_tsvector('simple', unaccent($${b + 4})), $${b + 6}, $${b + 6})`;
    });
    await raw.query(
      `insert into bench_doc_messages (doc, id, group_id, author_id, text, created_at, search, seq, position)
       values ${tuples.join(', ')} on conflict do nothing`,
      params,
    );
  }
  return performance.now() - start;
}

/** The projection's own handlers, one transaction per 1,000 events as the runner applies them. */
async function engineFill(target: Target, events: RecordedEvent[]): Promise<number> {
  const { db } = target.handle;
  await sql`truncate doc_messages`.execute(db);
  const start = performance.now();
  for (let from = 0; from < events.length; from += BATCH) {
    await db
      .transaction()
      .execute((trx) => docMessagesProjection.apply(trx, events.slice(from, from + BATCH)));
  }
  return performance.now() - start;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

export async function benchDocMessages(
  target: Target,
  options: { runs: number; messages: number; log: (m: string) => void },
): Promise<DocMessagesResults> {
  const events = Array.from({ length: options.messages }, (_, i) => postedEvent(i, i + 1));
  const engine: number[] = [];
  const baseline: number[] = [];
  for (let round = 1; round <= options.runs; round++) {
    // Alternate the order so neither side always runs on a warmer cache.
    const order = round % 2 ? ['engine', 'baseline'] : ['baseline', 'engine'];
    for (const side of order) {
      const ms = side === 'engine' ? await engineFill(target, events) : await baselineFill(target, events);
      (side === 'engine' ? engine : baseline).push(rate(events.length, ms));
      options.log(
        `  run ${round}/${options.runs} ${side}: ${Math.round(rate(events.length, ms))} messages/s`,
      );
    }
  }
  await sql`analyze doc_messages`.execute(target.handle.db);

  const search: DocMessagesResults['search'] = [];
  for (const query of QUERIES) {
    const gin: number[] = [];
    const ilike: number[] = [];
    let hits = 0;
    for (let i = 0; i < options.runs * 3; i++) {
      const [ms, page] = await timed(() =>
        docMessagePage(target.handle.db, { doc: 'wall', limit: 50, query: searchTerms(query) }),
      );
      gin.push(ms);
      hits = page?.messages.length ?? 0;
      const [baseMs] = await timed(() =>
        target.raw.query(
          `select id from doc_messages where doc = 'wall' and deleted_at is null
           and unaccent(text) ilike '%' || unaccent($1) || '%' order by seq desc limit 51`,
          [query],
        ),
      );
      ilike.push(baseMs);
    }
    search.push({ query, hits, gin, ginMs: median(gin), ilike, ilikeMs: median(ilike) });
    options.log(
      `  search "${query}": ${median(gin).toFixed(2)} ms (GIN) vs ${median(ilike).toFixed(2)} ms (ILIKE)`,
    );
  }

  const cursor = events[Math.floor(events.length / 10)]!.data as { messageId: string };
  const deep: number[] = [];
  for (let i = 0; i < options.runs * 3; i++)
    deep.push(
      (
        await timed(() =>
          docMessagePage(target.handle.db, { doc: 'wall', limit: 50, before: cursor.messageId }),
        )
      )[0],
    );

  await target.raw.query(`drop table if exists bench_doc_messages`);
  const engineMedian = median(engine);
  const baselineMedian = median(baseline);
  return {
    messages: options.messages,
    engine: { perSecond: engine, median: engineMedian },
    baseline: { perSecond: baseline, median: baselineMedian },
    ratio: engineMedian / baselineMedian,
    search,
    deepPageMs: median(deep),
  };
}
