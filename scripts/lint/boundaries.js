// @ts-check
/**
 * ESLint rule `boundaries/layers`: the layer and feature boundaries of ARCHITECTURE.md, enforced.
 *
 * - `sip/`, `media/` and `models/` never import `appliance/`, `admin/` or each other, only the
 *   shared leaf `lib/` below them (through `lib/index.ts`); `lib/` imports nothing of the project.
 * - Code outside a layer imports it only through its public door, `<layer>/index.ts`.
 * - Inside `appliance/`, a feature folder (one level below `appliance/`) is imported by other
 *   folders only through its `index.ts`; files directly in `appliance/` (context, errors, ids, log)
 *   and the folders named in the `kernel` option (HTTP route plumbing, auth primitives) are the
 *   service's shared kernel and importable file by file.
 * - Tests (`test/` folders) and scripts may reach internals of the unit they test, never across
 *   the lower layers' direction.
 *
 * Paths are resolved from the importing file, so `../../sip/stack.js` and `sip/stack.ts` are the
 * same target. Only relative imports are checked (packages are not layers).
 */
import path from 'node:path';

const LOWER = ['sip', 'media', 'models'];
const LEAF = 'lib';

/** @param {string} rel repo-relative path with forward slashes */
function unitOf(rel) {
  const parts = rel.split('/');
  const top = parts[0] ?? '';
  if (top === 'appliance') return parts.length > 2 ? `appliance/${parts[1]}` : 'appliance';
  return top;
}

const isTestPath = (rel) => /(^|\/)test\//.test(rel) || rel.startsWith('scripts/');

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'layer and feature boundaries (ARCHITECTURE.md)' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, kernel: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      lowerLayer:
        "'{{from}}' is in layer {{layer}}, which must not import {{target}} (layers point one way).",
      door: "import '{{target}}' through its public door {{door}}.",
    },
  },
  create(context) {
    const opts = context.options[0] ?? {};
    const root = opts.root ?? context.cwd;
    /** @type {string[]} folders of appliance/ that are shared service plumbing, importable as files */
    const kernel = opts.kernel ?? [];
    const file = context.filename;
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (rel.startsWith('..')) return {};
    const fromUnit = unitOf(rel);
    const fromTop = rel.split('/')[0] ?? '';
    const testish = isTestPath(rel);

    /** @param {import('estree').Node & { source?: any }} node */
    const check = (node) => {
      const src = node.source && typeof node.source.value === 'string' ? node.source.value : undefined;
      if (!src || !src.startsWith('.')) return;
      const abs = path.resolve(path.dirname(file), src).replace(/\.js$/, '.ts');
      const target = path.relative(root, abs).split(path.sep).join('/');
      const toTop = target.split('/')[0] ?? '';
      const toUnit = unitOf(target);
      if (toUnit === fromUnit) return;
      if (
        (LOWER.includes(fromTop) && toTop !== fromTop && toTop !== LEAF) ||
        (fromTop === LEAF && toTop !== LEAF)
      ) {
        context.report({ node, messageId: 'lowerLayer', data: { from: rel, layer: fromTop, target } });
        return;
      }
      if (testish && fromTop === toTop) return; // a layer's tests may reach its own internals
      if (toUnit === 'appliance') return; // the service's kernel files
      const door = `${toUnit}/index.ts`;
      if (target === door || target === `${toUnit}/index.tsx`) return;
      if (testish) return; // tests may reach internals to test them; they are not product code
      if (kernel.includes(toUnit)) return;
      context.report({ node, messageId: 'door', data: { target, door } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { layers } };
