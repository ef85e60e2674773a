/**
 * Writes to tasks: one at a time per task, shown at once where asked, confirmed
 * with a fresh read (the lists lag behind it), and rolled back when the service
 * refuses. A write whose answer was lost is read back, or asked again where that
 * is safe, before it is called failed.
 */
import type { Task, TaskDraft, TaskPatch } from '../api/domain';
import { ApiError, isOutcomeUnknown, NOT_SIGNED_IN } from '../api/errors';
import type { TaskProvider } from '../api/provider';
import { taskStatus } from '../api/domain';
import type { RecentWrites } from './recentWrites';
import { confirmWrite } from './writeConfirmation';

export function requireProvider(provider: () => TaskProvider | undefined): TaskProvider {
  const connected = provider();
  if (!connected) throw new Error(NOT_SIGNED_IN);
  return connected;
}

export class TaskWrites {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly provider: () => TaskProvider | undefined,
    private readonly recent: RecentWrites,
    /** A task as the store shows it, and as the lists last had it. */
    private readonly shown: (id: string) => Task | undefined,
    private readonly listed: (id: string) => Task | undefined,
    private readonly changed: () => void,
  ) {}

  /** Runs writes to one task one after another. */
  private serialize<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(id, next);
    return next;
  }

  /**
   * Sends an update. `optimistic`, when given, is shown until the server answers.
   * The write is confirmed with a retrieve, the fresh read the lists lag behind.
   */
  update(id: string, patch: TaskPatch, options: { optimistic?: (task: Task) => Task; idempotencyKey?: string } = {}): Promise<Task> {
    const { optimistic, idempotencyKey } = options;
    const provider = this.provider();
    const current = this.shown(id);
    if (!provider || !current) {
      return Promise.reject(new Error(provider ? `Task ${id} is not loaded.` : NOT_SIGNED_IN));
    }
    const previous = this.recent.get(id);
    const indexedStatus = previous ? previous.indexedStatus : taskStatus(this.listed(id) ?? current);
    if (optimistic) {
      // Shown now, before the request is even queued behind earlier writes.
      this.recent.record(id, { task: optimistic(current), indexedStatus, pending: true });
      this.changed();
    }
    return this.serialize(id, async () => {
      let written: Task;
      try {
        written = await provider.updateTask(id, patch, { idempotencyKey });
      } catch (error) {
        // A write whose answer was lost may have been applied: read before saying it failed.
        const applied = error instanceof ApiError && isOutcomeUnknown(error) ? await confirmWrite(provider, id, patch) : undefined;
        if (!applied) {
          this.recent.restore(id, previous);
          this.changed();
          throw error;
        }
        written = applied;
      }
      const confirmed = await provider.getTask(id).catch(() => written);
      this.recent.record(id, { task: confirmed, indexedStatus, pending: false });
      this.changed();
      return confirmed;
    });
  }

  /**
   * Deletes a task: gone from the groups at once, back where it was if the service
   * refuses. A delete whose answer was lost is asked again (deleting is safe to
   * repeat, and a task already gone counts as deleted).
   */
  delete(id: string): Promise<void> {
    const provider = this.provider();
    if (!provider) return Promise.reject(new Error(NOT_SIGNED_IN));
    this.recent.markDeleted(id, true);
    this.changed();
    return this.serialize(id, async () => {
      try {
        await provider.deleteTask(id).catch((error: unknown) => {
          if (error instanceof ApiError && isOutcomeUnknown(error)) return provider.deleteTask(id);
          throw error;
        });
      } catch (error) {
        this.recent.markDeleted(id, false);
        this.changed();
        throw error;
      }
      this.recent.restore(id, undefined);
      this.changed();
    });
  }

  async create(draft: TaskDraft, idempotencyKey?: string): Promise<Task> {
    const provider = requireProvider(this.provider);
    const task = await provider.createTask(draft, { idempotencyKey }).catch((error: unknown) => {
      // Its answer lost each time: with a key the service keeps, asking once more is safe, and tells whether it was made.
      const again = idempotencyKey && provider.capabilities.idempotentWrites && error instanceof ApiError && isOutcomeUnknown(error);
      if (!again) throw error;
      return provider.createTask(draft, { idempotencyKey });
    });
    this.recent.record(task.id, { task, indexedStatus: undefined, pending: false });
    this.changed();
    return task;
  }
}
