/** The tests' and the bench's temporary folders leave nothing behind once their process exits. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** Runs `script` in a new Node process (with tsx, as the tests run) and returns what it printed. */
function inNewProcess(script: string): string {
  const module = join(__dirname, '..', 'support', 'temporaryFolder.ts');
  const source = `const { temporaryFolder } = require(${JSON.stringify(module)}); ${script}`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--eval', source], { encoding: 'utf8' });
}

describe('a temporary folder', () => {
  it('is removed with what it holds when the process exits, as it exits through process.exit too', () => {
    const printed = inNewProcess(`
      const { mkdirSync, writeFileSync } = require('node:fs');
      const folders = [temporaryFolder('lf-gone-'), temporaryFolder('lf-gone-')];
      mkdirSync(folders[0] + '/deep/er', { recursive: true });
      writeFileSync(folders[0] + '/deep/er/file.ts', '// TODO');
      console.log(JSON.stringify(folders));
      process.exit(0);
    `);
    const folders = JSON.parse(printed) as string[];
    assert.equal(folders.length, 2);
    assert.notEqual(folders[0], folders[1]);
    for (const folder of folders) assert.equal(existsSync(folder), false, `${folder} is left behind`);
  });

  it('is there while the process runs', () => {
    assert.equal(inNewProcess(`console.log(require('node:fs').existsSync(temporaryFolder('lf-here-')))`).trim(), 'true');
  });
});
