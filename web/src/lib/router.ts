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
  progress: '/me/progress',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  verifyEmail: '/verify-email',
  help: '/help',
  helpTicket: (id: string) => `/help/${encodeURIComponent(id)}`,
  calls: '/calls',
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
window.addEventListener('popstate', () => {
  pathname.value = window.location.pathname;
});

/** The current route, derived from the History API location. */
export const route = computed(() => matchRoute(pathname.value));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  pathname.value = window.location.pathname;
  window.scrollTo(0, 0);
}
