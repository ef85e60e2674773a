import * as vscode from 'vscode';
import { regex, string } from 'zod/mini';
import type { Task, TaskStatus } from '../api/domain';
import { ID_ARGUMENT } from '../api/taskIds';
import { taskIdOf } from '../editor/taskUri';
import { pickTask } from './taskPicker';
import type { TaskStore } from './taskStore';
import { TaskNode } from './taskTree';

const taskIdArgument = string().check(regex(ID_ARGUMENT));

export type ResolveTask = (arg: unknown, placeholder: string, statuses?: readonly TaskStatus[]) => Promise<Task | undefined>;

/**
 * The task a command acts on: the tree node it was run on, an editor's URI (its
 * title bar), an ID (from a CodeLens, a hover link, a keybinding), or one the user
 * picks when there is no argument. Anything else is refused.
 */
export function taskResolver(store: TaskStore, log: vscode.LogOutputChannel): ResolveTask {
  return async (arg, placeholder, statuses) => {
    if (arg === undefined) return pickTask(store, placeholder, statuses);
    const id = arg instanceof TaskNode ? arg.taskId : arg instanceof vscode.Uri ? taskIdOf(arg) : taskIdArgument.safeParse(arg).data;
    if (!id) {
      log.warn(`Ignored a command argument that is not a task: ${JSON.stringify(arg)?.slice(0, 100)}`);
      return undefined;
    }
    return store.task(id) ?? store.fetch(id);
  };
}
