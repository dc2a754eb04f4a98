import { live, type LiveFrame } from '../live/live.model.ts';
import { paths, route } from '../lib/router.ts';
import { profileApi } from '../profile/api.ts';
import { notices } from '../ui/notices.model.ts';

/**
 * A notice for a direct message while the person is not in that chat. Connection, group and session
 * notices come from their own features, support and moderation ones from the notification list
 * (`notifications.model.ts`). Returns the function that stops listening.
 */
export function followLiveNotices(myId: string): () => void {
  return live.subscribe((frame: LiveFrame) => {
    const here = route.value;
    if (frame.type === 'message.received') {
      const message = frame.message as { from?: unknown } | undefined;
      const from = typeof message?.from === 'string' ? message.from : null;
      if (!from || from === myId) return;
      // The chat itself, or the list of chats, already shows it.
      if (here.name === 'conversations' || (here.name === 'conversation' && here.userId === from)) return;
      void announceMessage(from);
    }
  });
}

async function announceMessage(from: string) {
  let name = 'Someone';
  try {
    name = (await profileApi.user(from)).displayName;
  } catch {
    // The message still arrived; say so without the name.
  }
  notices.show(
    `New message from ${name}.`,
    { href: paths.conversation(from), label: 'Open chat' },
    `message:${from}`,
  );
}
