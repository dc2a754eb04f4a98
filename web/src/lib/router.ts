import { computed, signal } from '@preact/signals';

export type Route =
  | { name: 'home' }
  | { name: 'signUp' }
  | { name: 'signIn' }
  | { name: 'myProfile' }
  | { name: 'matches' }
  | { name: 'user'; id: string }
  | { name: 'connections' }
  | { name: 'wall' }
  | { name: 'groups' }
  | { name: 'group'; id: string }
  | { name: 'groupSettings'; id: string }
  | { name: 'conversations' }
  | { name: 'conversation'; userId: string }
  | { name: 'sessions' }
  | { name: 'newSession' }
  | { name: 'mySessions' }
  | { name: 'session'; id: string }
  | { name: 'editSession'; id: string }
  | { name: 'mentors' }
  | { name: 'progress' }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword' }
  | { name: 'verifyEmail' }
  | { name: 'help' }
  | { name: 'helpTicket'; id: string }
  | { name: 'calls' }
  | { name: 'auditStreams' }
  | { name: 'auditStream'; stream: string }
  | { name: 'auditLog' }
  | { name: 'projectionsConsole' }
  | { name: 'settings' }
  /** The staff area: `section` is a tab of web/src/admin/admin-tabs.ts (or '' for its start), `id` one item. */
  | { name: 'admin'; section: string; id: string | null }
  | { name: 'notFound' };

export const paths = {
  home: '/',
  signUp: '/signup',
  signIn: '/signin',
  myProfile: '/me',
  connections: '/connections',
  matches: '/matches',
  user: (id: string) => `/users/${encodeURIComponent(id)}`,
  wall: '/wall',
  groups: '/groups',
  group: (id: string) => `/groups/${encodeURIComponent(id)}`,
  groupSettings: (id: string) => `/groups/${encodeURIComponent(id)}/settings`,
  conversations: '/messages',
  conversation: (userId: string) => `/messages/${encodeURIComponent(userId)}`,
  sessions: '/sessions',
  newSession: '/sessions/new',
  mySessions: '/sessions/mine',
  session: (id: string) => `/sessions/${encodeURIComponent(id)}`,
  editSession: (id: string) => `/sessions/${encodeURIComponent(id)}/edit`,
  mentors: '/mentors',
  /** The mentors list filtered to one skill (the skill text is resolved like a profile's). */
  mentorsFor: (skill: string) => `/mentors?skill=${encodeURIComponent(skill)}`,
  progress: '/me/progress',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  verifyEmail: '/verify-email',
  help: '/help',
  helpTicket: (id: string) => `/help/${encodeURIComponent(id)}`,
  calls: '/calls',
  auditStreams: '/admin/audit',
  auditStream: (stream: string) => `/admin/audit/streams/${encodeURIComponent(stream)}`,
  auditLog: '/admin/audit/log',
  /** The log search showing the whole chain of events one request caused. */
  auditChain: (correlationId: string) =>
    `/admin/audit/log?correlationId=${encodeURIComponent(correlationId)}`,
  projectionsConsole: '/admin/projections',
  settings: '/settings',
  admin: (section = '', id?: string) =>
    `/admin${section ? `/${section}` : ''}${id ? `/${encodeURIComponent(id)}` : ''}`,
} as const;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === paths.home) return { name: 'home' };
  if (path === paths.signUp) return { name: 'signUp' };
  if (path === paths.signIn) return { name: 'signIn' };
  if (path === paths.myProfile) return { name: 'myProfile' };
  if (path === paths.connections) return { name: 'connections' };
  if (path === paths.conversations) return { name: 'conversations' };
  if (path === paths.calls) return { name: 'calls' };
  if (path === paths.settings) return { name: 'settings' };
  const conversation = /^\/messages\/([^/]+)$/.exec(path);
  if (conversation?.[1]) return { name: 'conversation', userId: decodeURIComponent(conversation[1]) };
  if (path === paths.matches) return { name: 'matches' };
  const user = /^\/users\/([^/]+)$/.exec(path);
  if (user?.[1]) return { name: 'user', id: decodeURIComponent(user[1]) };
  if (path === paths.wall) return { name: 'wall' };
  if (path === paths.groups) return { name: 'groups' };
  const group = /^\/groups\/([^/]+)(\/settings)?$/.exec(path);
  if (group?.[1]) {
    const id = decodeURIComponent(group[1]);
    return group[2] ? { name: 'groupSettings', id } : { name: 'group', id };
  }
  if (path === paths.sessions) return { name: 'sessions' };
  if (path === paths.newSession) return { name: 'newSession' };
  if (path === paths.mySessions) return { name: 'mySessions' };
  const session = /^\/sessions\/([^/]+)(\/edit)?$/.exec(path);
  if (session?.[1]) {
    const id = decodeURIComponent(session[1]);
    return session[2] ? { name: 'editSession', id } : { name: 'session', id };
  }
  if (path === paths.mentors) return { name: 'mentors' };
  if (path === paths.progress) return { name: 'progress' };
  if (path === paths.forgotPassword) return { name: 'forgotPassword' };
  if (path === paths.resetPassword) return { name: 'resetPassword' };
  if (path === paths.verifyEmail) return { name: 'verifyEmail' };
  if (path === paths.help) return { name: 'help' };
  if (path === paths.auditStreams) return { name: 'auditStreams' };
  if (path === paths.auditLog) return { name: 'auditLog' };
  if (path === paths.projectionsConsole) return { name: 'projectionsConsole' };
  const auditStream = /^\/admin\/audit\/streams\/([^/]+)$/.exec(path);
  if (auditStream?.[1]) return { name: 'auditStream', stream: decodeURIComponent(auditStream[1]) };
  const ticket = /^\/help\/([^/]+)$/.exec(path);
  if (ticket?.[1]) return { name: 'helpTicket', id: decodeURIComponent(ticket[1]) };
  const admin = /^\/admin(?:\/([a-z-]+)(?:\/([^/]+))?)?$/.exec(path);
  if (admin)
    return { name: 'admin', section: admin[1] ?? '', id: admin[2] ? decodeURIComponent(admin[2]) : null };
  return { name: 'notFound' };
}

/** A query parameter of the current address (links in emails carry their token this way). */
export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

const pathname = signal(window.location.pathname);

/** A page with unsaved work: answers true while leaving it would lose something. */
type LeaveGuard = () => boolean;
const guards = new Set<LeaveGuard>();

/**
 * A navigation held back by a guard, waiting for the person to choose (see `LeaveDialog`): `go` leaves
 * anyway, `stay` keeps the page. Null when nothing waits.
 */
export const heldNavigation = signal<{ to: string; go: () => void; stay: () => void } | null>(null);

function blocked(): boolean {
  return [...guards].some((hasUnsavedWork) => hasUnsavedWork());
}

/**
 * Asks before leaving while `hasUnsavedWork()` is true: in-app links and Back wait for a choice, closing or
 * reloading the tab gets the browser's own question. Returns the function that removes the guard.
 */
export function guardLeaving(hasUnsavedWork: LeaveGuard): () => void {
  guards.add(hasUnsavedWork);
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedWork()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    guards.delete(hasUnsavedWork);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

function hold(to: string, go: () => void, stay: () => void = () => undefined) {
  heldNavigation.value = {
    to,
    go: () => {
      heldNavigation.value = null;
      go();
    },
    stay: () => {
      heldNavigation.value = null;
      stay();
    },
  };
}

window.addEventListener('popstate', () => {
  const next = window.location.pathname;
  if (next !== pathname.value && blocked()) {
    // Back or Forward already moved the address: put it back until the person decides.
    const here = pathname.value;
    window.history.pushState(null, '', here);
    hold(next, () => {
      window.history.replaceState(null, '', next);
      pathname.value = next;
    });
    return;
  }
  pathname.value = next;
});

/** The current route, derived from the History API location. */
export const route = computed(() => matchRoute(pathname.value));

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (to === window.location.pathname) return;
  if (!options.force && blocked()) {
    hold(to, () => navigate(to, { ...options, force: true }));
    return;
  }
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  pathname.value = window.location.pathname;
  window.scrollTo(0, 0);
}
