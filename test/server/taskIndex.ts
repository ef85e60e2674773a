import { type Task } from '../../src/api/lightfield/schemas';

interface Versions {
  /** Oldest first; each becomes visible to lists `lagMs` after it was written (`trashed`: from then on, it is not listed). */
  versions: { visibleAt: number; task: Task; trashed?: boolean }[];
}

/**
 * The tasks as stored (fresh, for retrieve) and as the search index shows them
 * (lagging by `lagMs`, for lists), like Lightfield's list endpoints.
 */
export class TaskIndex {
  private readonly tasks = new Map<string, Versions>();
  lagMs = 0;

  constructor(private readonly now: () => number) {}

  /** The task as stored now; a trashed one is not found. */
  get(id: string): Task | undefined {
    const latest = this.latest(id);
    return latest?.trashed ? undefined : latest?.task;
  }

  /** A task in the trash, as the delete route answers it. */
  trashed(id: string): Task | undefined {
    const latest = this.latest(id);
    return latest?.trashed ? latest.task : undefined;
  }

  /** Moves a task to the trash: gone at once for a retrieve, for lists once the index catches up. */
  trash(id: string): void {
    const entry = this.tasks.get(id);
    const task = this.get(id);
    if (entry && task) entry.versions.push({ visibleAt: this.now() + this.lagMs, task, trashed: true });
  }

  private latest(id: string): Versions['versions'][number] | undefined {
    const entry = this.tasks.get(id);
    return entry?.versions[entry.versions.length - 1];
  }

  put(task: Task): void {
    const entry = this.tasks.get(task.id) ?? { versions: [] };
    entry.versions.push({ visibleAt: this.now() + this.lagMs, task });
    this.tasks.set(task.id, entry);
  }

  /** Every task as stored now (fresh, not as lists lag). */
  stored(): Task[] {
    return [...this.tasks.values()].map((entry) => entry.versions[entry.versions.length - 1]).filter((version) => !version.trashed).map((version) => version.task);
  }

  /** Every task as the index currently shows it. */
  listed(): Task[] {
    const now = this.now();
    const result: Task[] = [];
    for (const entry of this.tasks.values()) {
      let visible = -1;
      for (let i = entry.versions.length - 1; i >= 0; i--) {
        if (entry.versions[i].visibleAt <= now) {
          visible = i;
          break;
        }
      }
      if (visible >= 0) {
        entry.versions.splice(0, visible);
        if (!entry.versions[0].trashed) result.push(entry.versions[0].task);
      }
    }
    return result;
  }

  /** Tasks stored and not trashed. */
  get size(): number {
    return this.stored().length;
  }
}
