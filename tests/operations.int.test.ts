import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http-client.ts';
import { LiveClient } from './support/live-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp } from './support/users.ts';
import { RawDocClient } from './support/yjs-client.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ SESSION_SECRET: 'operations-test-secret-0123456789abcdef' });
});

afterAll(async () => {
  await app.close();
});

const cookieOf = (client: HttpClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

describe('operations', () => {
  it('answers liveness and readiness separately', async () => {
    const client = new HttpClient(app.url);
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('serves Prometheus metrics: requests by route pattern, appends, projection lag, open sockets', async () => {
    const me = await signUp(app.url, 'Metric');
    const group = await me.client.post<{ id: string }>('/api/groups', { json: { name: 'Counted' } });
    await me.client.get(`/api/groups/${group.body.id}`);
    await me.client.get('/no/such/page/at/all');
    const live = await LiveClient.open(app.url, me.client);
    const res = await new HttpClient(app.url).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('text/plain');
    const text = res.bytes.toString('utf8');
    expect(text).toMatch(
      /skillswap_http_requests_total\{method="GET",route="\/api\/groups\/:id",status="200"\} 1/,
    );
    expect(text).toMatch(
      /skillswap_http_requests_total\{method="POST",route="\/api\/groups",status="201"\} 1/,
    );
    expect(text).not.toContain('/no/such/page');
    expect(text).toMatch(/skillswap_event_store_append_duration_seconds_count [1-9]/);
    expect(text).toMatch(/skillswap_event_store_append_batch_events_sum [1-9]/);
    expect(text).toMatch(/skillswap_projection_lag_events\{projection="users"\} \d+/);
    expect(text).toMatch(/skillswap_open_sockets 1\b/);
    live.socket.close();
  });

  it('shuts down gracefully: requests in flight finish and are kept, sockets are told "going away"', async () => {
    const own = await startTestApp({ SESSION_SECRET: 'operations-test-secret-0123456789abcdef' });
    const me = await signUp(own.url, 'Leaving');
    const live = await LiveClient.open(own.url, me.client);
    const wall = await RawDocClient.connect(own.url, 'wall', cookieOf(me.client));
    const liveClosed = new Promise<number>((resolve) => live.socket.once('close', (code) => resolve(code)));
    const writes = Array.from({ length: 20 }, (_, i) =>
      me.client.patch('/api/me', { json: { bio: `bio ${i}` } }).then(
        (res) => res.status,
        () => 'refused' as const,
      ),
    );
    // Stop once the server has answered the first of them, with the others sent or on their way: those
    // it accepted finish and are kept, the rest are refused; none fails half-way or with a 5xx.
    await Promise.race(writes);
    await own.stop();
    const statuses = await Promise.all(writes);
    expect(statuses.every((s) => s === 200 || s === 'refused')).toBe(true);
    const answered = statuses.filter((s) => s === 200).length;
    expect(answered).toBeGreaterThan(0);
    expect(await liveClosed).toBe(1001);
    expect((await wall.closed).code).toBe(1001);

    const again = await own.restart();
    try {
      const events = await again.platform.deps.store.readStream(`user-${me.id}`);
      expect(events.filter((e) => e.type === 'ProfileUpdated')).toHaveLength(answered);
    } finally {
      await again.close();
    }
  });
});

describe('connections', () => {
  it("keeps an idle keep-alive connection open for 65 s, not Node 20's 5 s, and says so", async () => {
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true });
    const get = () =>
      new Promise<{ keepAlive: unknown; port: number | undefined }>((resolve, reject) => {
        const req = request(`${app.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ keepAlive: res.headers['keep-alive'], port: req.socket?.localPort }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const first = await get();
      expect(first.keepAlive).toBe('timeout=65');
      // The second request goes on the same connection (same local port).
      const second = await get();
      expect(second.port).toBe(first.port);
    } finally {
      agent.destroy();
    }
  });
});

describe('requests Node refuses before the app sees them', () => {
  it('answer headers over 16 KB with a 431 problem+json', async () => {
    const { request } = await import('node:http');
    const url = new URL(app.url);
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: '/healthz', headers: { 'x-big': 'a'.repeat(20_000) } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(answer.type).toContain('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431 });
  });
});
