/**
 * Working on a task in a real VS Code: start it (In progress, a branch through
 * VS Code's Git extension), the status bar, the commit message's reference, a
 * commit, finish (complete, and back to the branch it started from), and the
 * task of a branch active again when it is checked out. First without Git.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ServiceId } from '../../src/api/domain';
import { dueBucket } from '../../src/tasks/grouping';
import { StatusGroupNode, type TaskNode } from '../../src/tasks/taskTree';
import { branchName, DEFAULT_BRANCH_TEMPLATE } from '../../src/work/branchName';
import { api, closeServer, inWorkbench, KEYS, server, signIn, signOut, useService, waitFor } from './support';

interface TestRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: { readonly HEAD: { name?: string } | undefined };
  add(paths: string[]): Promise<void>;
  commit(message: string): Promise<void>;
  checkout(treeish: string): Promise<void>;
}

const STATUS_BAR_ITEM = '.statusbar-item[id$="lightfield.activeTask"]';
const QUICK_PICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();
}

function openTask(): TaskNode {
  const node = api().view.tree.getChildren(new StatusGroupNode('TODO')).find((each): each is TaskNode => each.kind === 'task' && each.taskId !== api().work.active?.id);
  assert.ok(node, 'a task to do');
  return node;
}

/** Runs a command that asks in a quick pick, answering with the row whose text matches `row`. */
async function answering(command: Thenable<unknown>, row: RegExp): Promise<void> {
  const rows = await inWorkbench(QUICK_PICK_ROWS);
  assert.ok(rows, 'the question shows');
  const texts = (await inWorkbench('.quick-input-widget .quick-input-list')).split('\n');
  const index = texts.findIndex((text) => row.test(text));
  assert.ok(index >= 0, `a row matches ${row}: ${texts.join(' | ')}`);
  for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  await command;
}

async function statusOf(service: ServiceId, taskId: string): Promise<string> {
  if (service === 'close') return (await closeServer<{ is_complete: boolean }>('GET', `/task/${taskId}/`)).is_complete ? 'COMPLETE' : 'TODO';
  return (await server<{ fields: { $status: { value: string } } }>('GET', `/v1/tasks/${taskId}`)).fields.$status.value;
}

/** The name the service gives the record a task belongs to. */
async function recordName(service: ServiceId, id: string): Promise<string> {
  if (service === 'close') return (await closeServer<{ data: { id: string; display_name: string }[] }>('GET', '/lead/?_limit=100')).data.find((lead) => lead.id === id)?.display_name ?? '';
  return (await server<{ fields: { $name: { value: string } } }>('GET', `/v1/accounts/${id}`)).fields.$name.value;
}

for (const service of ['lightfield', 'close'] as const) {
  describe(`${service}: working on a task without Git, in a real VS Code`, () => {
    before(async () => {
      await useService(service);
      await signIn(KEYS[service]);
      await vscode.commands.executeCommand('lightfield.tasks.focus');
      await waitFor('the tree', () => api().store.group('TODO').tasks.length > 0);
    });

    after(async () => {
      await signOut();
      await useService('lightfield');
    });

    it('starts a task (In progress where the service has it), shows it in the status bar, and finishes it', async () => {
      assert.equal(api().work.repository, undefined, 'the workspace is no Git repository yet');
      const node = openTask();
      await vscode.commands.executeCommand('lightfield.startWorking', node);
      assert.equal(api().work.active?.id, node.taskId);
      if (service === 'lightfield') assert.equal(await statusOf(service, node.taskId), 'IN_PROGRESS');
      const title = api().store.task(node.taskId)?.title ?? '';
      const shown = await inWorkbench(STATUS_BAR_ITEM);
      assert.ok(title.startsWith(shown.replace(/…$/, '').trim().slice(0, 10)), `the status bar shows the task: ${shown}`);
      await answering(vscode.commands.executeCommand('lightfield.finishTask'), /Mark it/);
      assert.equal(await statusOf(service, node.taskId), 'COMPLETE');
      assert.equal(api().work.active, undefined);
    });

    it('groups open tasks by what they belong to (an account, a lead), by name, the rest under "No …"', async () => {
      await vscode.commands.executeCommand('lightfield.groupByRecord');
      try {
        const groups = await waitFor('the record groups', () => {
          const roots = api().view.tree.getChildren();
          return roots.length > 0 && roots.every((node) => node.kind === 'record') && roots;
        });
        const { objectType, label: kind } = api().session.capabilities.belongsTo;
        const labelOf = (node: (typeof groups)[number]) => {
          const { label } = api().view.tree.getTreeItem(node);
          return typeof label === 'string' ? label : label?.label;
        };
        for (const group of groups) {
          if (group.kind !== 'record') continue;
          for (const node of api().view.tree.getChildren(group)) {
            const task = node.kind === 'task' ? api().store.task(node.taskId) : undefined;
            assert.equal(task?.related?.[objectType]?.[0], group.recordId, task?.title);
          }
          if (group.recordId === undefined) {
            assert.equal(labelOf(group), `No ${kind.toLowerCase()}`);
            continue;
          }
          const name = await recordName(service, group.recordId);
          await waitFor(`the name of ${group.recordId}`, () => labelOf(group) === name);
        }
        assert.ok(groups.some((group) => group.kind === 'record' && group.recordId !== undefined), `some task belongs to a ${kind}`);
      } finally {
        await vscode.commands.executeCommand('lightfield.groupByStatus');
      }
    });
  });
}

describe('the tree grouped by due date, in a real VS Code', () => {
  before(async () => {
    await signIn();
    await vscode.commands.executeCommand('lightfield.tasks.focus');
    await waitFor('the tree', () => api().store.group('TODO').tasks.length > 0);
  });

  after(async () => {
    await vscode.commands.executeCommand('lightfield.groupByStatus');
    await signOut();
  });

  it('shows every loaded open task once, in the group of when it is due, and switches back to the statuses', async () => {
    await vscode.commands.executeCommand('lightfield.groupByDueDate');
    const groups = await waitFor('the due-date groups', () => {
      const roots = api().view.tree.getChildren();
      return roots.length > 0 && roots.every((node) => node.kind === 'due') && roots;
    });
    const now = Date.now();
    const shown = groups.flatMap((group) => api().view.tree.getChildren(group).map((node) => [group.kind === 'due' ? group.bucket : '', node.kind === 'task' ? node.taskId : ''] as const));
    for (const [bucket, id] of shown) {
      const task = api().store.task(id);
      assert.ok(task);
      assert.equal(dueBucket(task, now), bucket, `${task.title} (${task.dueAt})`);
    }
    const open = [...api().store.group('TODO').tasks, ...api().store.group('IN_PROGRESS').tasks].map((task) => task.id).sort();
    assert.deepEqual(shown.map(([, id]) => id).sort(), open);
    await vscode.commands.executeCommand('lightfield.groupByStatus');
    await waitFor('the status groups', () => api().view.tree.getChildren().some((node) => node.kind === 'group'));
  });

  it('counts my overdue and due-today open tasks in the status bar, as the tree reckons them', async () => {
    const now = Date.now();
    const open = [...api().store.group('TODO').tasks, ...api().store.group('IN_PROGRESS').tasks];
    const me = api().session.me ?? open.find((task) => dueBucket(task, now) === 'overdue')?.assignee;
    assert.ok(me, 'someone has an overdue task');
    const remembered = api().state.me(api().session.connection);
    const before = remembered.get();
    // Where the key does not say who I am, as the "Which member are you?" picker remembers it.
    if (!api().session.me) await remembered.set(me);
    try {
      await api().view.refresh();
      const mine = open.filter((task) => task.assignee === me);
      const overdue = mine.filter((task) => dueBucket(task, now) === 'overdue').length;
      const today = mine.filter((task) => dueBucket(task, now) === 'today').length;
      assert.ok(overdue > 0);
      assert.equal((await inWorkbench('.statusbar-item[id$="lightfield.dueCount"]')).trim(), `${overdue} overdue · ${today} today`);
    } finally {
      await remembered.set(before);
    }
  });
});

describe('working on a task in a Git repository, in a real VS Code', () => {
  let folder = '';
  let repository: TestRepository;

  before(async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace);
    folder = join(workspace, 'repo');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'README.md'), '# A project\n');
    git(folder, 'init', '-q', '-b', 'main');
    git(folder, 'add', '.');
    git(folder, 'commit', '-q', '-m', 'First');
    await vscode.commands.executeCommand('git.openRepository', folder);
    await signIn();
    await vscode.commands.executeCommand('lightfield.tasks.focus');
    await waitFor('the tree', () => api().store.group('TODO').tasks.length > 0);
    await waitFor('the extension to follow the repository', () => api().work.repository?.rootUri.fsPath === folder);
    repository = api().work.repository as unknown as TestRepository;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await repository.checkout('main');
    await signOut();
  });

  it('starts a task on its own branch, fills the commit message, keeps it in a commit, and finishes back on main', async () => {
    const node = openTask();
    const task = api().store.task(node.taskId);
    assert.ok(task);
    const expected = branchName(DEFAULT_BRANCH_TEMPLATE, { id: task.id, title: task.title ?? '' });
    const starting = vscode.commands.executeCommand('lightfield.startWorking', node);
    // The branch prompt, with the proposed name: accepted as it is.
    await inWorkbench('.quick-input-widget input');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await starting;
    assert.equal(git(folder, 'rev-parse', '--abbrev-ref', 'HEAD'), expected, 'the branch is made and checked out');
    assert.equal(api().work.active?.id, task.id);
    assert.equal(await waitFor('the commit message', () => repository.inputBox.value), `Refs ${task.id}`);
    writeFileSync(join(folder, 'change.txt'), 'work\n');
    await repository.add([join(folder, 'change.txt')]);
    repository.inputBox.value = `Add the change\n\nRefs ${task.id}`;
    await repository.commit(repository.inputBox.value);
    assert.match(git(folder, 'log', '-1', '--format=%B'), new RegExp(`Refs ${task.id}`));
    // The box emptied by the commit gets the reference again.
    await waitFor('the reference after the commit', () => repository.inputBox.value === `Refs ${task.id}`);
    await answering(vscode.commands.executeCommand('lightfield.finishTask'), /switch back to main/);
    assert.equal(await statusOf('lightfield', task.id), 'COMPLETE');
    await waitFor('main checked out again', () => git(folder, 'rev-parse', '--abbrev-ref', 'HEAD') === 'main');
    assert.equal(api().work.active, undefined);
  });

  it('makes a task reference in a Markdown file a link that opens its editor, and completes references by title', async () => {
    const node = openTask();
    const task = api().store.task(node.taskId);
    assert.ok(task);
    const file = join(folder, 'NOTES.md');
    writeFileSync(file, `# Notes\n\nSee ${task.id} for the details.\n\nAlso \n\n<!-- TODO( -->\n\n<!-- TODO(Zephyr -->\n`);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const link = links.find((each) => document.getText(each.range) === task.id);
    assert.ok(link?.target, `a link on the ID among ${links.length}`);
    // What a click runs: our own command, with the ID alone.
    assert.equal(link.target.scheme, 'command');
    assert.equal(link.target.path, 'lightfield.openTask');
    const args = JSON.parse(decodeURIComponent(link.target.query)) as unknown[];
    assert.deepEqual(args, [task.id]);
    await vscode.commands.executeCommand(link.target.path, ...args);
    await waitFor('the task editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.uri.path.startsWith(`/${task.id}/`);
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(4, 5));
    const offered = completions.items.find((item) => item.insertText === task.id);
    assert.ok(offered, 'the task is offered');
    assert.equal(typeof offered.label === 'string' ? offered.label : offered.label.label, task.title);
    // Typing a TODO tag's parenthesis offers them too.
    const afterTag = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(6, 10), '(');
    assert.ok(afterTag.items.some((item) => item.insertText === task.id), 'offered after TODO(');
    // A task the tree has not loaded is found on the server by the title typed, once typing pauses.
    const provider = api().session.provider;
    assert.ok(provider);
    const [member] = await provider.listMembers();
    const unloaded = await provider.createTask({ title: `Zephyr review ${Date.now()}`, status: 'TODO', assignee: member.id });
    assert.equal(api().store.task(unloaded.id), undefined, 'not loaded yet');
    const searched = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(8, 16));
    assert.ok(searched.items.some((item) => item.insertText === unloaded.id), 'found by its title on the server');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('makes a task active again when its branch is checked out, and an existing branch is not made twice', async () => {
    const node = openTask();
    const starting = vscode.commands.executeCommand('lightfield.startWorking', node);
    await inWorkbench('.quick-input-widget input');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await starting;
    const branch = git(folder, 'rev-parse', '--abbrev-ref', 'HEAD');
    assert.notEqual(branch, 'main');
    await repository.checkout('main');
    await waitFor('no active task on main', () => api().work.active === undefined);
    await repository.checkout(branch);
    await waitFor('the task active again on its branch', () => api().work.active?.id === node.taskId);
    // Starting it again from main checks its branch out, asking nothing.
    await repository.checkout('main');
    await waitFor('main', () => api().work.branch === 'main');
    const branches = git(folder, 'branch', '--list', '--format=%(refname:short)');
    await vscode.commands.executeCommand('lightfield.startWorking', node);
    assert.equal(git(folder, 'rev-parse', '--abbrev-ref', 'HEAD'), branch);
    assert.equal(git(folder, 'branch', '--list', '--format=%(refname:short)'), branches, 'no branch made');
    await vscode.commands.executeCommand('lightfield.stopWorking');
    assert.equal(api().work.active, undefined);
  });
});
