/**
 * Close as its users see it, in this machine's time zone (the suites run in UTC and
 * in America/Los_Angeles): no untitled row, an overdue badge equal to Close's own
 * count in that zone (a day's task due today is not overdue), "Open in Close" in
 * the editor with the assignee named, a TODO turned into exactly one Close task
 * when the first create's answer is lost, and a deleted task gone from the tree.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StatusGroupNode, type TaskNode } from '../../src/tasks/taskTree';
import { dayOn, nextDay, overdueCount } from '../server/close/closeCalendar';
import type { CloseTask } from '../server/close/closeData';
import { api, closeFault, closeServer, field, inEditorWebview, KEYS, openedEditor, signIn, signOut, useService, waitFor } from './support';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

async function everyCloseTask(): Promise<CloseTask[]> {
  const tasks: CloseTask[] = [];
  for (let more = true; more; ) {
    const page = await closeServer<{ data: CloseTask[]; has_more: boolean }>('GET', `/task/?_type=all&_order_by=date_created&_limit=100&_skip=${tasks.length}`);
    tasks.push(...page.data);
    more = page.has_more;
  }
  return tasks;
}

async function freshTree(): Promise<void> {
  await waitFor('fresh groups', async () => (await api().view.refresh()) && !api().store.stale && api().store.groups().every((g) => g.listed));
}

function rows(status: 'TODO' | 'COMPLETE'): TaskNode[] {
  return api().view.tree.getChildren(new StatusGroupNode(status)).filter((node): node is TaskNode => node.kind === 'task');
}

describe(`Close as its user sees it, in ${zone}`, () => {
  let lead: string;

  before(async () => {
    await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
    lead = (await closeServer<{ data: { id: string }[] }>('GET', '/lead/?_limit=1')).data[0].id;
    // Due today and tomorrow where the user is: neither is overdue yet. Made before signing in, so the first list has them.
    const today = dayOn(Date.now(), { zone });
    for (const [text, date] of [['Due today, all day', today], ['Due tomorrow, all day', nextDay(today)]]) {
      await closeServer('POST', '/task/', { _type: 'lead', lead_id: lead, text, date });
    }
    await useService('close');
    await signIn(KEYS.close);
    await freshTree();
  });

  after(async () => {
    await closeFault();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut();
    await useService('lightfield');
  });

  it('names every row, and the overdue badge counts what Close counts as overdue here', async () => {
    assert.equal(api().store.group('TODO').hasMore, true, 'more open tasks than the tree shows at first: the badge counts them all the same');
    for (const node of [...rows('TODO'), ...rows('COMPLETE')]) assert.notEqual(api().view.tree.getTreeItem(node).label, '(untitled)', node.taskId);
    const wire = await everyCloseTask();
    const closeCounts = overdueCount(wire, Date.now(), { zone });
    assert.ok(closeCounts > 0, 'the sample has overdue tasks');
    await waitFor(`the badge to read Close's ${closeCounts} overdue in ${zone}`, () => api().view.view.badge?.value === closeCounts);
    for (const text of ['Due today, all day', 'Due tomorrow, all day']) {
      const node = rows('TODO').find((each) => api().store.task(each.taskId)?.title === text);
      assert.ok(node, text);
      const item = api().view.tree.getTreeItem(node);
      assert.doesNotMatch(String(item.description), /overdue/, `${text}: ${String(item.description)}`);
      assert.equal(String(item.description), text.includes('today') ? 'today' : 'tomorrow');
    }
  });

  it('opens a task\'s lead in Close from the editor, and names its assignee in the form', async () => {
    const node = rows('TODO').find((each) => api().store.task(each.taskId)?.kind === 'lead');
    assert.ok(node);
    const wire = await closeServer<CloseTask>('GET', `/task/${node.taskId}/`);
    await vscode.commands.executeCommand('lightfield.openTask', node);
    await openedEditor(node.taskId);
    const leads = await closeServer<{ data: { id: string; html_url: string }[] }>('GET', '/lead/?_limit=100');
    const leadPage = leads.data.find((each) => each.id === wire.lead_id)?.html_url;
    assert.ok(leadPage);
    // The page the editor's button opens (VS Code's workbench opens no external page for a test suite).
    assert.equal(api().store.task(node.taskId)?.webLink, leadPage);
    assert.equal(await inEditorWebview({ action: 'text', selector: '.open-link' }), 'Open in Close');
    assert.equal(await inEditorWebview({ action: 'chosen', selector: field('assigned_to') }), wire.assigned_to_name);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('turns a TODO into exactly one Close task when the first create\'s answer is lost', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const text = `call the client back ${Date.now()}`;
    const uri = vscode.Uri.joinPath(folder.uri, `close-user-${Date.now()}.ts`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`// TODO: ${text}\n`));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await closeFault({ kind: 'drop-after', method: 'POST', path: '^/api/v1/task/$' });
    const tomorrow = nextDay(dayOn(Date.now(), { zone }));
    const task = await vscode.commands.executeCommand<{ id: string } | undefined>('lightfield.createTaskFromTodo', uri, 0, { title: text, dueAt: tomorrow, parent: lead });
    assert.ok(task);
    const made = (await everyCloseTask()).filter((each) => each.text === text);
    assert.equal(made.length, 1, 'one task, not two');
    assert.equal(made[0].date, tomorrow, 'due that day, all day');
    assert.equal(editor.document.lineAt(0).text, `// TODO(${task.id}): ${text}`);
    // Its hover opens the task's lead in Close, through the extension's own command.
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 4));
    const hoverText = hover.flatMap((each) => each.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n');
    assert.match(hoverText, /\[Open in Close\]\(command:lightfield\.openInWebApp\?/);
    // Done, in Close's word for it, as the tree says.
    await api().store.setStatus(task.id, 'COMPLETE');
    let lastWords = '';
    const doneHover = await waitFor('the hover of the done task', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 4));
      const words = hovers.flatMap((each) => each.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n').replace(/&nbsp;/g, ' ').replace(/\\/g, '');
      lastWords = words;
      return /Status: /.test(words) && !/Status: To do/.test(words) && words;
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}; the hover said ${JSON.stringify(lastWords)}`);
    });
    assert.match(doneHover, /Status: Done/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('deletes a task: gone from the tree and from Close', async () => {
    const [node] = rows('TODO');
    await api().store.delete(node.taskId);
    assert.ok(!rows('TODO').some((each) => each.taskId === node.taskId));
    await freshTree();
    assert.ok(!rows('TODO').some((each) => each.taskId === node.taskId), 'still gone after a refresh');
    assert.ok(!(await everyCloseTask()).some((each) => each.id === node.taskId));
  });
});
