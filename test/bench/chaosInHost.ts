/**
 * The user's side of `npm run bench:chaos` in a real VS Code (test/bench/chaosVsCode.ts
 * loads it into code-server, once per service, against a local server that fails
 * often): it loads every task, completes tasks from the tree, saves titles typed
 * into the editor webview, and creates tasks from the workspace's TODO comments.
 * For each it records what the user was told; the launcher compares that with the
 * server. It prints one `[bench] {json}` line and asserts nothing.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ServiceId } from '../../src/api/domain';
import { StatusGroupNode, type TaskNode } from '../../src/tasks/taskTree';
import { api, editReached, field, inEditorWebview, KEYS, openedEditor, saveEditor, signIn, useService, waitFor } from '../integration/support';
import { BENCH_LINE_PREFIX, PLAN_VARIABLE } from './table';

export interface ChaosPlan {
  service: ServiceId;
  statuses: number;
  edits: number;
  /** The TODO files in the workspace, one TODO on the first line of each. */
  todoFiles: string[];
  /** The answers a user gives when creating a task from a TODO (an assignee, or a lead on Close). */
  todoAnswers: Record<string, unknown>;
}

/** What the user was told about each action. */
export interface ChaosTold {
  loaded: number;
  statuses: { id: string; told: boolean }[];
  edits: { id: string; title: string; told: boolean; message?: string }[];
  todos: { file: string; title: string; told: boolean; id?: string }[];
}

const TITLE_KEYS: Record<ServiceId, string> = { lightfield: '$title', close: 'text' };

function tasksIn(status: 'TODO' | 'COMPLETE'): TaskNode[] {
  return api().view.tree.getChildren(new StatusGroupNode(status)).filter((node): node is TaskNode => node.kind === 'task');
}

/** Loads every page of every group, as "Load more…" does until there is no more. */
async function loadEverything(): Promise<number> {
  const { store } = api();
  await waitFor('the first pages', () => store.groups().every((group) => group.listed), 60_000);
  for (const group of store.groups()) {
    for (let attempt = 0; store.groups().find((g) => g.status === group.status)?.hasMore && attempt < 50; attempt++) {
      await store.loadMore(group.status).catch(() => undefined);
    }
  }
  return store.loadedTasks().length;
}

/** Completes a task from the tree; the user is told it failed when it moves back. */
async function completeFromTree(node: TaskNode): Promise<boolean> {
  await vscode.commands.executeCommand('lightfield.completeTask', node);
  return api().store.task(node.taskId)?.status === 'COMPLETE';
}

/** Opens the task, types a title into the webview, saves with the keyboard command; told is how the save ended. */
async function editTitle(node: TaskNode, titleKey: string, title: string): Promise<{ told: boolean; message?: string }> {
  await vscode.commands.executeCommand('lightfield.openTask', node);
  const uri = await openedEditor(node.taskId, 20_000).catch(() => undefined);
  if (!uri) {
    // The task could not be read even after the retries: VS Code said so in the editor's place.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    return { told: false, message: 'the editor could not open the task' };
  }
  await inEditorWebview({ action: 'fill', selector: field(titleKey), text: title });
  await editReached(uri);
  const { saved: told, message } = await saveEditor(uri);
  // A failed save keeps the edit: the user gives up on it here.
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return { told, message };
}

/** Creates a task from the TODO on the file's first line and saves the file; told is whether a task came back. */
async function createFromTodo(file: string, title: string, answers: Record<string, unknown>): Promise<{ told: boolean; id?: string }> {
  const uri = vscode.Uri.file(file);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const task = await vscode.commands.executeCommand<{ id: string } | undefined>('lightfield.createTaskFromTodo', uri, 0, { title, dueAt: null, ...answers });
  await document.save();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return { told: Boolean(task), id: task?.id };
}

export async function run(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.env[PLAN_VARIABLE] ?? '', 'utf8')) as ChaosPlan;
  await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
  await useService(plan.service);
  // Signing in is not under test: as a user would, try again until the failing server lets it through.
  for (let attempt = 1; ; attempt++) {
    try {
      await signIn(KEYS[plan.service]);
      break;
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
  await vscode.commands.executeCommand('lightfield.tasks.focus');
  const told: ChaosTold = { loaded: await loadEverything(), statuses: [], edits: [], todos: [] };
  const open = tasksIn('TODO');
  // Close lets a task's text change on lead tasks only.
  const editable = (node: TaskNode) => plan.service !== 'close' || api().store.task(node.taskId)?.kind === 'lead';
  const toEdit = open.filter(editable).slice(0, plan.edits);
  const toComplete = open.filter((node) => !toEdit.includes(node)).slice(0, plan.statuses);
  for (const node of toComplete) told.statuses.push({ id: node.taskId, told: await completeFromTree(node) });
  for (const [index, node] of toEdit.entries()) {
    const title = `Chaos edit ${index} ${Date.now()}`;
    told.edits.push({ id: node.taskId, title, ...(await editTitle(node, TITLE_KEYS[plan.service], title)) });
  }
  for (const [index, file] of plan.todoFiles.entries()) {
    const title = `Chaos TODO ${index} ${Date.now()}`;
    told.todos.push({ file, title, ...(await createFromTodo(file, title, plan.todoAnswers)) });
  }
  console.log(BENCH_LINE_PREFIX + JSON.stringify(told));
}
