import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/event-store/port.ts';
import { HttpClient } from './support/http-client.ts';
import { World } from './support/sessions.ts';
import { member, staffOfEveryRole, type Member } from './support/staff.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// The authorization matrix: every staff route of /api/openapi.json (every /api/admin/* path) called as
// signed out, user, moderator, admin and super admin, with the exact status each must answer. A route
// added to the API without a row here fails the first test, so none can be forgotten.

const roles = ['user', 'moderator', 'admin', 'super_admin'] as const satisfies readonly Role[];
type Caller = (typeof roles)[number];
type Expected = Record<'anonymous' | Caller, number>;

interface Case {
  /** The lowest role allowed; `ok` is what it and every role above get, the roles below 403. */
  min: Caller;
  ok: number;
  /** The request, made fresh for each caller (a target of its own where the call changes state). */
  request: (caller: Member | undefined) => Promise<{ path: string; json?: unknown }>;
}

let app: TestApp;
let world: World;
let staff: Record<Caller, Member>;
const target = () => member(app, world, 'user', 'Target');
async function suspendedTarget() {
  const t = await target();
  const res = await staff.super_admin.client.post(`/api/admin/users/${t.id}/suspend`, {
    json: { reason: 'for the matrix' },
  });
  expect(res.status).toBe(200);
  return t;
}

/** One person erased by a super admin, for reading the receipt. */
let erased: Promise<string> | undefined;
function erasedTarget() {
  erased ??= (async () => {
    const t = await target();
    expect((await staff.super_admin.client.delete(`/api/admin/users/${t.id}`)).status).toBe(204);
    return t.id;
  })();
  return erased;
}

/** A fresh open report, by a fresh reporter of a fresh person. */
async function openReport() {
  const [reporter, reported] = [await target(), await target()];
  const res = await reporter.client.post<{ id: string }>('/api/reports', {
    json: { kind: 'user', targetId: reported.id, reason: 'spam' },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** A fresh support request by a fresh person. */
async function openTicket() {
  const requester = await target();
  const res = await requester.client.post<{ id: string }>('/api/support/tickets', {
    json: { subject: 'Matrix help', body: 'A request for the matrix.' },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const cases: Record<string, Case> = {
  'GET /api/admin/projections': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: '/api/admin/projections' }),
  },
  'POST /api/admin/projections/{name}/{action}': {
    min: 'admin',
    ok: 202,
    request: async () => ({ path: '/api/admin/projections/blocks/restart' }),
  },
  'GET /api/admin/users': { min: 'admin', ok: 200, request: async () => ({ path: '/api/admin/users' }) },
  'GET /api/admin/users/{id}': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: `/api/admin/users/${staff.user.id}` }),
  },
  'DELETE /api/admin/users/{id}': {
    min: 'admin',
    ok: 204,
    request: async () => ({ path: `/api/admin/users/${(await target()).id}` }),
  },
  'GET /api/admin/erasures/{id}': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: `/api/admin/erasures/${await erasedTarget()}` }),
  },
  'PATCH /api/admin/users/{id}': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: `/api/admin/users/${(await target()).id}`, json: { bio: 'edited' } }),
  },
  'POST /api/admin/users/{id}/suspend': {
    min: 'moderator',
    ok: 200,
    request: async () => ({
      path: `/api/admin/users/${(await target()).id}/suspend`,
      json: { reason: 'matrix' },
    }),
  },
  'POST /api/admin/users/{id}/unsuspend': {
    min: 'moderator',
    ok: 200,
    request: async () => ({ path: `/api/admin/users/${(await suspendedTarget()).id}/unsuspend` }),
  },
  'PUT /api/admin/users/{id}/role': {
    min: 'admin',
    ok: 200,
    request: async () => ({
      path: `/api/admin/users/${(await target()).id}/role`,
      json: { role: 'moderator' },
    }),
  },
  'GET /api/admin/users/{id}/activity': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: `/api/admin/users/${staff.user.id}/activity` }),
  },
  'GET /api/admin/reports': {
    min: 'moderator',
    ok: 200,
    request: async () => ({ path: '/api/admin/reports?status=open' }),
  },
  'POST /api/admin/reports/{id}/resolve': {
    min: 'moderator',
    ok: 200,
    request: async () => ({
      path: `/api/admin/reports/${await openReport()}/resolve`,
      json: { action: 'dismiss', note: 'matrix' },
    }),
  },
  'PUT /api/admin/slow-mode': {
    min: 'moderator',
    ok: 204,
    request: async () => ({ path: '/api/admin/slow-mode', json: { doc: 'wall', seconds: 0 } }),
  },
  'GET /api/admin/stats': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: '/api/admin/stats?days=7' }),
  },
  'GET /api/admin/audit': { min: 'admin', ok: 200, request: async () => ({ path: '/api/admin/audit' }) },
  'GET /api/admin/tickets': { min: 'admin', ok: 200, request: async () => ({ path: '/api/admin/tickets' }) },
  'POST /api/admin/tickets/{id}/assign': {
    min: 'admin',
    ok: 200,
    request: async () => ({
      path: `/api/admin/tickets/${await openTicket()}/assign`,
      json: { assigneeId: staff.admin.id },
    }),
  },
  'POST /api/admin/tickets/{id}/status': {
    min: 'admin',
    ok: 200,
    request: async () => ({
      path: `/api/admin/tickets/${await openTicket()}/status`,
      json: { status: 'pending' },
    }),
  },
  'GET /api/admin/streams': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: '/api/admin/streams?prefix=user-' }),
  },
  'GET /api/admin/streams/{name}/events': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: `/api/admin/streams/user-${staff.user.id}/events` }),
  },
  'GET /api/admin/streams/{name}/state': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: `/api/admin/streams/user-${staff.user.id}/state?revision=0` }),
  },
  'GET /api/admin/events': {
    min: 'admin',
    ok: 200,
    request: async () => ({ path: `/api/admin/events?actorId=${staff.user.id}` }),
  },
};

function expected(c: Case): Expected {
  const rank = roles.indexOf(c.min);
  return {
    anonymous: 401,
    ...(Object.fromEntries(roles.map((r, i) => [r, i >= rank ? c.ok : 403])) as Record<Caller, number>),
  };
}

let staffRoutes: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  world = new World(app.url);
  staff = await staffOfEveryRole(app, world);
  const doc = (
    await new HttpClient(app.url).get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json')
  ).body;
  staffRoutes = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/admin/'))
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
});
afterAll(() => app?.close());

describe('the authorization matrix of the staff routes', () => {
  it('has a row for every staff route of the OpenAPI document, and no row for a route that is gone', () => {
    expect(staffRoutes.length).toBeGreaterThan(5);
    expect(Object.keys(cases).sort()).toEqual(staffRoutes);
  });

  it('answers each route with the exact status for each role', async () => {
    const seen: Record<string, Expected> = {};
    for (const route of staffRoutes) {
      const c = cases[route]!;
      const method = route.split(' ')[0]!;
      const got = {} as Expected;
      for (const caller of ['anonymous', ...roles] as const) {
        const who = caller === 'anonymous' ? undefined : staff[caller];
        const client = who?.client ?? new HttpClient(app.url);
        const { path, json } = await c.request(who);
        const res = await client.request(method, path, json === undefined ? {} : { json });
        got[caller] = res.status;
      }
      seen[route] = got;
    }
    expect(seen).toEqual(Object.fromEntries(staffRoutes.map((r) => [r, expected(cases[r]!)])));
    // Each call that changes state gets a fresh person (a password hash each): slow on a loaded machine.
  }, 240_000);
});
