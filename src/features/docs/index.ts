export { YjsServer, type YjsServerOptions } from './yjs-server.ts';
export type { DocSnapshotTables } from './doc-store.ts';
export { CLOSE_FORBIDDEN, CLOSE_NOT_SIGNED_IN, CLOSE_NO_SUCH_DOC } from './access.ts';
