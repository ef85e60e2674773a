/**
 * The badge's overdue count, over every open task rather than only the pages the
 * tree has loaded: where an open group has more than it shows, its other tasks are
 * listed once after each refresh, in the background, and counted with the loaded
 * ones (which win where both have a task, being the fresher after an edit).
 */
import type { Task, TaskStatus } from '../api/domain';
import type { TaskProvider } from '../api/provider';
import { isOverdue } from './grouping';
import { OPEN_STATUSES, taskStatus } from '../api/domain';
import type { TaskStore } from './taskStore';

/** Beyond this many open tasks the badge counts the loaded ones only: listing them all each refresh would cost more than it tells. */
const MOST_LISTED = 2_000;

export class OverdueCount {
  private unloaded = new Map<string, Task>();
  private generation = 0;

  constructor(
    private readonly store: TaskStore,
    private readonly provider: () => TaskProvider | undefined,
    private readonly onDidChange: () => void,
  ) {}

  /** After a refresh: lists the open tasks the groups do not show yet. A failure leaves the count to the loaded tasks. */
  async update(): Promise<void> {
    const generation = ++this.generation;
    const provider = this.provider();
    const { assignee } = this.store.currentSettings;
    const partial = this.store.groups().filter((group) => OPEN_STATUSES.includes(group.status) && group.hasMore && (group.totalCount ?? 0) <= MOST_LISTED);
    if (!provider || partial.length === 0) {
      this.unloaded.clear();
      return;
    }
    try {
      const lists = await Promise.all(partial.map((group) => provider.listAllTasks({ status: group.status, ...(assignee ? { assignee } : {}) })));
      if (generation !== this.generation) return;
      // A service that ignored a filter listed more: only the group's own tasks count.
      const statuses = partial.map((group) => group.status);
      const belong = (task: Task) => statuses.includes(taskStatus(task) as TaskStatus) && (!assignee || task.assignee === assignee);
      this.unloaded = new Map(lists.flat().filter(belong).slice(0, MOST_LISTED).map((task) => [task.id, task]));
      this.onDidChange();
    } catch {
      // Counted from the loaded tasks until the next refresh.
    }
  }

  count(now: number): number {
    const tasks = new Map(this.unloaded);
    for (const task of this.store.loadedTasks()) tasks.set(task.id, task);
    let overdue = 0;
    for (const task of tasks.values()) if (isOverdue(task, now)) overdue++;
    return overdue;
  }
}
