import type { z } from '@hono/zod-openapi';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { docMessagePage, searchTerms } from '../../../projections/doc-messages.ts';
import { findGroup, groupsOf, membersOf, roleIn } from '../../../projections/groups.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { wrotePosition } from '../../platform/http/consistency.ts';
import { eventMetadata, type AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import type { GroupState } from './group.ts';
import {
  CreateGroupBody,
  DocMessagePage,
  GroupDetails,
  GroupIdParam,
  GroupList,
  GroupPatch,
  Group,
  MemberParam,
  MessagesQuery,
  UserIdBody,
} from './schemas.ts';
import { addTargetFacts, runGroupCommand } from './service.ts';

const tags = ['groups'];
const noContent = { 204: { description: 'Done' } };
const iso = (d: Date | string) => new Date(d).toISOString();

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

/** 404 for an unknown group, 403 for a non-member; the caller's role otherwise. */
async function requireMembership(db: Db, groupId: string, userId: string) {
  const [group, role] = await Promise.all([findGroup(db, groupId), roleIn(db, groupId, userId)]);
  if (!group) throw notFound('No group with this id.');
  if (!role) throw forbidden('Only members of this group can see it. Ask one of its admins to add you.');
  return { group, role };
}

async function messagePage(db: Db, doc: string, query: z.infer<typeof MessagesQuery>) {
  const terms = query.q ? searchTerms(query.q) : undefined;
  if (query.q && !terms)
    throw invalid('Search for at least one word of letters or digits.', [
      { path: 'q', message: 'Search for at least one word of letters or digits.' },
    ]);
  const page = await docMessagePage(db, { doc, limit: query.limit, before: query.before, query: terms });
  if (!page) throw notFound('The message given as `before` is not in this conversation.');
  return {
    hasMore: page.hasMore,
    messages: page.messages.map((m) => ({
      ...m,
      createdAt: iso(m.createdAt),
      editedAt: m.editedAt && iso(m.editedAt),
    })),
  };
}

/** Groups and the read side of the wall and group chats (API.md "Groups and the wall"). */
export function groupRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/groups',
      tags,
      request: { body: jsonBody(CreateGroupBody) },
      responses: { 201: jsonResponse(Group, 'The new group; you are its admin'), ...problems(401, 403, 422) },
    }),
    async (c) => {
      const me = requireUser(c);
      const { name, description = '' } = c.req.valid('json');
      const deps = c.get('deps');
      const groupId = deps.newId();
      const { state, position } = await runGroupCommand(
        deps,
        groupId,
        { type: 'CreateGroup', groupId, name, description, by: me.userId },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      c.header('Location', `/api/groups/${groupId}`);
      return c.json(groupFromState(state, me.userId), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups',
      tags,
      responses: { 200: jsonResponse(GroupList, 'The groups you belong to'), ...problems(401, 403) },
    }),
    async (c) => {
      const me = requireUser(c);
      const rows = await groupsOf(c.get('deps').db, me.userId);
      return c.json({ groups: rows.map((g) => ({ ...g, createdAt: iso(g.createdAt) })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups/{id}',
      tags,
      request: { params: GroupIdParam },
      responses: {
        200: jsonResponse(GroupDetails, 'The group and its members with their roles'),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const me = requireUser(c);
      const { id } = c.req.valid('param');
      const db = c.get('deps').db;
      const { group, role } = await requireMembership(db, id, me.userId);
      const members = await membersOf(db, id);
      return c.json(
        {
          ...group,
          createdAt: iso(group.createdAt),
          role,
          members: members.map((m) => ({
            user: { id: m.userId, displayName: m.displayName, avatarUrl: m.avatarUrl },
            role: m.role,
            joinedAt: iso(m.joinedAt),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/groups/{id}',
      tags,
      request: { params: GroupIdParam, body: jsonBody(GroupPatch) },
      responses: { 200: jsonResponse(Group, 'The renamed group'), ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const me = requireUser(c);
      const { id } = c.req.valid('param');
      const { name, description } = c.req.valid('json');
      const { state, position } = await runGroupCommand(
        c.get('deps'),
        id,
        { type: 'RenameGroup', name, description, by: me.userId },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.json(groupFromState(state, me.userId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/groups/{id}/members',
      tags,
      request: { params: GroupIdParam, body: jsonBody(UserIdBody) },
      responses: { ...noContent, ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const me = requireUser(c);
      const { id } = c.req.valid('param');
      const { userId } = c.req.valid('json');
      const deps = c.get('deps');
      const target = await addTargetFacts(deps, me.userId, userId);
      const { position } = await runGroupCommand(
        deps,
        id,
        { type: 'AddMember', userId, by: me.userId, target },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/groups/{id}/members/{userId}',
      tags,
      description: 'An admin removes a member; any member removes themselves to leave the group.',
      request: { params: MemberParam },
      responses: { ...noContent, ...problems(401, 403, 404, 422) },
    }),
    async (c) => {
      const me = requireUser(c);
      const { id, userId } = c.req.valid('param');
      const { position } = await runGroupCommand(
        c.get('deps'),
        id,
        { type: 'RemoveMember', userId, by: me.userId },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/groups/{id}/admins',
      tags,
      request: { params: GroupIdParam, body: jsonBody(UserIdBody) },
      responses: { ...noContent, ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const me = requireUser(c);
      const { id } = c.req.valid('param');
      const { userId } = c.req.valid('json');
      const { position } = await runGroupCommand(
        c.get('deps'),
        id,
        { type: 'PromoteAdmin', userId, by: me.userId },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups/{id}/messages',
      tags,
      request: { params: GroupIdParam, query: MessagesQuery },
      responses: {
        200: jsonResponse(DocMessagePage, 'Messages of the group chat, newest last'),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const me = requireUser(c);
      const { id } = c.req.valid('param');
      const db = c.get('deps').db;
      await requireMembership(db, id, me.userId);
      return c.json(await messagePage(db, `group-${id}`, c.req.valid('query')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wall',
      tags,
      request: { query: MessagesQuery },
      responses: {
        200: jsonResponse(DocMessagePage, 'Messages on the wall, newest last'),
        ...problems(401, 403, 404, 422),
      },
    }),
    async (c) => {
      requireUser(c);
      return c.json(await messagePage(c.get('deps').db, 'wall', c.req.valid('query')), 200);
    },
  );

  return app;
}
