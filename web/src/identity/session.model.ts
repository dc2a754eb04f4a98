import { computed, createModel, signal } from '@preact/signals';
import { ApiError } from '../lib/http.ts';
import { identityApi, type Credentials, type Me, type Registration } from './api.ts';

const moderatorRoles = new Set(['moderator', 'admin', 'super_admin']);

/** What one tab tells the app's other tabs (same browser profile, same cookie). */
type TabMessage = { type: 'signed-out' } | { type: 'signed-in'; userId: string };

/**
 * Who is signed in. `status` stays 'loading' until the first `GET /api/me` has answered. Signing in or
 * out in one tab reaches the others through a BroadcastChannel, so no tab keeps looking signed in.
 */
export const SessionModel = createModel(() => {
  const user = signal<Me | null>(null);
  const status = signal<'loading' | 'ready'>('loading');
  const signedIn = computed(() => user.value !== null);
  /** Site moderators (and admins) may delete anyone's message in any room. */
  const isModerator = computed(() => moderatorRoles.has(user.value?.role ?? ''));
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('skillswap-session') : null;
  const tell = (message: TabMessage) => tabs?.postMessage(message);

  async function load() {
    try {
      user.value = await identityApi.me();
    } catch (err) {
      // 401 simply means signed out; anything else we also treat as signed out but report.
      if (!(err instanceof ApiError && err.status === 401)) console.error('Could not load session', err);
      user.value = null;
    } finally {
      status.value = 'ready';
    }
  }

  tabs?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
    if (event.data.type === 'signed-out') user.value = null;
    else if (event.data.type === 'signed-in' && event.data.userId !== user.value?.id) void load();
  });

  return {
    user,
    status,
    signedIn,
    isModerator,
    load,
    async signUp(input: Registration) {
      const { user: me } = await identityApi.register(input);
      user.value = me;
      tell({ type: 'signed-in', userId: me.id });
      return me;
    },
    async signIn(input: Credentials) {
      const { user: me } = await identityApi.login(input);
      user.value = me;
      tell({ type: 'signed-in', userId: me.id });
      return me;
    },
    async signOut() {
      try {
        await identityApi.logout();
      } catch (err) {
        // Already signed out on the server (401) is the outcome we wanted.
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      }
      user.value = null;
      tell({ type: 'signed-out' });
    },
    /** Adopt the fresh `Me` a profile write answered with. */
    update(me: Me) {
      user.value = me;
    },
    setAvatarUrl(avatarUrl: string) {
      if (user.value) user.value = { ...user.value, avatarUrl };
    },
  };
});

export const session = new SessionModel();
