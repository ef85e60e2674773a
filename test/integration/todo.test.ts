import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { api, server, signIn, signOut, waitFor } from './support';
import type { TodoFileNode, TodoNode } from '../../src/todo/todoView';


interface WireTask {
  id: string;
  fields: Record<string, { value: unknown }>;
}

/** Every task on the server with this title (read fresh, one by one, past the lagging index). */
async function tasksTitled(title: string): Promise<WireTask[]> {
  const found: WireTask[] = [];
  for (let offset = 0; ; offset += 25) {
    const page = await server<{ data: WireTask[] }>('GET', `/v1/tasks?limit=25&offset=${offset}`);
    found.push(...page.data.filter((task) => task.fields.$title.value === title));
    if (page.data.length < 25) return found;
  }
}

function workspaceFile(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run in a workspace');
  return vscode.Uri.joinPath(folder.uri, path);
}

/** Writes a file into the workspace, as another program would. */
function write(path: string, text: string): Thenable<void> {
  return vscode.workspace.fs.writeFile(workspaceFile(path), new TextEncoder().encode(text));
}

let fileCount = 0;
async function openSource(text: string, extension = 'ts'): Promise<vscode.TextEditor> {
  const uri = workspaceFile(`todo-test-${Date.now()}-${fileCount++}.${extension}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

async function actionTitles(document: vscode.TextDocument, line: number): Promise<string[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(line, 0, line, 0));
  return actions.map((action) => action.title);
}

describe('TODO comments in a real VS Code', () => {
  let assignee: string;

  before(async () => {
    await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
    await signIn();
    assignee = (await server<{ data: { id: string }[] }>('GET', '/v1/members?limit=1')).data[0].id;
  });

  afterEach(async () => {
    await server('DELETE', '/_test/faults');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  after(async () => {
    await signOut();
  });

  it('lists the workspace\'s untracked TODOs (not git-ignored ones) and drops one once it has a task', async () => {
    await write('.gitignore', 'ignored/\n');
    await write('ignored/skip.ts', '// TODO: never listed\n');
    await write('listed.py', 'x = 1  # FIXME: listed in the view\n');
    const view = api().todoView;
    const listed = async () => {
      const entries: [string, string][] = [];
      for (const file of (await view.getChildren()) as TodoFileNode[]) {
        for (const todo of (await view.getChildren(file)) as TodoNode[]) entries.push([vscode.workspace.asRelativePath(file.uri, false), todo.todo.text]);
      }
      return entries;
    };
    // The view may have scanned before these files existed; its watcher catches up.
    const before = await waitFor('listed.py in the view', async () => {
      const entries = await listed();
      return entries.some(([path, text]) => path === 'listed.py' && text === 'listed in the view') && entries;
    });
    assert.ok(before.some(([path]) => path === 'app.ts'));
    assert.ok(!before.some(([path]) => path.startsWith('ignored/')));
    const document = await vscode.workspace.openTextDocument(workspaceFile('listed.py'));
    await vscode.window.showTextDocument(document);
    const task = await vscode.commands.executeCommand<{ id: string }>('lightfield.createTaskFromTodo', document.uri, 0, { title: 'From the TODO view', assignee, dueAt: null });
    assert.ok(task);
    await waitFor('the TODO to leave the view', async () => !(await listed()).some(([path]) => path === 'listed.py'));
  });

  it('scans with VS Code\'s ripgrep: a nested .gitignore and search.exclude (node_modules) keep files out', async () => {
    await write('pkg/.gitignore', 'generated/\n');
    await write('pkg/generated/out.ts', '// TODO: generated, never listed\n');
    await write('node_modules/dep/index.js', '// TODO: a dependency, never listed\n');
    await write('pkg/own.ts', '// TODO: my own, listed\n');
    const view = api().todoView;
    view.rescan();
    const listed = async () => {
      const paths: string[] = [];
      for (const file of (await view.getChildren()) as TodoFileNode[]) paths.push(vscode.workspace.asRelativePath(file.uri, false));
      return paths;
    };
    const paths = await listed();
    assert.ok(paths.includes('pkg/own.ts'), paths.join(', '));
    assert.ok(!paths.some((path) => path.startsWith('pkg/generated/') || path.startsWith('node_modules/')), paths.join(', '));
    // Files that change after the scan come through the file watcher: the same rules keep them out.
    await write('node_modules/dep/later.js', '// TODO: a dependency, changed later\n');
    await write('pkg/generated/later.ts', '// TODO: generated later\n');
    await write('pkg/later.ts', '// TODO: mine, written later\n');
    const later = await waitFor('the watcher to report the later files', async () => {
      const now = await listed();
      return now.includes('pkg/later.ts') && now;
    });
    // The watcher reported the batch; give its other two a moment more in case they came last.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const settled = await listed();
    for (const paths of [later, settled]) assert.ok(!paths.some((path) => path.startsWith('pkg/generated/') || path.startsWith('node_modules/')), paths.join(', '));
  });

  it('answers from the latest scan when a rescan is asked for while one runs (a .gitignore written meanwhile, say)', async () => {
    const view = api().todoView;
    view.rescan();
    const answer = view.getChildren();
    view.rescan();
    const paths = ((await answer) as TodoFileNode[]).map((file) => vscode.workspace.asRelativePath(file.uri, false));
    assert.ok(paths.includes('pkg/own.ts'), `listed: ${paths.join(', ') || 'nothing'}`);
  });

  it('reads an open document\'s unsaved text when it scans, not the file on disk', async () => {
    const editor = await openSource('// TODO: as saved on disk\n');
    await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, 1, 0), '// TODO: unsaved in the editor\n'));
    const view = api().todoView;
    view.rescan();
    const file = ((await view.getChildren()) as TodoFileNode[]).find((each) => each.uri.toString() === editor.document.uri.toString());
    assert.ok(file, 'the open file is listed');
    assert.deepEqual(((await view.getChildren(file)) as TodoNode[]).map((node) => node.todo.text), ['unsaved in the editor']);
  });

  it('reads again in a rescan only the files whose stat changed, and always those that name something in parentheses', async () => {
    // Under unwatched/ (files.watcherExclude, set by the runner) only a scan sees a change: the watcher would read the file at once.
    const plain = workspaceFile('unwatched/plain.ts').fsPath;
    const named = workspaceFile('unwatched/named.ts').fsPath;
    mkdirSync(dirname(plain), { recursive: true });
    const minuteAgo = new Date(Date.now() - 60_000);
    const put = (path: string, text: string, time = minuteAgo) => {
      writeFileSync(path, text);
      utimesSync(path, time, time);
    };
    const view = api().todoView;
    const textsAfterRescan = async () => {
      view.rescan();
      const texts: Record<string, string[]> = {};
      for (const file of (await view.getChildren()) as TodoFileNode[]) {
        if (file.uri.path.includes('/unwatched/')) texts[file.uri.path.slice(file.uri.path.lastIndexOf('/') + 1)] = ((await view.getChildren(file)) as TodoNode[]).map((node) => node.todo.text);
      }
      return texts;
    };
    put(plain, '// TODO: first text\n');
    put(named, '// TODO(alice): first text\n');
    assert.deepEqual(await textsAfterRescan(), { 'named.ts': ['(alice): first text'], 'plain.ts': ['first text'] });
    // The same size and time: as git's index does, the scan takes the file as unchanged. Whether alice is a task ID may
    // change as the service's ID shape is learned, so that file is read every time.
    put(plain, '// TODO: other text\n');
    put(named, '// TODO(alice): other text\n');
    assert.deepEqual(await textsAfterRescan(), { 'named.ts': ['(alice): other text'], 'plain.ts': ['first text'] });
    put(plain, '// TODO: other text\n', new Date(minuteAgo.getTime() + 1_000));
    assert.deepEqual(await textsAfterRescan(), { 'named.ts': ['(alice): other text'], 'plain.ts': ['other text'] });
  });

  it('offers the quick fix on a TODO line, and not on code', async () => {
    // Go, which the window has no language service for: TypeScript's code actions, asked for beside ours, can be cancelled while its server loads the new file.
    const editor = await openSource('const a = 1\n// TODO: offer me a quick fix\nconst s = "TODO: not a comment"\n', 'go');
    assert.ok((await actionTitles(editor.document, 1)).includes('Create Lightfield task'));
    assert.ok(!(await actionTitles(editor.document, 0)).includes('Create Lightfield task'));
    assert.ok(!(await actionTitles(editor.document, 2)).includes('Create Lightfield task'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
    assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.title]), [[1, '$(add) Create Lightfield task']]);
  });

  it('creates exactly one task even when the first answer is lost, rewrites the comment, and undo restores it', async () => {
    const text = `ship the thing ${Date.now()}`;
    const editor = await openSource(`function f() {\n  return 1; // TODO: ${text}\n}\n`);
    await server('POST', '/_test/faults', { kind: 'drop-after', method: 'POST', path: '^/v1/tasks$' });
    const uri = editor.document.uri;
    // Two invocations at once, as a double click would make.
    const [first, second] = await Promise.all([
      vscode.commands.executeCommand<{ id: string } | undefined>('lightfield.createTaskFromTodo', uri, 1, { title: text, assignee, dueAt: null }),
      vscode.commands.executeCommand<{ id: string } | undefined>('lightfield.createTaskFromTodo', uri, 1, { title: text, assignee, dueAt: null }),
    ]);
    const created = await tasksTitled(text);
    assert.equal(created.length, 1, 'exactly one task on the server');
    assert.ok(first && second);
    assert.equal(first.id, created[0].id);
    assert.equal(second.id, created[0].id);
    assert.equal(editor.document.lineAt(1).text, `  return 1; // TODO(${created[0].id}): ${text}`);
    const description = created[0].fields.$description.value as string;
    assert.match(description, /todo-test-.*\.ts`, line 2/);
    assert.match(description, /```typescript\nfunction f\(\) \{/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(1).text, `  return 1; // TODO: ${text}`);
    // The same TODO again, with another title: another intent, so another task (an idempotency key names one payload).
    const again = await vscode.commands.executeCommand<{ id: string } | undefined>('lightfield.createTaskFromTodo', uri, 1, { title: `${text} (again)`, assignee, dueAt: null });
    assert.ok(again);
    assert.notEqual(again.id, created[0].id);
    assert.equal((await tasksTitled(`${text} (again)`)).length, 1);
  });

  it('leaves the file untouched when the create fails', async () => {
    const editor = await openSource('// FIXME: this create will fail\n');
    const before = editor.document.getText();
    await server('POST', '/_test/faults', { kind: 'status', status: 422, method: 'POST', path: '^/v1/tasks$' });
    const result = await vscode.commands.executeCommand('lightfield.createTaskFromTodo', editor.document.uri, 0, { title: 'will fail', assignee, dueAt: null });
    assert.equal(result, undefined);
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.isDirty, false);
  });

  it('hints at a TODO whose task is complete, with a quick fix that removes the comment', async () => {
    const text = `finish me ${Date.now()}`;
    const editor = await openSource(`const x = 1;\n// HACK: ${text}\nconst y = 2;\n`);
    const task = await vscode.commands.executeCommand<{ id: string }>('lightfield.createTaskFromTodo', editor.document.uri, 1, { title: text, assignee, dueAt: null });
    assert.ok(task);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(1, 4));
    const hoverText = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ');
    assert.match(hoverText, new RegExp(text));
    assert.match(hoverText, /To do/);
    await api().store.setStatus(task.id, 'COMPLETE');
    const diagnostic = await waitFor('the hint diagnostic', () =>
      vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'lightfield.taskDone'),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Hint);
    assert.equal(diagnostic.range.start.line, 1);
    assert.match(diagnostic.message, /is complete: remove this TODO\?/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
    const remove = actions.find((action) => action.title === 'Remove this TODO comment');
    assert.ok(remove?.edit);
    await vscode.workspace.applyEdit(remove.edit);
    assert.equal(editor.document.getText(), 'const x = 1;\nconst y = 2;\n');
  });

  it('hints at a TODO whose task was deleted, with a quick fix that removes the reference and keeps the comment', async () => {
    const text = `drop me ${Date.now()}`;
    const editor = await openSource(`// TODO: ${text}\n`);
    const task = await vscode.commands.executeCommand<{ id: string }>('lightfield.createTaskFromTodo', editor.document.uri, 0, { title: text, assignee, dueAt: null });
    assert.ok(task);
    assert.equal(editor.document.lineAt(0).text, `// TODO(${task.id}): ${text}`);
    await api().store.delete(task.id);
    // Another look at the comment asks the service, which no longer has the task.
    await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 4));
    const diagnostic = await waitFor('the hint diagnostic', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'lightfield.taskGone'));
    assert.match(diagnostic.message, new RegExp(`no longer has task ${task.id}`));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
    const remove = actions.find((action) => action.title === 'Remove the task reference');
    assert.ok(remove?.edit);
    await vscode.workspace.applyEdit(remove.edit);
    assert.equal(editor.document.getText(), `// TODO: ${text}\n`);
  });
});
