import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'lightfield-tasks.lightfield-tasks';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { default?: unknown }> };
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string }[]>;
  };
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is installed`);
  return found;
}

describe('the extension in a real VS Code', () => {
  before(async () => {
    await extension().activate();
  });

  it('activates without error', () => {
    assert.equal(extension().isActive, true);
  });

  it('registers every command it declares, and declares every lightfield command it registers', async () => {
    const manifest = extension().packageJSON as Manifest;
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('lightfield.')).sort();
    assert.ok(declared.length > 0);
    // VS Code adds commands of its own for each view (focus, reset location, ...).
    const views = Object.values(manifest.contributes.views).flat().map((view) => `${view.id}.`);
    assert.deepEqual(
      registered.filter((id) => !views.some((prefix) => id.startsWith(prefix))),
      declared,
    );
  });

  it('contributes the Lightfield view container and its task tree', async () => {
    const manifest = extension().packageJSON as Manifest;
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), ['lightfield']);
    assert.ok(manifest.contributes.views.lightfield.some((view) => view.id === 'lightfield.tasks'));
    // VS Code generates these commands only for views and containers it has registered.
    await vscode.commands.executeCommand('workbench.view.extension.lightfield');
    await vscode.commands.executeCommand('lightfield.tasks.focus');
  });

  it('has the configuration defaults it declares', () => {
    const manifest = extension().packageJSON as Manifest;
    const configuration = vscode.workspace.getConfiguration();
    for (const [key, property] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.deepEqual(configuration.inspect(key)?.defaultValue, property.default, key);
    }
    assert.equal(configuration.inspect('lightfield.baseUrl')?.defaultValue, 'https://api.lightfield.app');
  });
});
