import type { Rule } from 'eslint';

/** Why `from` may not import `to` (absolute paths), or null when it may. */
export function violation(from: string, to: string): string | null;
export function classify(file: string): { layer: string; feature?: string; rest?: string };
export const layersRule: Rule.RuleModule;
declare const plugin: { rules: { layers: Rule.RuleModule } };
export default plugin;
