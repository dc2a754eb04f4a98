/** How long a chat's text may be, measured the way its server measures it. */
export interface TextLimit {
  max: number;
  /** The length the server checks, of the text as it will be sent (trimmed). */
  measure: (text: string) => number;
}

/** Counts code points, so an emoji is one character (the direct-message API counts this way). */
export const codePoints = (text: string) => [...text].length;

/** Counts UTF-16 units, as JavaScript's `length` does (the wall and group chat server counts this way). */
export const utf16Units = (text: string) => text.length;

/** From this share of the limit on, the composer shows how many characters are used. */
const SHOW_FROM = 0.9;

export interface TextCheck {
  length: number;
  tooLong: boolean;
  /** The counter line under the field; empty while far from the limit. */
  counter: string;
}

/** Whether `text` fits `limit`, and what the counter says about it. */
export function checkText(text: string, limit: TextLimit): TextCheck {
  const length = limit.measure(text.trim());
  const max = limit.max;
  const n = (v: number) => v.toLocaleString('en-US');
  if (length > max) {
    const over = length - max;
    return {
      length,
      tooLong: true,
      counter: `Too long: ${n(length)} of ${n(max)} characters. Remove ${n(over)} ${over === 1 ? 'character' : 'characters'} to send it.`,
    };
  }
  return { length, tooLong: false, counter: length >= max * SHOW_FROM ? `${n(length)} / ${n(max)}` : '' };
}
