export { privacyRoutes } from './routes.ts';
export { erasureRoutes } from './erase-routes.ts';
export { eraseAccount, reapplyErasures, erasureListFile, type ErasureReceipt } from './erase.ts';
