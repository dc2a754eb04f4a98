import { connectionLiveFrames } from '../connections/index.ts';
import { groupLiveFrames } from '../groups/index.ts';
import { directMessageLiveFrames } from '../messages/index.ts';
import type { LiveFrameMapper } from './frames.ts';

/** Every feature's mapper: each event from the store goes through all of them. */
export const liveFrameMappers: readonly LiveFrameMapper[] = [
  directMessageLiveFrames,
  connectionLiveFrames,
  groupLiveFrames,
];
