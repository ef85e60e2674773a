import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { filesWithTags, findRipgrep, ripgrepCandidates } from '../../src/todo/ripgrep';

/** The VS Code inside the e2e tooling's code-server, when it was installed on this machine. */
function cachedAppRoot(): string | undefined {
  const cache = join(homedir(), '.cache', 'lightfield-tasks-e2e');
  const codeServer = existsSync(cache) ? readdirSync(cache).find((name) => name.startsWith('code-server-')) : undefined;
  const appRoot = codeServer && join(cache, codeServer, 'node_modules', 'code-server', 'lib', 'vscode');
  return appRoot && existsSync(appRoot) ? appRoot : undefined;
}

describe('VS Code\'s ripgrep', () => {
  it('is looked for where VS Code builds keep it: packed, unpacked from asar, and per platform', () => {
    assert.deepEqual(ripgrepCandidates('/app', 'linux', 'x64'), [
      '/app/node_modules/@vscode/ripgrep/bin/rg',
      '/app/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg',
      '/app/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg',
      '/app/node_modules.asar.unpacked/@vscode/ripgrep-universal/bin/linux-x64/rg',
    ]);
    assert.ok(ripgrepCandidates('C:\\\\app', 'win32', 'x64').every((path) => path.endsWith('rg.exe')));
  });

  it('is not found where there is none (the scan then reads the files itself)', async () => {
    assert.equal(await findRipgrep(mkdtempSync(join(tmpdir(), 'no-vscode-'))), undefined);
  });

  // The real VS Code run proves the same in the extension (test/integration/todo.test.ts); here when the tooling is installed.
  const appRoot = cachedAppRoot();
  it('lists only files with a tag as a whole word, honouring every .gitignore and the excludes', { skip: appRoot ? false : 'code-server is not installed yet' }, async () => {
    const rg = await findRipgrep(appRoot as string);
    assert.ok(rg);
    const root = mkdtempSync(join(tmpdir(), 'rg-scan-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('a.ts', '// TODO: mine\n');
    write('b.ts', 'const TODOS = 1;\n');
    write('pkg/.gitignore', 'gen/\n');
    write('pkg/gen/c.ts', '// TODO: generated\n');
    write('node_modules/d/e.js', '// FIXME: a dependency\n');
    write('.config/f.ts', '// HACK: hidden folders count, as in VS Code\'s search\n');
    const found = await filesWithTags({ rg, folder: root, tags: ['TODO', 'FIXME', 'HACK'], exclude: ['**/node_modules'], limit: 100 });
    assert.deepEqual(found.map((path) => path.slice(root.length + 1)).sort(), ['.config/f.ts', 'a.ts']);
    const capped = await filesWithTags({ rg, folder: root, tags: ['TODO', 'HACK'], exclude: [], limit: 1 });
    assert.equal(capped.length, 1);
  });
});
