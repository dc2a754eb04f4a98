import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/context.ts';
import { authRoutes, type AuthLimits } from './auth-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';
import { avatarRoutes } from './avatar.ts';
import { profileRoutes } from './profile-routes.ts';
import { recoveryRoutes, type RecoveryLimits } from './recovery-routes.ts';

export {
  registerUser,
  findUserIdByEmail,
  runUserCommand,
  loadUser,
  principalLookup,
  meView,
  eraseUser,
  checkPassword,
} from './service.ts';
export type { StaffCommand } from './user.decide.ts';
export {
  findPublicProfiles,
  type PublicProfileRow as PublicProfileData,
} from '../../../projections/users.ts';
export { Email, Password, ProfilePatch, PublicProfile } from './schemas.ts';
export type { AuthLimits } from './auth-routes.ts';
export type { RecoveryLimits } from './recovery-routes.ts';
export {
  ERASED_NAME,
  levels,
  roles,
  suspensionInForce,
  userEventTypes,
  userStream,
  type Level,
  type Skill,
} from './events.ts';
export { userAggregate } from './user.ts';

/** Identity and profile routes (docs/api.md, "Identity and profile"). */
export function identityRoutes(options: {
  dataDir: string;
  limits: AuthLimits;
  recoveryLimits: RecoveryLimits;
  /** The web app's public address, the base of links in account emails. */
  publicUrl: string;
}) {
  const app = new OpenAPIHono<AppEnv>();
  const mail = { publicUrl: options.publicUrl };
  app.route('/', authRoutes(options.limits, mail));
  app.route('/', recoveryRoutes(options.recoveryLimits, mail));
  app.route('/', profileRoutes());
  app.route('/', avatarRoutes(options.dataDir));
  app.route('/', signInRoutes());
  return app;
}
export { emailAggregate } from './email-reservation.ts';
