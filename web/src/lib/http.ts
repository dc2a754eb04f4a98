import type { Schema } from '../api/types.ts';
import { markReachable, markUnreachable, unreachableText } from './reachability.ts';

/** One invalid field as reported by the API (`errors[]` of a problem+json body). */
export type FieldProblem = NonNullable<Schema<'Problem'>['errors']>[number];

/** An RFC 9457 problem+json answer, or a network failure dressed as one (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldProblem[];

  constructor(init: {
    status: number;
    type?: string;
    title: string;
    detail?: string;
    errors?: FieldProblem[];
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title;
    this.detail = init.detail ?? init.title;
    this.errors = init.errors ?? [];
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is (e.g. a File); `contentType` names its media type. */
  body?: Blob;
  contentType?: string;
  signal?: AbortSignal;
  /** A position the read must include, e.g. of a live frame (read-your-writes for others' writes). */
  minPosition?: number;
}

const CSRF_COOKIE = 'ss_csrf';

// Latest X-Position seen after one of our writes; reads ask the server to wait for it (read-your-writes).
let minPosition: string | null = null;

function readCookie(name: string): string | null {
  for (const part of document.cookie.split('; ')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1));
  }
  return null;
}

// Positions are opaque in the API (docs/api.md); when both are integers keep the larger, so writes that
// finish out of order never move the read floor backwards.
function laterPosition(current: string | null, next: string): string {
  if (current === null || !/^\d+$/.test(current) || !/^\d+$/.test(next)) return next;
  return BigInt(next) > BigInt(current) ? next : current;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.path === 'string' && typeof v.message === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  const fallback = { status: res.status, title: res.statusText || `HTTP ${res.status}` };
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) {
    return new ApiError({ ...fallback, detail: defaultDetail(res.status) });
  }
  try {
    const body = (await res.json()) as Record<string, unknown>;
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : res.status,
      type: typeof body.type === 'string' ? body.type : undefined,
      title: typeof body.title === 'string' ? body.title : fallback.title,
      detail: typeof body.detail === 'string' ? body.detail : defaultDetail(res.status),
      errors: Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : [],
    });
  } catch {
    return new ApiError({ ...fallback, detail: defaultDetail(res.status) });
  }
}

function defaultDetail(status: number): string {
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again.';
  return 'The request could not be completed.';
}

/**
 * Calls the SkillSwap API: same-origin cookies, JSON in and out, the CSRF header on every write,
 * read-your-writes via X-Position / X-Min-Position. Throws {@link ApiError} for any non-2xx answer.
 * Resolves to `undefined` for 204.
 */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.body) {
    headers.set('Content-Type', options.contentType ?? (options.body.type || 'application/octet-stream'));
    body = options.body;
  }
  const isWrite = method !== 'GET';
  if (isWrite) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers.set('X-CSRF-Token', csrf);
  } else {
    const wanted =
      options.minPosition === undefined
        ? minPosition
        : laterPosition(minPosition, String(options.minPosition));
    if (wanted) headers.set('X-Min-Position', wanted);
  }

  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    markUnreachable();
    throw new ApiError({ status: 0, title: 'Network error', detail: unreachableText });
  }
  markReachable();

  if (!res.ok) throw await toApiError(res);
  if (isWrite) {
    const position = res.headers.get('X-Position');
    if (position) minPosition = laterPosition(minPosition, position);
  }
  if (res.status === 204 || res.headers.get('Content-Length') === '0') return undefined as T;
  // A 202 may come without a body and without a Content-Length (chunked): empty text is no JSON.
  const text = await res.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export const http = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, json?: unknown) => request<T>('POST', path, { json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  put: <T>(path: string, json: unknown) => request<T>('PUT', path, { json }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
