import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  Email,
  findUserIdByEmail,
  Password,
  registerUser,
  roles,
  runUserCommand,
} from '../features/identity/index.ts';
import { createAnalyst } from '../../projections/analytics.ts';
import { loadConfig } from '../config.ts';
import type { EventMetadata } from '../platform/event-store/port.ts';
import { createLogger } from '../platform/logger.ts';
import { openPlatform } from '../server.ts';

const usage = `Usage: npm run admin -- <command>
  create-super-admin --email E --password P [--name N]
      Creates the account with the super_admin role, or promotes an existing account with that email.
  set-role --email E --role user|moderator|admin|super_admin
  create-analyst --name N --password P
      Creates a Postgres login role that reads the analytics views and nothing else (needs DATABASE_URL
      and a database user allowed to create roles). docs/analytics.md.
In embedded mode (no DATABASE_URL) stop the app first: PGlite allows one process per DATA_DIR.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
  },
});
const command = positionals[0];
const fail = (message: string): never => {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
};
if (command === 'create-analyst') {
  await createAnalystCommand();
  process.exit();
}
if (command !== 'create-super-admin' && command !== 'set-role') fail('Unknown command.');
const email = Email.safeParse(values.email ?? '').data ?? fail('--email must be a valid email address.');

const config = loadConfig();
const platform = await openPlatform(config, createLogger('warn'));
const deps = platform.deps;
// Changes made here are events like any other, attributed to the system and visible in the audit log.
const metadata = (): EventMetadata => ({
  actorId: null,
  actorRole: 'system',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
  userAgent: 'skillswap-admin-cli',
});
try {
  const existing = await findUserIdByEmail(deps, email);
  if (command === 'create-super-admin' && !existing) {
    const password =
      Password.safeParse(values.password ?? '').data ?? fail('--password must be at least 10 characters.');
    const { profile } = await registerUser(
      deps,
      { email, password, displayName: values.name ?? 'Administrator', role: 'super_admin' },
      metadata(),
    );
    console.log(`Created super admin ${profile.email} (${profile.id}).`);
  } else {
    const role = command === 'create-super-admin' ? 'super_admin' : z.enum(roles).safeParse(values.role).data;
    if (!role) fail(`--role must be one of ${roles.join(', ')}.`);
    if (!existing) fail(`No account with the email ${email}.`);
    await runUserCommand(deps, existing!, { type: 'ChangeRole', role: role! }, metadata());
    console.log(`${email} now has the role ${role!}.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await platform.close();
}

async function createAnalystCommand() {
  const config = loadConfig();
  if (!config.databaseUrl)
    fail(
      'create-analyst needs DATABASE_URL: PGlite takes no logins. Use `npm run analytics -- "<SQL>"` instead.',
    );
  const platform = await openPlatform(config, createLogger('warn'));
  try {
    await createAnalyst(platform.deps.db, values.name ?? '', values.password ?? '');
    console.log(`Created the analyst role ${values.name}: it reads the analytics schema and nothing else.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await platform.close();
  }
}
