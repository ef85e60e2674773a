/**
 * The extension in a real VS Code against a Lightfield server that takes every
 * least kind reading of the docs at once (statuses as literals beside opaque
 * options, relationship filters refused, task IDs without a prefix, 10 requests a
 * second): the true count of each group, and a TODO turned into one task whose
 * reference resolves, the CodeLens naming the task.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TASK_STATUSES } from '../../src/api/domain';
import { storedStatus } from '../server/definitions';
import { DEFAULT_KEY, LEAST_KIND, type LightfieldServer, startLightfieldServer } from '../server/server';
import { api, signIn, signOut, waitFor } from './support';

describe('every least kind reading of the Lightfield docs at once, in a real VS Code', () => {
  let server: LightfieldServer;
  let original: string | undefined;
  const config = () => vscode.workspace.getConfiguration('lightfield');

  before(async () => {
    await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
    server = await startLightfieldServer({ tasks: 40, ...LEAST_KIND, seed: 7 });
    original = config().get<string>('baseUrl');
    await config().update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await waitFor('the session to follow the base URL', () => api().session.connection.includes(server.url));
    await signIn(DEFAULT_KEY);
    await vscode.commands.executeCommand('workbench.view.extension.lightfield');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut();
    await config().update('baseUrl', original, vscode.ConfigurationTarget.Global);
    await server.close();
  });

  it('shows the true count of each group', async () => {
    await waitFor('the groups', async () => (await api().view.refresh()) && api().store.groups().every((group) => group.totalCount !== undefined), 30_000);
    for (const group of api().store.groups()) {
      const expected = server.index.listed().filter((task) => task.fields.$status.value === storedStatus(server.definitions, 'literals', group.status)).length;
      assert.equal(group.totalCount, expected, group.status);
    }
    assert.deepEqual(api().store.groups().map((group) => group.status), [...TASK_STATUSES]);
  });

  it('turns a TODO into exactly one task whose bare-ID reference resolves: the CodeLens names the task', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const text = `least kind ${Date.now()}`;
    const uri = vscode.Uri.joinPath(folder.uri, `least-kind-${Date.now()}.ts`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`// TODO: ${text}\n`));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const before = server.index.size;
    const task = await vscode.commands.executeCommand<{ id: string }>('lightfield.createTaskFromTodo', uri, 0, { title: text, assignee: server.members[0].id, dueAt: null });
    assert.ok(task);
    assert.match(task.id, /^[0-9a-f]{24}$/, 'an ID without a prefix');
    assert.equal(server.index.size, before + 1, 'one task');
    assert.equal(editor.document.lineAt(0).text, `// TODO(${task.id}): ${text}`);
    const title = await waitFor('the CodeLens to name the task', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      return lenses.map((lens) => lens.command?.title ?? '').find((each) => each.includes(text));
    });
    assert.match(title, /To do|Open/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});
