import { readFile } from 'node:fs/promises';
import t from 'tap';
import { z } from 'zod';
import { generatedFile, generatedSource } from '../../scripts/api-types/generate.js';
import { schemaToTs } from '../../scripts/api-types/to-typescript.js';

const ts = (s: z.ZodType): string =>
  schemaToTs(z.toJSONSchema(s, { io: 'output', target: 'draft-2020-12' })).replace(/\s+/g, ' ');

t.test('JSON Schema from zod becomes the matching TypeScript type', async (t) => {
  t.equal(ts(z.object({ a: z.string(), b: z.number().optional() })), '{ a: string; b?: number; }');
  t.equal(ts(z.array(z.enum(['x', 'y']))), '("x" | "y")[]');
  t.equal(ts(z.string().nullable()), 'string | null');
  t.match(ts(z.record(z.string(), z.number())), /\[key: string\]: number/);
  t.equal(ts(z.union([z.literal('a'), z.object({ k: z.boolean() })])), '"a" | { k: boolean; }');
  t.equal(ts(z.tuple([z.string(), z.number()])), '[string, number]');
  t.equal(ts(z.array(z.string().or(z.number()))), '(string | number)[]');
});

t.test('the admin UI types are generated from the current OpenAPI document', async (t) => {
  const [committed, fresh] = await Promise.all([readFile(generatedFile, 'utf8'), generatedSource()]);
  t.ok(committed === fresh, 'admin/src/api/generated.ts is stale: run npm run gen:api-types');
  t.match(fresh, /getAgents: \{/, 'operations are listed by operationId');
});
