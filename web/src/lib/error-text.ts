import { ApiError } from './http.ts';

/** What to tell the user about a failed call: the API's problem detail, or `fallback` for any other failure. */
export function errorText(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.detail : fallback;
}
