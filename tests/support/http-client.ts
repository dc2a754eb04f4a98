/**
 * A tiny HTTP client for integration tests: real `fetch` against a running server, with a cookie jar per
 * client so each one acts like a separate browser/device. Bodies are read eagerly and parsed when JSON.
 */

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** The media type without parameters, e.g. `application/problem+json`. */
  contentType: string;
  /** The parsed body for JSON media types (`application/json`, `application/problem+json`), else undefined. */
  body: T;
  bytes: Buffer;
  /** Raw Set-Cookie lines of this response, for asserting cookie attributes. */
  setCookies: string[];
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export interface RequestOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is; set the content type yourself. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

export class HttpClient {
  constructor(
    private readonly baseUrl: string,
    /** name → value; shared by clients made with `at()`. */
    readonly cookies: Map<string, string> = new Map(),
    private readonly defaultHeaders: Record<string, string> = { 'user-agent': 'skillswap-tests/1.0' },
  ) {}

  /** The same "browser" (same cookies) talking to another base URL, e.g. after a restart. */
  at(baseUrl: string): HttpClient {
    return new HttpClient(baseUrl, this.cookies, this.defaultHeaders);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  get<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.request<T>('POST', path, options);
  }
  patch<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, options);
  }
  put<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, options);
  }
  delete<T = unknown>(path: string, options: RequestOptions = {}) {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...this.defaultHeaders };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    // Copied into a plain ArrayBuffer-backed view, which is what fetch's BodyInit type accepts.
    let body =
      typeof options.body === 'string' || !options.body ? options.body : new Uint8Array(options.body);
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    Object.assign(headers, options.headers);
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.store(line);
    const bytes = Buffer.from(await response.arrayBuffer());
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const isJson = /^application\/([\w.+-]+\+)?json$/.test(contentType);
    return {
      status: response.status,
      headers: response.headers,
      contentType,
      body: (isJson && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined) as T,
      bytes,
      setCookies,
    };
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = attributes.some((attribute) => {
      const [key = '', val = ''] = attribute.split('=');
      if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** Attributes of the Set-Cookie line for `name` (lower-cased keys; flags map to `true`), or undefined. */
export function cookieAttributes(
  setCookies: string[],
  name: string,
): Record<string, string | true> | undefined {
  const line = setCookies.find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  const [, ...attributes] = line.split(';').map((part) => part.trim());
  const entries = attributes.map((attribute): [string, string | true] => {
    const eq = attribute.indexOf('=');
    return eq === -1
      ? [attribute.toLowerCase(), true]
      : [attribute.slice(0, eq).toLowerCase(), attribute.slice(eq + 1)];
  });
  return Object.fromEntries(entries);
}
