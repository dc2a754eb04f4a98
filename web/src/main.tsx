import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app/App.tsx';
import { calls } from './calls/call.model.ts';
import { connections } from './connections/connections.model.ts';
import { inbox } from './conversations/inbox.model.ts';
import { followGroupNotices } from './groups/group-notices.ts';
import { session } from './identity/session.model.ts';
import { live } from './live/live.model.ts';
import { followLiveNotices } from './notifications/live-notices.ts';
import { notifications } from './notifications/notifications.model.ts';
import { followSessionNotices } from './sessions/session-notices.ts';
import { notices } from './ui/notices.model.ts';
import './styles.css';

void session.load();

// Live updates, the unread count and the connection requests follow whoever is signed in.
let liveFor: string | null = null;
let stopGroupNotices: (() => void) | undefined;
let stopSessionNotices: (() => void) | undefined;
let stopLiveNotices: (() => void) | undefined;
effect(() => {
  // A suspended person may read why and appeal, nothing else: nothing live runs for them.
  const me = session.user.value;
  const userId = me && me.status !== 'suspended' ? me.id : null;
  if (userId === liveFor) return;
  liveFor = userId;
  live.stop();
  inbox.stop();
  connections.stop();
  calls.stop();
  notifications.stop();
  stopLiveNotices?.();
  stopLiveNotices = undefined;
  stopGroupNotices?.();
  stopGroupNotices = undefined;
  stopSessionNotices?.();
  stopSessionNotices = undefined;
  notices.clear();
  if (userId) {
    live.start();
    inbox.start();
    connections.start();
    calls.start();
    notifications.start();
    stopLiveNotices = followLiveNotices(userId);
    stopGroupNotices = followGroupNotices(userId);
    stopSessionNotices = followSessionNotices(userId);
  }
});

// This browser was signed out elsewhere (from another device, or by a password change): look again.
live.subscribe((frame) => {
  if (frame.type !== 'signed-out') return;
  void session.load().then(() => {
    if (session.user.value) live.start(); // still signed in after all: listen again
  });
});

// The server closes a person's sockets when they are suspended (4403): read the account again to show why.
effect(() => {
  if (live.closedWith.value === 4403) void session.load();
});

const root = document.getElementById('app');
if (!root) throw new Error('index.html is missing <div id="app">');
render(<App />, root);
