import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Task } from '../api/domain';
import { taskTitle } from '../api/domain';
import { notificationText, tabTitle } from '../ui/safeText';

export const TASK_EDITOR_SCHEME = 'lightfield-task';
export const TASK_EDITOR_VIEW_TYPE = 'lightfield.taskEditor';

/**
 * The editor's URI for a task: the ID in the path, the title as the tab's name.
 * It is opened with `vscode.openWith`; the editor refuses every other scheme.
 * VS Code quotes the name in its own messages ("Failed to save '…'"), so it gets
 * the notification rule as well as the tab's length.
 */
export function taskEditorUri(task: Task): vscode.Uri {
  const name = notificationText(tabTitle(taskTitle(task))).replace(/[\\/:*?"<>|]+/g, ' ').trim() || task.id;
  return vscode.Uri.from({ scheme: TASK_EDITOR_SCHEME, path: `/${task.id}/${name}` });
}

export function newTaskUri(): vscode.Uri {
  return vscode.Uri.from({ scheme: TASK_EDITOR_SCHEME, path: `/new/${randomUUID()}/New Task` });
}

/** The task ID in an editor URI, or undefined for a new task. */
export function taskIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== TASK_EDITOR_SCHEME) return undefined;
  const id = uri.path.split('/')[1];
  return id && id !== 'new' ? id : undefined;
}
