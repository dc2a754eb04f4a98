import { createModel, signal } from '@preact/signals';
import { SubmissionModel } from '../lib/submission.model.ts';
import { viewerTimeZone, zonedToInstant } from '../lib/zoned-time.ts';
import { sessionsApi, type Session, type SessionFilters } from './api.ts';

const noFilters: SessionFilters = { skill: '', level: '', from: '', to: '', q: '' };
const PAGE_SIZE = 20;

/**
 * The API's query for the filters. Dates are whole days in the viewer's zone: `from` its first minute,
 * `to` inclusive (the API's `to` is exclusive, so the next day's first minute).
 */
export function browseQuery(filters: SessionFilters, zone = viewerTimeZone()): Record<string, string> {
  const query: Record<string, string> = { limit: String(PAGE_SIZE) };
  if (filters.skill.trim()) query.skill = filters.skill.trim();
  if (filters.level) query.level = filters.level;
  if (filters.q.trim()) query.q = filters.q.trim();
  const from = filters.from && zonedToInstant(filters.from, zone);
  if (from) query.from = from.toISOString();
  const toDay = filters.to && zonedToInstant(filters.to, zone);
  if (toDay) {
    // Noon of the day plus a day, then back to midnight there: a DST day is 23 or 25 hours long.
    const next = new Date(toDay.getTime() + 36 * 3_600_000).toISOString().slice(0, 10);
    const nextMidnight = zonedToInstant(next, zone);
    if (nextMidnight) query.to = nextMidnight.toISOString();
  }
  return query;
}

type ListState =
  | { status: 'loading' }
  | { status: 'ready'; sessions: Session[]; nextCursor: string | null }
  | { status: 'failed'; message: string };

/** Browse and search: the filters, the pages loaded so far and "Load more" by cursor. */
export const SessionsBrowseModel = createModel(() => {
  const filters = signal<SessionFilters>(noFilters);
  const state = signal<ListState>({ status: 'loading' });
  const search = new SubmissionModel((path) => (path in noFilters ? path : null));
  const more = new SubmissionModel(() => null);
  let inFlight: AbortController | undefined;
  let query: Record<string, string> = browseQuery(noFilters);

  async function load() {
    inFlight?.abort();
    const abort = (inFlight = new AbortController());
    query = browseQuery(filters.value);
    const page = await search.run(() => sessionsApi.list(query, abort.signal));
    if (abort.signal.aborted) return;
    if (page) state.value = { status: 'ready', sessions: page.sessions, nextCursor: page.nextCursor };
    else if (state.value.status === 'loading')
      state.value = { status: 'failed', message: search.formError.value ?? 'Could not load sessions.' };
  }

  async function loadMore() {
    const current = state.value;
    if (current.status !== 'ready' || !current.nextCursor) return;
    const cursor = current.nextCursor;
    const page = await more.run(() => sessionsApi.list({ ...query, cursor }));
    if (!page || state.value !== current) return;
    // A session moved between pages (edited meanwhile) must not show twice.
    const seen = new Set(current.sessions.map((s) => s.id));
    state.value = {
      status: 'ready',
      sessions: [...current.sessions, ...page.sessions.filter((s) => !seen.has(s.id))],
      nextCursor: page.nextCursor,
    };
  }

  return {
    filters,
    state,
    search,
    more,
    load,
    loadMore,
    setFilter<K extends keyof SessionFilters>(key: K, value: SessionFilters[K]) {
      filters.value = { ...filters.value, [key]: value };
    },
    async clearFilters() {
      filters.value = noFilters;
      await load();
    },
    stop() {
      inFlight?.abort();
    },
  };
});
export type SessionsBrowseModel = InstanceType<typeof SessionsBrowseModel>;
