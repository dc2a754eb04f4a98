/**
 * The Yjs documents' published contract: raw updates (`DocUpdated`) and what they mean (wall and group
 * messages posted, edited, deleted). Projections read these; everything else goes through index.ts.
 */
export * from './doc-events.ts';
export * from './message-events.ts';
