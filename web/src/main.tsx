import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app/App.tsx';
import { session } from './identity/session.model.ts';
import { live } from './live/live.model.ts';
import { inbox } from './messages/inbox.model.ts';
import './styles.css';

void session.load();

// Live updates and the unread count follow whoever is signed in.
let liveFor: string | null = null;
effect(() => {
  const userId = session.user.value?.id ?? null;
  if (userId === liveFor) return;
  liveFor = userId;
  live.stop();
  inbox.stop();
  if (userId) {
    live.start();
    inbox.start();
  }
});

const root = document.getElementById('app');
if (!root) throw new Error('index.html is missing <div id="app">');
render(<App />, root);
