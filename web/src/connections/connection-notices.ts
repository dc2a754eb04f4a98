import type { LiveFrame } from '../live/live.model.ts';
import { paths } from '../lib/router.ts';
import type { Notice } from '../ui/notices.model.ts';
import type { ConnectionList } from './api.ts';

/**
 * What to tell the user about another person's step, given the lists after it; nothing when the step
 * needs no notice or the person is no longer in the lists (e.g. they withdrew again at once). Ended
 * connections get no notice, so a block is not announced.
 */
export function connectionNotice(
  frame: LiveFrame,
  lists: ConnectionList,
): Pick<Notice, 'text' | 'link'> | null {
  const find = (list: ConnectionList[keyof ConnectionList]) =>
    list.find((c) => c.id === frame.connectionId)?.user;
  switch (frame.type) {
    case 'connection.requested': {
      const user = find(lists.incoming);
      return user
        ? {
            text: `${user.displayName} wants to connect with you.`,
            link: { href: paths.connections, label: 'See request' },
          }
        : null;
    }
    case 'connection.accepted': {
      const user = find(lists.accepted);
      return user
        ? {
            text: `${user.displayName} accepted your connection request.`,
            link: { href: paths.conversation(user.id), label: 'Message' },
          }
        : null;
    }
    default:
      return null;
  }
}
