import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Commands } from '../../src/constants';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string; category?: string }[] };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(dir, entry.name), 'utf8')] : [],
  );
}

/** Command constants named in a `registerCommand(Commands.x, ...)` call anywhere in `src/`. */
function registeredCommands(): Set<string> {
  const names = new Set<string>();
  for (const text of sources(join(root, 'src'))) {
    for (const match of text.matchAll(/registerCommand\(\s*Commands\.(\w+)/g)) {
      names.add(Commands[match[1] as keyof typeof Commands]);
    }
  }
  return names;
}

describe('manifest and code agree', () => {
  const declared = manifest.contributes.commands.map((command) => command.command).sort();
  const registered = [...registeredCommands()].sort();

  it('every declared command is registered, and every registered one declared', () => {
    assert.ok(declared.length > 0);
    assert.deepEqual(registered, declared);
    assert.deepEqual(Object.values(Commands).sort(), declared);
  });

  it('every command has a category and a localised title', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, '%command.category%', command.command);
      const key = /^%(.+)%$/.exec(command.title)?.[1];
      assert.ok(key && nls[key], `${command.command} title must come from package.nls.json`);
    }
  });
});
