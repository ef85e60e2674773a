/** The TODO scan's read from disk: a file's text, and nothing (at once) for a folder, a named pipe or a file over the limit. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDiskText } from '../../src/todo/diskText';
import { temporaryFolder } from '../support/temporaryFolder';

describe('the TODO scan reads a file from disk', () => {
  const root = temporaryFolder('lf-disk-text-');

  it('gives a file\'s text, and nothing for a folder or a file over the limit', async () => {
    writeFileSync(join(root, 'a.ts'), '// TODO: é\n');
    mkdirSync(join(root, 'folder'));
    assert.equal(await readDiskText(join(root, 'a.ts'), 100), '// TODO: é\n');
    assert.equal(await readDiskText(join(root, 'a.ts'), 5), undefined);
    assert.equal(await readDiskText(join(root, 'folder'), 100), undefined);
  });

  it('never opens a named pipe (the read is synchronous: it would hold the host until a writer came)', { skip: process.platform === 'win32' }, () => {
    const pipe = join(root, 'pipe.ts');
    execFileSync('mkfifo', [pipe]);
    // In a process of its own: a blocked synchronous read would stop this one's clock too.
    const module = JSON.stringify(join(import.meta.dirname, '../../src/todo/diskText.ts'));
    const script = `import(${module}).then(async (loaded) => console.log(String(await (loaded.readDiskText ?? loaded.default.readDiskText)(${JSON.stringify(pipe)}, 100))))`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(run.signal, null, 'the read returned');
    assert.equal(run.stdout.trim(), 'undefined');
  });
});
