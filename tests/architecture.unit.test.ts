import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { violation } from '../eslint-rules/layers.js';

const root = path.resolve(import.meta.dirname, '..');
const at = (p: string) => path.join(root, p);

describe('the import rule', () => {
  it.each([
    ['src/platform/db/schema.ts', 'projections/users.ts', 'The platform knows no feature'],
    ['src/platform/http/openapi.ts', 'src/features/identity/schemas.ts', 'The platform knows no feature'],
    ['src/platform/http/context.ts', 'src/config.ts', 'The platform knows no feature'],
    ['projections/users.ts', 'src/features/identity/user.ts', "Projections read a feature's events only"],
    ['projections/users.ts', 'src/features/identity/index.ts', "Projections read a feature's events only"],
    ['src/features/messages/service.ts', 'src/features/connections/pair.ts', 'through its index.ts'],
    ['src/features/groups/routes.ts', 'src/app.ts', 'Only the composition root'],
    ['web/src/app/App.tsx', 'src/features/identity/index.ts', 'over HTTP only'],
    ['src/features/identity/service.ts', 'web/src/lib/http.ts', 'may not import the web app'],
  ])('refuses %s → %s', (from, to, why) => {
    expect(violation(at(from), at(to))).toContain(why);
  });

  it.each([
    ['src/app.ts', 'src/features/identity/index.ts'],
    ['src/features/messages/service.ts', 'src/features/connections/index.ts'],
    ['src/features/docs/yjs-server.ts', 'src/features/identity/events.ts'],
    ['src/features/groups/routes.ts', 'projections/groups.ts'],
    ['projections/connections.ts', 'src/features/connections/events.ts'],
    ['projections/matching.ts', 'src/platform/db/schema.ts'],
    ['src/features/identity/user.ts', 'src/features/identity/events.ts'],
    ['src/cli/admin.ts', 'src/server.ts'],
  ])('allows %s → %s', (from, to) => {
    expect(violation(at(from), at(to))).toBeNull();
  });

  it(
    'fires in the real lint configuration on a wrong arrow, type-only imports included',
    { timeout: 60_000 },
    async () => {
      // The repository's own configuration, minus type information (the fixture exists only in memory).
      const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
      const [result] = await eslint.lintText(
        "import type { GroupsTables } from '../../../projections/groups.ts';\nexport type T = GroupsTables;\n",
        { filePath: at('src/platform/db/bad-fixture.ts') },
      );
      const messages = result?.messages.filter((m) => m.ruleId === 'skillswap/layers') ?? [];
      expect(messages).toHaveLength(1);
      expect(messages[0]?.message).toContain('The platform knows no feature');
    },
  );
});
