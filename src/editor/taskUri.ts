import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Task } from '../api/model';
import { taskTitle } from '../tasks/grouping';

export const TASK_EDITOR_SCHEME = 'lightfield-task';
export const TASK_EDITOR_VIEW_TYPE = 'lightfield.taskEditor';

/**
 * The editor's URI for a task: the ID in the path, the title as the tab's name.
 * It is opened with `vscode.openWith`; the manifest's selector matches no file on disk.
 */
export function taskEditorUri(task: Task): vscode.Uri {
  const name = taskTitle(task).replace(/[\\/:*?"<>|]+/g, ' ').trim().slice(0, 80) || task.id;
  return vscode.Uri.from({ scheme: TASK_EDITOR_SCHEME, path: `/${task.id}/${name}` });
}

export function newTaskUri(): vscode.Uri {
  return vscode.Uri.from({ scheme: TASK_EDITOR_SCHEME, path: `/new/${randomUUID()}/New Task` });
}

/** The task ID in an editor URI, or undefined for a new task. */
export function taskIdOf(uri: vscode.Uri): string | undefined {
  const id = uri.path.split('/')[1];
  return id && id !== 'new' ? id : undefined;
}
