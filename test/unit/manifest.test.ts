import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as constants from '../../src/constants';
import { Commands } from '../../src/constants';
import { MIN_REFRESH_SECONDS } from '../../src/tasks/refreshDelay';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { scope?: string }> };
  };
  capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] } };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(dir, entry.name), 'utf8')] : [],
  );
}

/** Commands registered anywhere in `src/`: by a `registerCommand(Commands.x, ...)` call, or in a list given to `registerCommandsOnFirstUse`. */
function registeredCommands(): Set<string> {
  const names = new Set<string>();
  for (const text of sources(join(root, 'src'))) {
    for (const match of text.matchAll(/registerCommand\(\s*Commands\.(\w+)/g)) {
      names.add(Commands[match[1] as keyof typeof Commands]);
    }
    for (const match of text.matchAll(/registerCommandsOnFirstUse\(\s*(\w+)/g)) {
      const group = (constants as Record<string, unknown>)[match[1]];
      assert.ok(Array.isArray(group), `${match[1]} is a list of commands in src/constants.ts`);
      for (const id of group as string[]) names.add(id);
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

describe('settings a workspace may not steer', () => {
  const settings = manifest.contributes.configuration.properties;
  const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
  /** Where requests go, how often, on whose behalf writes happen, and what is written into files. */
  const steering = [
    'lightfield.service',
    'lightfield.baseUrl',
    'lightfield.close.baseUrl',
    'lightfield.refreshInterval',
    'lightfield.pageSize',
    'lightfield.defaultAssignee',
    'lightfield.todo.tags',
    'lightfield.todo.referenceFormat',
    'lightfield.work.branchName',
    'lightfield.work.commitReference',
  ];
  /** Only how the user's own view looks. */
  const harmless = ['lightfield.statuses', 'lightfield.sortOrder', 'lightfield.groupBy', 'lightfield.statusBar.dueCount', 'lightfield.todo.codeLens'];

  it('every setting that steers traffic or writes ignores an untrusted workspace\'s value', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const loose = steering.filter((name) => !restricted.has(name) && !['machine', 'application'].includes(settings[name]?.scope ?? ''));
    assert.deepEqual(loose, [], 'neither restricted nor machine-scoped');
    assert.deepEqual(steering.filter((name) => !settings[name]), [], 'every setting named here exists');
  });

  it('every setting is classified, so a new one is a decision', () => {
    assert.deepEqual(Object.keys(settings).filter((name) => !steering.includes(name) && !harmless.includes(name)), []);
    assert.deepEqual([...restricted].filter((name) => !settings[name]), [], 'no restricted name refers to a setting that does not exist');
  });

  it('the refresh interval\'s description names the floor the scheduler keeps', () => {
    assert.match(nls['configuration.refreshInterval'], new RegExp(`never closer than ${MIN_REFRESH_SECONDS} seconds`));
  });
});
