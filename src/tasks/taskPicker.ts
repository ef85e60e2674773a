import * as vscode from 'vscode';
import type { Capabilities, Task, TaskStatus } from '../api/domain';
import { relativeTime, STATUS_INFO, statusLabel, taskDueAt, taskStatus, taskTitle } from './grouping';
import type { TaskStore } from './taskStore';
import { iconText } from '../ui/safeText';

interface TaskPick extends vscode.QuickPickItem {
  taskId: string;
}

const SEARCH_DELAY_MS = 250;

function toPick(task: Task, capabilities: Capabilities | undefined): TaskPick {
  const status = taskStatus(task);
  const due = taskDueAt(task);
  return {
    taskId: task.id,
    label: `$(${status ? STATUS_INFO[status].icon : 'circle-large-outline'}) ${iconText(taskTitle(task))}`,
    description: status ? statusLabel(status, capabilities) : undefined,
    detail: due ? vscode.l10n.t('due {0}', relativeTime(due, Date.now())) : undefined,
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
  const quickPick = vscode.window.createQuickPick<TaskPick>();
  quickPick.placeholder = placeholder;
  quickPick.matchOnDescription = true;
  quickPick.items = [...known.values()].map((task) => toPick(task, store.capabilities));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latestQuery = '';
  quickPick.onDidChangeValue((value) => {
    clearTimeout(timer);
    latestQuery = value.trim();
    if (!latestQuery) return;
    timer = setTimeout(() => {
      const query = latestQuery;
      quickPick.busy = true;
      store
        .searchTitles(query)
        .then((found) => {
          if (query !== latestQuery) return;
          for (const task of found.filter(allowed)) known.set(task.id, task);
          quickPick.items = [...known.values()].map((task) => toPick(task, store.capabilities));
        })
        .catch(() => undefined)
        .finally(() => (quickPick.busy = false));
    }, SEARCH_DELAY_MS);
  });
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const picked = quickPick.selectedItems[0];
      resolve(picked ? known.get(picked.taskId) : undefined);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      clearTimeout(timer);
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
