// @ts-check
/**
 * `skillswap/layers`: imports point one way, web → (HTTP) → features → projections → platform, and a
 * feature is entered only through its doors. docs/architecture.md explains the rule; this file enforces it.
 *
 * Doors of a feature (`src/features/<name>/`):
 * - `index.ts`: everything the composition root, CLIs and other features use (routes, services, helpers);
 * - `events.ts`: its published events and the meaning of their data. Projections may use only this door,
 *   which keeps the read side free of routes and import cycles.
 *
 * Type-only imports and re-exports count as imports.
 */
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** @param {string} file an absolute path @returns {{ layer: string, feature?: string, rest?: string }} */
export function classify(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  if (rel.startsWith('web/')) return { layer: 'web' };
  if (rel.startsWith('src/platform/')) return { layer: 'platform' };
  if (rel.startsWith('projections/')) return { layer: 'projections' };
  const feature = /^src\/features\/([^/]+)\/(.+)$/.exec(rel);
  if (feature) return { layer: 'feature', feature: feature[1], rest: feature[2] };
  if (rel.startsWith('src/')) return { layer: 'root' };
  return { layer: 'outside' };
}

const DOORS = new Set(['index.ts', 'events.ts']);

/**
 * Why `from` may not import `to`, or null when it may.
 * @param {string} from absolute path of the importing file
 * @param {string} to absolute path of the imported file
 * @returns {string | null}
 */
export function violation(from, to) {
  const a = classify(from);
  const b = classify(to);
  if (a.layer === 'outside') return null;
  // Tests beside the code may use the test support in tests/.
  if (b.layer === 'outside' && /\.test\.tsx?$/.test(from)) return null;
  if (b.layer === 'outside') return `${a.layer} code may not import tests, benchmarks or tooling.`;
  if (a.layer === 'web') return b.layer === 'web' ? null : 'The web app talks to the server over HTTP only.';
  if (b.layer === 'web') return 'Server code may not import the web app.';
  if (a.layer === 'platform') {
    return b.layer === 'platform' ? null : 'The platform knows no feature, read model or app wiring.';
  }
  if (b.layer === 'root') {
    return a.layer === 'root' ? null : 'Only the composition root imports the composition root.';
  }
  if (a.layer === 'projections') {
    if (b.layer === 'feature' && b.rest !== 'events.ts')
      return `Projections read a feature's events only: import "features/${b.feature}/events.ts".`;
    return null;
  }
  if (b.layer === 'feature' && a.feature !== b.feature && !DOORS.has(b.rest ?? '')) {
    return `Enter the ${b.feature} feature through its index.ts (or events.ts for its events), not ${b.rest}.`;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point one way and enter a feature through its doors.' },
    messages: { wrongArrow: '{{why}} (docs/architecture.md, "The import rule")' },
    schema: [],
  },
  create(context) {
    /** @param {any} node */
    function check(node) {
      const source = node.source;
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source.value);
      const why = violation(context.filename, target);
      if (why) context.report({ node: source, messageId: 'wrongArrow', data: { why } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { layers: layersRule } };
