import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findPublicProfiles } from '../../../projections/users.ts';
import { notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/auth.ts';
import { eventMetadata, type AppEnv } from '../../platform/http/context.ts';
import { wrotePosition } from '../../platform/http/consistency.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { Me, ProfilePatch, PublicProfile, SkillsBody } from './schemas.ts';
import { runUserCommand } from './service.ts';
import { defaultLevel } from './events.ts';
import { mergeLanguages, mergeSkills } from './skills.ts';

export function profileRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/me',
      tags: ['profile'],
      request: { body: jsonBody(ProfilePatch) },
      responses: { 200: jsonResponse(Me, 'The updated profile'), ...problems(400, 401, 403, 415, 422) },
    }),
    async (c) => {
      const session = requireUser(c);
      const { languages, ...rest } = c.req.valid('json');
      const changes = { ...rest, ...(languages && { languages: mergeLanguages(languages) }) };
      const { profile, position } = await runUserCommand(
        c.get('deps'),
        session.userId,
        { type: 'UpdateProfile', changes },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.json(profile, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/me/skills',
      tags: ['profile'],
      request: { body: jsonBody(SkillsBody) },
      responses: { 200: jsonResponse(Me, 'The updated profile'), ...problems(400, 401, 403, 415, 422) },
    }),
    async (c) => {
      const session = requireUser(c);
      const { teach, learn } = c.req.valid('json');
      const { profile, position } = await runUserCommand(
        c.get('deps'),
        session.userId,
        {
          type: 'ChangeSkills',
          teach: mergeSkills(teach, defaultLevel.teach),
          learn: mergeSkills(learn, defaultLevel.learn),
        },
        eventMetadata(c),
      );
      wrotePosition(c, position);
      return c.json(profile, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/users/{id}',
      tags: ['profile'],
      request: { params: z.object({ id: z.string().uuid('User ids are UUIDs.') }) },
      responses: { 200: jsonResponse(PublicProfile, 'A public profile (no email)'), ...problems(404, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const profile = (await findPublicProfiles(c.get('deps').db, [id])).get(id);
      if (!profile) throw notFound('No user with this id.');
      return c.json(profile, 200);
    },
  );

  return app;
}
