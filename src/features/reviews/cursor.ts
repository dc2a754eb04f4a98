/** Page cursors: the platform's opaque keyset cursors (src/platform/http/cursor.ts). */
export { decodeCursor, encodeCursor } from '../../platform/http/cursor.ts';
