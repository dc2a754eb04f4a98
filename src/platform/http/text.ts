import { z } from '@hono/zod-openapi';

// With the `u` flag a surrogate pair is one code point, so only lone surrogates match (= !isWellFormed()).
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string from a request cannot be stored, or undefined. Postgres refuses NUL in `text` and both NUL
 * and lone UTF-16 surrogates in `json(b)`; left to the database they become a 500 instead of a 422.
 */
export function textFault(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(value))
    return 'must be well-formed Unicode text (it holds a lone UTF-16 surrogate)';
  return undefined;
}

/** For messages that quote a refused string: lone surrogates become U+FFFD and NUL becomes `\0`. */
export const printable = (value: string) => value.replace(/\p{Cs}/gu, '\ufffd').replaceAll('\u0000', '\\0');

/**
 * The input policy for every string a request carries (body fields, query values, path parameters): use
 * `text('Bio')` where `z.string()` would go, then chain the field's own rules. It refuses NUL and lone
 * surrogates with a message naming the field. `wellFormedInput()` applies the same rule to strings no
 * schema declares.
 */
export const text = (field: string) =>
  z.string().superRefine((value, ctx) => {
    const fault = textFault(value);
    if (fault) ctx.addIssue({ code: 'custom', message: `${field} ${fault}.` });
  });

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PLAIN_LINE = /^[^\u0000-\u001F\u007F]*$/;

/**
 * An optional search filter of one line: trimmed, 1 to `max` characters. `everything` says what leaving it
 * out shows ("every skill"), so the empty-filter message tells a person what to do instead.
 */
export const filterText = (field: string, max: number, everything: string) =>
  text(field)
    .trim()
    .min(1, `${field} must not be empty; leave it out to see ${everything}.`)
    .max(max, `${field} must be at most ${max} characters.`)
    .refine((s) => PLAIN_LINE.test(s), `${field} must be a single line of plain text.`)
    .optional();
