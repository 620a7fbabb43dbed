import path from 'node:path';
import t from 'tap';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error -- a plain JS ESLint plugin without type declarations
import boundaries from '../boundaries.js';

/**
 * The boundaries rule on synthetic files of a fake repo root: each case names the importing
 * file and the import, and whether the rule must report it. Runs the rule through ESLint's own
 * Linter with the TypeScript parser, as `npm run lint` does.
 */
const root = '/repo';
const linter = new Linter({ configType: 'flat', cwd: root });

function lint(file: string, code: string): string[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { boundaries },
        rules: { 'boundaries/layers': ['error', { root, kernel: ['appliance/http'] }] },
      },
    ],
    path.join(root, file),
  );
  const other = messages.filter((m) => m.ruleId !== 'boundaries/layers');
  if (other.length > 0) throw new Error(`lint failed: ${other.map((m) => m.message).join('; ')}`);
  return messages.map((m) => m.message);
}

const cases: Array<{ file: string; code: string; reported: boolean; why: string }> = [
  {
    file: 'sip/stack.ts',
    code: "import { x } from '../appliance/app.js';",
    reported: true,
    why: 'sip -> appliance',
  },
  {
    file: 'media/engine/w.ts',
    code: "import { x } from '../../models/index.js';",
    reported: true,
    why: 'media -> models, even the door',
  },
  {
    file: 'models/stt/a.ts',
    code: "export * from '../../sip/index.js';",
    reported: true,
    why: 're-export across lower layers',
  },
  {
    file: 'models/stt/a.ts',
    code: "import { x } from '../audio/pcm.js';",
    reported: false,
    why: 'own layer',
  },
  {
    file: 'media/dsp/r.ts',
    code: "import { x } from '../../lib/index.js';",
    reported: false,
    why: 'the shared leaf',
  },
  {
    file: 'media/dsp/r.ts',
    code: "import { x } from '../../lib/audio/wav.js';",
    reported: true,
    why: 'the leaf has a door too',
  },
  {
    file: 'lib/audio/wav.ts',
    code: "import { x } from '../../media/index.js';",
    reported: true,
    why: 'the leaf imports nothing',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "import { x } from '../../sip/stack.js';",
    reported: true,
    why: 'internals of a layer',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "import { x } from '../../sip/index.js';",
    reported: false,
    why: 'public door',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "import { x } from '../knowledge/store.js';",
    reported: true,
    why: 'feature internals',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "import { x } from '../knowledge/index.js';",
    reported: false,
    why: 'feature door',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "import { x } from '../http/route.js';",
    reported: false,
    why: 'kernel folder',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "import { x } from '../errors.js';",
    reported: false,
    why: 'kernel file',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "const m = await import('../webhooks/outbox.js');",
    reported: true,
    why: 'dynamic import',
  },
  {
    file: 'appliance/calls/test/x.test.ts',
    code: "import { x } from '../../knowledge/store.js';",
    reported: false,
    why: 'tests reach internals',
  },
  {
    file: 'sip/test/x.test.ts',
    code: "import { x } from '../../appliance/app.js';",
    reported: true,
    why: 'tests keep the direction',
  },
  {
    file: 'appliance/calls/m.ts',
    code: "import { x } from 'koa';",
    reported: false,
    why: 'packages are not layers',
  },
];

for (const c of cases) {
  t.test(`${c.why}: ${c.file}`, async (t) => {
    const found = lint(c.file, c.code);
    t.equal(found.length > 0, c.reported, found.join('; ') || 'no report');
  });
}
