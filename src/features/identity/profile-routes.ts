import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findPublicProfiles } from '../../../projections/users.ts';
import { notFound } from '../../platform/errors.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonBody, jsonResponse, problems } from '../../platform/http/openapi.ts';
import { validationHook } from '../../platform/http/problem.ts';
import { Me, ProfilePatch, PublicProfile, SkillsBody } from './schemas.ts';
import { runUserCommand } from './service.ts';
import { defaultLevel } from './events.ts';
import { mergeLanguages, mergeSkills } from './skills.ts';

const tags = ['profile'];

const updateProfile = createRoute({
  method: 'patch',
  path: '/api/me',
  tags,
  request: { body: jsonBody(ProfilePatch) },
  responses: { 200: jsonResponse(Me, 'The updated profile'), ...problems(400, 401, 403, 409, 415, 422) },
});
const changeSkills = createRoute({
  method: 'put',
  path: '/api/me/skills',
  tags,
  request: { body: jsonBody(SkillsBody) },
  responses: { 200: jsonResponse(Me, 'The updated profile'), ...problems(400, 401, 403, 409, 415, 422) },
});
const publicProfile = createRoute({
  method: 'get',
  path: '/api/users/{id}',
  tags,
  request: { params: z.object({ id: z.string().uuid('User ids are UUIDs.') }) },
  responses: { 200: jsonResponse(PublicProfile, 'A public profile (no email)'), ...problems(404, 422) },
});

/** One's own profile and skills, and anyone's public profile (docs/api.md, "Identity and profile"). */
export function profileRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(updateProfile, (c) => {
    const { languages, ...rest } = c.req.valid('json');
    const changes = { ...rest, ...(languages && { languages: mergeLanguages(languages) }) };
    return command(
      c,
      ({ me, deps, metadata }) =>
        runUserCommand(deps, me.userId, { type: 'UpdateProfile', changes }, metadata),
      ({ me }) => c.json(me, 200),
    );
  });

  app.openapi(changeSkills, (c) => {
    const { teach, learn } = c.req.valid('json');
    const skills = {
      type: 'ChangeSkills',
      teach: mergeSkills(teach, defaultLevel.teach),
      learn: mergeSkills(learn, defaultLevel.learn),
    } as const;
    return command(
      c,
      ({ me, deps, metadata }) => runUserCommand(deps, me.userId, skills, metadata),
      ({ me }) => c.json(me, 200),
    );
  });

  app.openapi(publicProfile, async (c) => {
    const { id } = c.req.valid('param');
    const profile = (await findPublicProfiles(c.get('deps').db, [id])).get(id);
    if (!profile) throw notFound('No user with this id.');
    return c.json(profile, 200);
  });

  return app;
}
