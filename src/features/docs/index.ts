export { YjsServer, type YjsLimits, type YjsServerOptions } from './yjs-server.ts';
export type { DocSnapshotTables } from './doc-store.ts';
export {
  CLOSE_FORBIDDEN,
  CLOSE_NOT_SIGNED_IN,
  CLOSE_NO_SUCH_DOC,
  CLOSE_SLOW_CONSUMER,
  CLOSE_TOO_MANY_SOCKETS,
  tooManySockets,
} from './access.ts';
