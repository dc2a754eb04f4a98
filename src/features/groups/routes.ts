import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { groupsOf, membersOf } from '../../../projections/groups.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import type { GroupState } from './group.ts';
import {
  CreateGroupBody,
  GroupDetails,
  GroupIdParam,
  GroupList,
  GroupPatch,
  Group,
  MemberParam,
  UserIdBody,
} from './schemas.ts';
import { addTargetFacts, requireMembership, runGroupCommand } from './service.ts';

const tags = ['groups'];
const noContent = { 204: { description: 'Done' } };
const iso = (d: Date | string) => new Date(d).toISOString();

const createGroup = createRoute({
  method: 'post',
  path: '/api/groups',
  tags,
  request: { body: jsonBody(CreateGroupBody) },
  responses: {
    201: jsonResponse(Group, 'The new group; you are its admin'),
    ...problems(401, 403, 422, 429),
  },
});
const listGroups = createRoute({
  method: 'get',
  path: '/api/groups',
  tags,
  responses: { 200: jsonResponse(GroupList, 'The groups you belong to'), ...problems(401, 403) },
});
const getGroup = createRoute({
  method: 'get',
  path: '/api/groups/{id}',
  tags,
  request: { params: GroupIdParam },
  responses: {
    200: jsonResponse(GroupDetails, 'The group and its members with their roles'),
    ...problems(401, 403, 404, 422),
  },
});
const renameGroup = createRoute({
  method: 'patch',
  path: '/api/groups/{id}',
  tags,
  request: { params: GroupIdParam, body: jsonBody(GroupPatch) },
  responses: { 200: jsonResponse(Group, 'The renamed group'), ...problems(401, 403, 404, 409, 422) },
});
const addMember = createRoute({
  method: 'post',
  path: '/api/groups/{id}/members',
  tags,
  request: { params: GroupIdParam, body: jsonBody(UserIdBody) },
  responses: { ...noContent, ...problems(401, 403, 404, 409, 422) },
});
const removeMember = createRoute({
  method: 'delete',
  path: '/api/groups/{id}/members/{userId}',
  tags,
  description: 'An admin removes a member; any member removes themselves to leave the group.',
  request: { params: MemberParam },
  responses: { ...noContent, ...problems(401, 403, 404, 409, 422) },
});
const promoteAdmin = createRoute({
  method: 'post',
  path: '/api/groups/{id}/admins',
  tags,
  request: { params: GroupIdParam, body: jsonBody(UserIdBody) },
  responses: { ...noContent, ...problems(401, 403, 404, 409, 422) },
});

/** Groups and their members (docs/api.md, "Groups and the wall"). */
export function groupRoutes(limits: { create: RateLimit }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(createGroup, (c) => {
    const { name, description = '' } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        await limits.create.consume(me.userId);
        const groupId = deps.newId();
        const create = { type: 'CreateGroup', groupId, name, description, by: me.userId } as const;
        return runGroupCommand(deps, groupId, create, metadata);
      },
      ({ state }, me) => {
        c.header('Location', `/api/groups/${state.id}`);
        return c.json(groupFromState(state, me.userId), 201);
      },
    );
  });

  app.openapi(listGroups, async (c) => {
    const me = requireUser(c);
    const rows = await groupsOf(c.get('deps').db, me.userId);
    return c.json({ groups: rows.map((g) => ({ ...g, createdAt: iso(g.createdAt) })) }, 200);
  });

  app.openapi(getGroup, async (c) => {
    const me = requireUser(c);
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    const { group, role } = await requireMembership(db, id, me.userId);
    const members = (await membersOf(db, id)).map((m) => ({
      user: { id: m.userId, displayName: m.displayName, avatarUrl: m.avatarUrl },
      role: m.role,
      joinedAt: iso(m.joinedAt),
    }));
    return c.json({ ...group, createdAt: iso(group.createdAt), role, members }, 200);
  });

  app.openapi(renameGroup, (c) => {
    const { id } = c.req.valid('param');
    const { name, description } = c.req.valid('json');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runGroupCommand(deps, id, { type: 'RenameGroup', name, description, by: me.userId }, metadata),
      ({ state }, me) => c.json(groupFromState(state, me.userId), 200),
    );
  });

  app.openapi(addMember, (c) => {
    const { id } = c.req.valid('param');
    const { userId } = c.req.valid('json');
    return command(
      c,
      async ({ me, deps, metadata }) => {
        const target = await addTargetFacts(deps, me.userId, userId);
        return runGroupCommand(deps, id, { type: 'AddMember', userId, by: me.userId, target }, metadata);
      },
      () => c.body(null, 204),
    );
  });

  app.openapi(removeMember, (c) => {
    const { id, userId } = c.req.valid('param');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runGroupCommand(deps, id, { type: 'RemoveMember', userId, by: me.userId }, metadata),
      () => c.body(null, 204),
    );
  });

  app.openapi(promoteAdmin, (c) => {
    const { id } = c.req.valid('param');
    const { userId } = c.req.valid('json');
    return command(
      c,
      ({ me, deps, metadata }) =>
        runGroupCommand(deps, id, { type: 'PromoteAdmin', userId, by: me.userId }, metadata),
      () => c.body(null, 204),
    );
  });

  return app;
}

/** The answer to a command, from the state the command produced (the read model may not have it yet). */
const groupFromState = (state: GroupState, userId: string) => ({
  id: state.id,
  name: state.name,
  description: state.description,
  createdBy: state.createdBy,
  createdAt: iso(state.createdAt),
  memberCount: state.members.size,
  role: state.admins.has(userId) ? ('admin' as const) : ('member' as const),
});
