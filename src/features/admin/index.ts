export { adminRoutes } from './routes.ts';
export { suspend as suspendAccount } from './accounts.ts';
