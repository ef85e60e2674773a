import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { filesWithTags, findRipgrep, ripgrepCandidates } from '../../src/todo/ripgrep';
import { temporaryFolder } from '../support/temporaryFolder';

/** The VS Code inside the e2e tooling's code-server, when it was installed on this machine. */
function cachedAppRoot(): string | undefined {
  const cache = join(homedir(), '.cache', 'lightfield-tasks-e2e');
  const codeServer = existsSync(cache) ? readdirSync(cache).find((name) => name.startsWith('code-server-')) : undefined;
  const appRoot = codeServer && join(cache, codeServer, 'node_modules', 'code-server', 'lib', 'vscode');
  return appRoot && existsSync(appRoot) ? appRoot : undefined;
}

/** A real ripgrep: VS Code's, once the e2e tooling is installed, else Debian's (which .ci/run installs). */
async function realRipgrep(): Promise<string | undefined> {
  const appRoot = cachedAppRoot();
  const vscodes = appRoot && (await findRipgrep(appRoot));
  return vscodes || (existsSync('/usr/bin/rg') ? '/usr/bin/rg' : undefined);
}

function folderWith(files: Record<string, string>): string {
  const root = temporaryFolder('rg-scan-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** `rg` as a user that root's permissions do not cover (nobody, through util-linux's setpriv), from a copy that user may run. */
function asUnprivileged(rg: string): string {
  if (process.getuid?.() !== 0) return rg;
  const bin = temporaryFolder('rg-bin-');
  chmodSync(bin, 0o755);
  copyFileSync(rg, join(bin, 'rg'));
  chmodSync(join(bin, 'rg'), 0o755);
  writeFileSync(join(bin, 'rg-as-nobody'), `#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups '${join(bin, 'rg')}' "$@"\n`, { mode: 0o755 });
  return join(bin, 'rg-as-nobody');
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
    assert.equal(await findRipgrep(temporaryFolder('no-vscode-')), undefined);
  });

  // The real VS Code run proves the same in the extension (test/integration/todo.test.ts).
  const rgAt = realRipgrep();
  it('lists only files with a tag as a whole word, honouring every .gitignore and the excludes', async (t) => {
    const rg = await rgAt;
    if (!rg) return t.skip('no ripgrep on this machine');
    const root = folderWith({
      'a.ts': '// TODO: mine\n',
      'b.ts': 'const TODOS = 1;\n',
      'pkg/.gitignore': 'gen/\n',
      'pkg/gen/c.ts': '// TODO: generated\n',
      'node_modules/d/e.js': '// FIXME: a dependency\n',
      '.config/f.ts': '// HACK: hidden folders count, as in VS Code\'s search\n',
    });
    const found = await filesWithTags({ rg, folder: root, tags: ['TODO', 'FIXME', 'HACK'], exclude: ['**/node_modules'], limit: 100 });
    assert.deepEqual(found.map((path) => path.slice(root.length + 1)).sort(), ['.config/f.ts', 'a.ts']);
    const capped = await filesWithTags({ rg, folder: root, tags: ['TODO', 'HACK'], exclude: [], limit: 1 });
    assert.equal(capped.length, 1);
  });

  it('lists the files it could read when a folder cannot be opened (ripgrep then exits with 2), and fails on an error it reports', async (t) => {
    const rg = await rgAt;
    if (!rg) return t.skip('no ripgrep on this machine');
    const root = folderWith({ 'a.ts': '// TODO: readable\n', 'locked/b.ts': '// TODO: in a folder no one may open\n' });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'locked'), 0o000);
    const found = await filesWithTags({ rg: asUnprivileged(rg), folder: root, tags: ['TODO'], exclude: [], limit: 100 });
    assert.deepEqual(found.map((path) => path.slice(root.length + 1)), ['a.ts']);
    await assert.rejects(filesWithTags({ rg, folder: root, tags: ['TODO'], exclude: ['{a,b'], limit: 100 }), /ripgrep exited with 2: .*glob/);
  });
});
