import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { fileTypeFromBuffer } from 'file-type';
import { bodyLimit } from 'hono/body-limit';
import { badRequest, notFound, payloadTooLarge, unsupportedMediaType } from '../../platform/errors.ts';
import { command } from '../../platform/http/command-route.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { jsonResponse, problems } from '../../platform/http/openapi.ts';
import { runUserCommand } from './service.ts';

export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;
const types: Record<string, { ext: string; label: string }> = {
  'image/png': { ext: 'png', label: 'PNG' },
  'image/jpeg': { ext: 'jpg', label: 'JPEG' },
  'image/webp': { ext: 'webp', label: 'WebP' },
};
const contentTypeOfExt = Object.fromEntries(Object.entries(types).map(([mime, t]) => [t.ext, mime]));
const FILE_NAME = /^[a-f0-9]{64}\.(png|jpg|webp)$/;

const binary = z.string().openapi({ format: 'binary' });
const uploadAvatar = createRoute({
  method: 'put',
  path: '/api/me/avatar',
  tags: ['profile'],
  request: {
    body: {
      required: true,
      content: {
        'image/png': { schema: binary },
        'image/jpeg': { schema: binary },
        'image/webp': { schema: binary },
      },
    },
  },
  responses: {
    200: jsonResponse(z.object({ avatarUrl: z.string() }), 'Stored'),
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

/**
 * Avatars are checked by their bytes (file-type), stored content-addressed under DATA_DIR/avatars, and
 * served with a year-long immutable cache: a new picture gets a new URL.
 */
export function avatarRoutes(dataDir: string) {
  const dir = path.join(dataDir, 'avatars');
  const app = new OpenAPIHono<AppEnv>();

  app.use(
    '/api/me/avatar',
    bodyLimit({
      maxSize: MAX_AVATAR_BYTES,
      onError: () => {
        throw payloadTooLarge('Avatars may be at most 2 MB. Choose a smaller image.');
      },
    }),
  );

  app.openapi(uploadAvatar, (c) =>
    command(
      c,
      async ({ me, deps, metadata }) => {
        const declared = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        const type = types[declared];
        if (!type)
          throw unsupportedMediaType(
            'Upload a PNG, JPEG or WebP image (Content-Type image/png, image/jpeg or image/webp).',
          );
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.length === 0)
          throw badRequest('The upload is empty. Send the image bytes as the request body.');
        const detected = await fileTypeFromBuffer(bytes);
        if (detected?.mime !== declared) {
          throw unsupportedMediaType(
            `The file is not a valid ${type.label} image. Upload a PNG, JPEG or WebP picture.`,
          );
        }
        const name = `${createHash('sha256').update(bytes).digest('hex')}.${type.ext}`;
        await storeOnce(dir, name, bytes);
        const avatarUrl = `/media/avatars/${name}`;
        const change = {
          type: 'ChangeAvatar',
          avatarUrl,
          contentType: declared,
          bytes: bytes.length,
        } as const;
        const { position } = await runUserCommand(deps, me.userId, change, metadata);
        return { position, avatarUrl };
      },
      ({ avatarUrl }) => c.json({ avatarUrl }, 200),
    ),
  );

  app.get('/media/avatars/:file', async (c) => {
    const file = c.req.param('file');
    if (!FILE_NAME.test(file)) throw notFound('No such image.');
    const bytes = await readFile(path.join(dir, file)).catch(() => undefined);
    if (!bytes) throw notFound('No such image.');
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': contentTypeOfExt[file.split('.')[1]!]!,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
    });
  });

  return app;
}

/** Writes via a temporary file and rename, so a crash never leaves a half-written image under its name. */
async function storeOnce(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const target = path.join(dir, name);
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  )
    return;
  await mkdir(dir, { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, target);
}
