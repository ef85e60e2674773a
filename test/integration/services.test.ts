/**
 * The same features on each service the extension speaks, in a real VS Code:
 * the tree, a status change, an editor save made in the webview, TODO to task,
 * and switching from one service to the other without a reload.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceId } from '../../src/api/domain';
import { StatusGroupNode, type TaskNode } from '../../src/tasks/taskTree';
import { api, closeServer, editReached, field, inEditorWebview, KEYS, openedEditor, saveEditor, server, signIn, signOut, useService, waitFor } from './support';
import HOSTILE from '../fixtures/hostile-strings.json';

/** Markup a developer's task may hold: Chromium drops the nonce of a script any of whose attributes holds `<script` or `<style`. */
const MARKUP = ['Fix the `<script>` order in index.html', '<style>main{display:none}</style> in the template', '</script><script>alert(1)</script>', '<!--<script>'];

interface Expectations {
  groups: string[];
  /** The shape of the service's task IDs. */
  id: RegExp;
  /** The editor field that holds the title. */
  titleKey: string;
  /** The task as the service itself has it: title and whether it is complete. */
  read(id: string): Promise<{ title: string; complete: boolean }>;
  /** Answers for "Create task from TODO" that the service needs. */
  todoAnswers(): Promise<Record<string, unknown>>;
}

const SERVICES: Record<ServiceId, Expectations> = {
  lightfield: {
    groups: ['To do', 'In progress', 'Complete', 'Cancelled'],
    id: /^tsk_/,
    titleKey: '$title',
    async read(id) {
      const task = await server<{ fields: Record<string, { value: unknown }> }>('GET', `/v1/tasks/${id}`);
      return { title: String(task.fields.$title.value), complete: task.fields.$status.value === 'COMPLETE' };
    },
    async todoAnswers() {
      return { assignee: (await server<{ data: { id: string }[] }>('GET', '/v1/members?limit=1')).data[0].id };
    },
  },
  close: {
    groups: ['To do', 'Done'],
    id: /^task_/,
    titleKey: 'text',
    async read(id) {
      const task = await closeServer<{ text: string; is_complete: boolean }>('GET', `/task/${id}/`);
      return { title: task.text, complete: task.is_complete };
    },
    // The assignee is the key's own user; the lead is the one thing Close asks for.
    async todoAnswers() {
      return { parent: (await closeServer<{ data: { id: string }[] }>('GET', '/lead/')).data[0].id };
    },
  },
};

function openTasks(): TaskNode[] {
  return api().view.tree.getChildren(new StatusGroupNode('TODO')).filter((n): n is TaskNode => n.kind === 'task');
}

async function freshTree(): Promise<void> {
  await waitFor('fresh groups', async () => (await api().view.refresh()) && !api().store.stale && api().store.groups().every((g) => g.listed));
}

let fileCount = 0;
async function openSource(text: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run in a workspace');
  const uri = vscode.Uri.joinPath(folder.uri, `service-test-${Date.now()}-${fileCount++}.ts`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

for (const service of ['lightfield', 'close'] as const) {
  const expected = SERVICES[service];

  describe(`${service}: the tree, a status change, an editor save and TODO to task in a real VS Code`, () => {
    before(async () => {
      await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
      await useService(service);
      await signIn(KEYS[service]);
      await freshTree();
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await signOut();
      await useService('lightfield');
    });

    it(`shows ${expected.groups.join(', ')}, with the service's tasks`, () => {
      const groups = api().view.tree.getChildren() as StatusGroupNode[];
      assert.deepEqual(groups.map((node) => api().view.tree.getTreeItem(node).label), expected.groups);
      const tasks = api().store.loadedTasks();
      assert.ok(tasks.length > 0);
      assert.ok(tasks.every((task) => expected.id.test(task.id)), 'only this service\'s tasks');
    });

    it('names each kind of task in the tree where the service has several, and leaves no task untitled', () => {
      const { kindLabels } = api().session.capabilities;
      const nodes = openTasks();
      for (const node of nodes) {
        const item = api().view.tree.getTreeItem(node);
        assert.notEqual(item.label, '(untitled)', node.taskId);
        const kind = api().store.task(node.taskId)?.kind;
        const label = kind ? kindLabels[kind] : undefined;
        if (label) assert.ok(String(item.description).startsWith(label), `${kind}: ${String(item.description)}`);
      }
      if (service === 'close') assert.ok(nodes.some((node) => api().store.task(node.taskId)?.kind !== 'lead'), 'Close lists tasks of other kinds too');
    });

    it('tells a screen reader each task\'s title, status and when it is due, in words', () => {
      const [todoLabel] = expected.groups;
      for (const node of openTasks()) {
        const item = api().view.tree.getTreeItem(node);
        const spoken = item.accessibilityInformation?.label ?? '';
        assert.ok(spoken.startsWith(String(typeof item.label === 'string' ? item.label : item.label?.label)), spoken);
        assert.ok(spoken.includes(`, ${todoLabel}`), `${spoken} names the status`);
        if (api().store.task(node.taskId)?.dueAt) assert.match(spoken, /(due .+|overdue)$/, `${spoken} says when it is due`);
      }
    });

    it('offers only the status moves the service has', () => {
      const item = api().view.tree.getTreeItem(openTasks()[0]);
      const moves = String(item.contextValue).split(' ').filter((word) => ['start', 'complete', 'cancel', 'reopen'].includes(word));
      assert.deepEqual(moves, service === 'close' ? ['complete'] : ['start', 'complete', 'cancel']);
    });

    it('completes a task from the tree: it moves at once and the service has it', async () => {
      const node = openTasks()[0];
      await vscode.commands.executeCommand('lightfield.completeTask', node);
      assert.ok(api().view.tree.getChildren(new StatusGroupNode('COMPLETE')).some((n) => n.kind === 'task' && n.taskId === node.taskId));
      assert.equal((await expected.read(node.taskId)).complete, true);
    });

    it('saves a title typed in the editor webview', async () => {
      // Close lets a task's text change on lead tasks only.
      const node = openTasks().find((n) => service !== 'close' || api().store.task(n.taskId)?.kind === 'lead');
      assert.ok(node);
      await vscode.commands.executeCommand('lightfield.openTask', node);
      const uri = await openedEditor(node.taskId);
      const title = `Typed on ${service} ${Date.now()}`;
      await inEditorWebview({ action: 'fill', selector: field(expected.titleKey), text: title });
      await editReached(uri);
      const { saved, message } = await saveEditor(uri);
      assert.ok(saved, message);
      assert.equal((await expected.read(node.taskId)).title, title);
      assert.equal(api().store.task(node.taskId)?.title, title, 'the tree has it too');
    });

    it('opens every task whose text is a hostile string or markup: the editor renders its form', async () => {
      const provider = api().session.provider;
      assert.ok(provider);
      const answers = await expected.todoAnswers();
      // Closed, out of the way of the checks that read the open groups after this suite.
      const status = provider.capabilities.statuses.includes('CANCELLED') ? 'CANCELLED' : 'COMPLETE';
      for (const text of [...HOSTILE, ...MARKUP]) {
        const task = await provider.createTask({ title: text, status, ...(service === 'lightfield' ? { description: `${text}\n\n${MARKUP.join('\n')}` } : {}), ...answers });
        await vscode.commands.executeCommand('lightfield.openTask', task.id);
        await openedEditor(task.id);
        const title = (await inEditorWebview({ action: 'text', selector: 'main .title' })) ?? '';
        // As the page shows it: bidi controls removed, white space collapsed.
        const shown = (words: string) => words.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
        assert.equal(shown(title), shown(text), `the editor of a task titled ${JSON.stringify(text.slice(0, 40))} shows its form`);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    });

    it('creates a task from a TODO and links the comment with the service\'s ID', async () => {
      const text = `ship it on ${service} ${Date.now()}`;
      const editor = await openSource(`// TODO: ${text}\n`);
      const task = await vscode.commands.executeCommand<{ id: string } | undefined>('lightfield.createTaskFromTodo', editor.document.uri, 0, { title: text, dueAt: null, ...(await expected.todoAnswers()) });
      assert.ok(task && expected.id.test(task.id));
      assert.equal(editor.document.lineAt(0).text, `// TODO(${task.id}): ${text}`);
      assert.equal((await expected.read(task.id)).title, text);
      const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 4));
      assert.match(hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), new RegExp(text));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
}

describe('switching service without a reload', () => {
  before(async () => {
    await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
    await useService('close');
    await signIn(KEYS.close);
    await useService('lightfield');
    await signIn(KEYS.lightfield);
    await freshTree();
  });

  after(async () => {
    await useService('close');
    await signOut();
    await useService('lightfield');
    await signOut();
  });

  for (const [from, to] of [['lightfield', 'close'], ['close', 'lightfield']] as const) {
    it(`from ${from} to ${to}: signed in with ${to}'s own key, and ${from}'s tasks never show`, async () => {
      const seen: string[] = [];
      const subscription = api().store.onDidChange(() => seen.push(...api().store.loadedTasks().map((task) => task.id)));
      try {
        await useService(to);
        // Signed in at once with the key kept for that service: no prompt, no reload.
        await waitFor(`${to}'s own key`, () => api().session.signedIn, 5_000);
        await freshTree();
      } finally {
        subscription.dispose();
      }
      const groups = (api().view.tree.getChildren() as StatusGroupNode[]).map((node) => api().view.tree.getTreeItem(node).label);
      assert.deepEqual(groups, SERVICES[to].groups);
      const strays = seen.filter((id) => !SERVICES[to].id.test(id));
      assert.deepEqual(strays, [], `tasks of ${from} shown under ${to}`);
      assert.ok(seen.length > 0);
    });
  }
});
