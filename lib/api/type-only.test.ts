import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const folder = path.dirname(new URL(import.meta.url).pathname);
const files = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

/** What a file of lib/api holds that is not a type: it would ship code to both sides. */
function runtimeStatements(name: string, text = readFileSync(path.join(folder, name), 'utf8')): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  return source.statements
    .filter((statement) => {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return false;
      if (ts.isImportDeclaration(statement)) return !statement.importClause?.isTypeOnly;
      if (ts.isExportDeclaration(statement)) return !statement.isTypeOnly;
      return true;
    })
    .map((statement) => `${name}: ${statement.getText(source).split('\n')[0]}`);
}

describe('lib/api', () => {
  it('holds the shapes of the HTTP API', () => {
    expect(files).toEqual(expect.arrayContaining(['changes.ts', 'errors.ts', 'session.ts', 'snapshot.ts']));
  });

  it('declares types only: both the server and the browser import it, neither gets code from it', () => {
    expect(files.flatMap((name) => runtimeStatements(name))).toEqual([]);
  });

  it('names each statement that is not a type (the check can fail)', () => {
    const text =
      "import type { A } from './a';\nimport { z } from 'zod';\nexport const b = z.string();\nexport type B = A;";
    expect(runtimeStatements('x.ts', text)).toEqual([
      "x.ts: import { z } from 'zod';",
      'x.ts: export const b = z.string();',
    ]);
  });
});
