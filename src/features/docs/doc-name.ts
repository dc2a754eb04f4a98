/** The documents `/yjs/<doc>` serves: the one wall and one chat per group. */
export type DocName = { name: 'wall'; kind: 'wall' } | { name: string; kind: 'group'; groupId: string };

const GROUP_DOC = /^group-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseDocName(name: string): DocName | undefined {
  if (name === 'wall') return { name, kind: 'wall' };
  const match = GROUP_DOC.exec(name);
  return match ? { name, kind: 'group', groupId: match[1]! } : undefined;
}

/** `/yjs/wall?x=1` → `wall`; undefined for any other path shape. */
export function docNameFromPath(pathname: string): string | undefined {
  const match = /^\/yjs\/([^/]+)$/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
