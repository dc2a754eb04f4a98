import { computed, signal } from '@preact/signals';

export type Route =
  | { name: 'home' }
  | { name: 'signUp' }
  | { name: 'signIn' }
  | { name: 'myProfile' }
  | { name: 'matches' }
  | { name: 'user'; id: string }
  | { name: 'notFound' };

export const paths = {
  home: '/',
  signUp: '/signup',
  signIn: '/signin',
  myProfile: '/me',
  matches: '/matches',
  user: (id: string) => `/users/${encodeURIComponent(id)}`,
} as const;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === paths.home) return { name: 'home' };
  if (path === paths.signUp) return { name: 'signUp' };
  if (path === paths.signIn) return { name: 'signIn' };
  if (path === paths.myProfile) return { name: 'myProfile' };
  if (path === paths.matches) return { name: 'matches' };
  const user = /^\/users\/([^/]+)$/.exec(path);
  if (user?.[1]) return { name: 'user', id: decodeURIComponent(user[1]) };
  return { name: 'notFound' };
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
