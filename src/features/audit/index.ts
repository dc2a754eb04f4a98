export { auditRoutes } from './routes.ts';
export type { Foldable, Folds } from './state.ts';
export { foldUpTo } from './state.ts';
export type { ReadModelRows } from './read-model.ts';
