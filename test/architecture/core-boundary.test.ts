import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC_MAIN = join(__dirname, '..', '..', 'src-main');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1] as string);
}

/** Modules a file loads at run time; `import type` lines are erased by the compiler and not counted. */
function runtimeImportsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from ['"]([^'"]+)['"]/gm)].map((match) => match[1] as string);
}

describe('core boundary', () => {
  it('keeps electron out of everything but the shell and preload', () => {
    const offenders = ['core', 'recorder', 'control', 'cli', 'contract']
      .flatMap((folder) => sourceFiles(join(SRC_MAIN, folder)))
      .filter((file) => importsOf(file).some((name) => name === 'electron' || name.startsWith('electron/')))
      .map((file) => relative(SRC_MAIN, file));

    expect(offenders).toEqual([]);
  });

  it('keeps better-sqlite3 inside the recorder', () => {
    const offenders = sourceFiles(SRC_MAIN)
      .filter((file) => !file.startsWith(join(SRC_MAIN, 'recorder')))
      .filter((file) => runtimeImportsOf(file).includes('better-sqlite3'))
      .map((file) => relative(SRC_MAIN, file));

    expect(offenders).toEqual([]);
  });

  it('keeps the contract free of runtime imports', () => {
    const runtimeImports = sourceFiles(join(SRC_MAIN, 'contract'))
      .flatMap(runtimeImportsOf)
      .filter((name) => !name.startsWith('./'));

    expect(runtimeImports).toEqual([]);
  });
});
