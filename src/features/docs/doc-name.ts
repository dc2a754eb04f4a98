/** The documents `/yjs/<doc>` serves: the one wall and one chat per group. */
export type DocName = { name: 'wall'; kind: 'wall' } | { name: string; kind: 'group'; groupId: string };

const GROUP_DOC = /^group-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseDocName(name: string): DocName | undefined {
  if (name === 'wall') return { name, kind: 'wall' };
  const match = GROUP_DOC.exec(name);
  return match ? { name, kind: 'group', groupId: match[1]! } : undefined;
}

/** A path whose percent-escapes are not UTF-8 (4400-4499: the stock client does not reconnect). */
export const CLOSE_MALFORMED_PATH = 4400;

/**
 * `/yjs/wall?x=1` → `wall`; undefined for any other path shape. Throws URIError when a percent-escape is
 * broken or not UTF-8 (`/yjs/%E0%A4%A`): close with CLOSE_MALFORMED_PATH.
 */
export function docNameFromPath(pathname: string): string | undefined {
  const match = /^\/yjs\/([^/]+)$/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
