import { computed, createModel, signal } from '@preact/signals';
import type { Schema } from '../api/types.ts';
import { connections } from '../connections/connections.model.ts';
import { inbox } from '../conversations/inbox.model.ts';
import type { Me } from '../identity/api.ts';
import { http } from '../lib/http.ts';
import { sessionsApi, type Session } from '../sessions/api.ts';

type Match = Schema<'Match'>;

const SHOWN = 4;
const seenKey = (userId: string) => `skillswap:home-seen-matches:${userId}`;

function readSeen(userId: string): Set<string> | null {
  try {
    const raw = localStorage.getItem(seenKey(userId));
    return raw ? new Set(JSON.parse(raw) as string[]) : null;
  } catch {
    return null;
  }
}

/** What is missing for others to find and match the person, in the words of the profile page. */
export function missingFromProfile(me: Me): string[] {
  const missing: string[] = [];
  if (me.teach.length === 0) missing.push('a skill you can teach');
  if (me.learn.length === 0) missing.push('a skill you want to learn');
  if (me.languages.length === 0) missing.push('the languages you speak');
  if (!me.timezone) missing.push('your time zone');
  return missing;
}

/**
 * The signed-in home: requests waiting and unread conversations (from the app-wide models, kept live),
 * matches that are new since the last visit to this page, and the next sessions to attend or host.
 */
export const HomeModel = createModel((me: Me) => {
  const matches = signal<readonly Match[] | null>(null);
  const newMatchIds = signal<ReadonlySet<string>>(new Set());
  const firstVisit = signal(false);
  const sessions = signal<readonly Session[] | null>(null);
  const failed = signal<string | null>(null);

  const requests = computed(() => connections.lists.value.incoming);
  const unread = computed(() => inbox.conversations.value.filter((c) => c.unread > 0));
  const connected = computed(() => connections.lists.value.accepted);
  const newMatches = computed(() =>
    (matches.value ?? []).filter((m) => newMatchIds.value.has(m.user.id)).slice(0, SHOWN),
  );

  async function loadMatches() {
    const list = (await http.get<Schema<'MatchList'>>('/api/matches?limit=20')).matches;
    const seen = readSeen(me.id);
    firstVisit.value = seen === null;
    newMatchIds.value = new Set(list.filter((m) => !seen?.has(m.user.id)).map((m) => m.user.id));
    matches.value = list;
    // Next visit, these count as seen.
    try {
      const all = new Set([...(seen ?? []), ...list.map((m) => m.user.id)]);
      localStorage.setItem(seenKey(me.id), JSON.stringify([...all].slice(-500)));
    } catch {
      // Private mode without storage: every visit shows all matches as new, which is harmless.
    }
  }

  async function loadSessions() {
    const mine = await sessionsApi.mine();
    // The server says "ended" by the app's clock; the browser's clock has no say.
    sessions.value = [...mine.attending, ...mine.hosting]
      .filter((s) => s.status === 'scheduled')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .slice(0, SHOWN);
  }

  return {
    matches,
    newMatches,
    firstVisit,
    sessions,
    failed,
    requests,
    unread,
    connected,
    async load() {
      const results = await Promise.allSettled([loadMatches(), loadSessions()]);
      if (results.some((r) => r.status === 'rejected')) {
        failed.value = 'Some of this page could not be loaded. Reload to try again.';
        matches.value ??= [];
        sessions.value ??= [];
      }
    },
  };
});
