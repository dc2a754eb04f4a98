import { createHash } from 'node:crypto';

/**
 * A UUID derived from its parts (SHA-256, shaped as an RFC 9562 version 8 UUID): the same parts always give
 * the same id, so a replayed or rebuilt projection writes the same rows, and a row made "once per event and
 * person" can be inserted with `on conflict do nothing`.
 */
export function stableId(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
