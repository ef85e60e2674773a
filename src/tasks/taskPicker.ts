import * as vscode from 'vscode';
import type { Capabilities, Task, TaskStatus } from '../api/domain';
import { dueWhen, STATUS_INFO } from './grouping';
import { taskStatus, taskTitle } from '../api/domain';
import type { TaskStore } from './taskStore';
import { iconText } from '../ui/safeText';
import { searchPick } from '../ui/searchPick';
import { statusLabel } from '../ui/statusLabel';

interface TaskPick extends vscode.QuickPickItem {
  taskId: string;
}

function toPick(task: Task, capabilities: Capabilities | undefined): TaskPick {
  const status = taskStatus(task);
  const due = dueWhen(task, Date.now(), vscode.env.language);
  return {
    taskId: task.id,
    label: `$(${status ? STATUS_INFO[status].icon : 'circle-large-outline'}) ${iconText(taskTitle(task))}`,
    description: status ? statusLabel(status, capabilities) : undefined,
    detail: due ? vscode.l10n.t('due {0}', due) : undefined,
  };
}

/**
 * A quick pick over task titles: the loaded tasks at once, then, as the user
 * types, the server's tasks whose title starts with the text. `statuses` limits
 * the choice (say, only open tasks for "Complete").
 */
export function pickTask(store: TaskStore, placeholder: string, statuses?: readonly TaskStatus[]): Promise<Task | undefined> {
  const allowed = (task: Task) => !statuses || statuses.includes(taskStatus(task) as TaskStatus);
  const known = new Map(store.loadedTasks().filter(allowed).map((task) => [task.id, task]));
  const picks = () => [...known.values()].map((task) => toPick(task, store.capabilities));
  const picked = searchPick<TaskPick>({
    placeholder,
    matchOnDescription: true,
    items: picks(),
    search: async (text) => {
      if (!text) return undefined;
      for (const task of (await store.searchTitles(text)).filter(allowed)) known.set(task.id, task);
      return picks();
    },
  });
  return picked.then((pick) => pick && known.get(pick.taskId));
}
