import { live, type LiveFrame } from '../live/live.model.ts';
import { paths } from '../lib/router.ts';
import { notices } from '../ui/notices.model.ts';
import { groupsApi } from './api.ts';

/**
 * Tells the signed-in user, wherever they are in the app, that someone added them to a group.
 * Returns the function that stops listening.
 */
export function followGroupNotices(myId: string): () => void {
  return live.subscribe((frame: LiveFrame) => {
    if (frame.type !== 'group.member_added' || frame.addedBy === myId) return;
    void announceAdded(String(frame.groupId), String(frame.addedBy), frame.position);
  });
}

async function announceAdded(groupId: string, addedBy: string, position: number | undefined) {
  try {
    const group = await groupsApi.get(groupId, undefined, position);
    const adder = group.members.find((m) => m.user.id === addedBy)?.user.displayName;
    notices.show(`${adder ?? 'Someone'} added you to ${group.name}.`, {
      href: paths.group(groupId),
      label: 'Open',
    });
  } catch (err) {
    // Removed again in the meantime, or offline: the groups list tells the rest.
    console.warn('Could not load the group you were added to', err);
  }
}
