import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOMAIN = resolve(import.meta.dirname, '../../../src/domain');
/** Packages the domain may use: schemas and dates, nothing that speaks or chats. */
const PACKAGES = new Set(['zod', 'luxon']);

function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(pattern)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

describe('src/domain imports nothing outside itself', () => {
  const files = readdirSync(DOMAIN, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

  it('finds the domain files and their imports', () => {
    expect(files).toEqual(expect.arrayContaining(['comunicado.ts', 'errors.ts', 'form.ts', 'workflow.ts']));
    expect(importsOf("import { a } from './x.ts';\nimport type { B } from '../y.ts';\nexport { c } from 'zod';")).toEqual(['./x.ts', '../y.ts', 'zod']);
  });

  for (const file of files) {
    it(`${file}: relative imports stay in src/domain, packages are zod or luxon`, () => {
      const path = join(DOMAIN, file);
      for (const spec of importsOf(readFileSync(path, 'utf8'))) {
        if (spec.startsWith('.')) expect(resolve(path, '..', spec).startsWith(DOMAIN + '/'), `${file} imports ${spec}`).toBe(true);
        else expect(PACKAGES.has(spec.split('/')[0]!), `${file} imports package ${spec}`).toBe(true);
      }
    });
  }
});
