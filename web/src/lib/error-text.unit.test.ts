import { describe, expect, it } from 'vitest';
import { errorText } from './error-text.ts';
import { ApiError } from './http.ts';

describe('errorText', () => {
  it("answers the API's detail, and the fallback for anything else", () => {
    const problem = new ApiError({ status: 409, title: 'Conflict', detail: 'You are already connected.' });
    expect(errorText(problem, 'Could not connect.')).toBe('You are already connected.');
    expect(errorText(new TypeError('boom'), 'Could not connect.')).toBe('Could not connect.');
    expect(errorText(undefined, 'Could not connect.')).toBe('Could not connect.');
  });
});
