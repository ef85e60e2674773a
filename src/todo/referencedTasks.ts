import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import type { Task } from '../api/domain';
import type { TaskStore } from '../tasks/taskStore';
import { Disposable } from '../lifecycle';

/** How long a failed look-up (say, a deleted task) is not retried, and a read task is trusted. */
const RETRY_AFTER_MS = 5 * 60_000;
const FRESH_FOR_MS = 5 * 60_000;

/**
 * The tasks TODO comments point at. Known ones come from the store; unknown ones
 * are read once through the store, and a change event tells the views to redraw.
 */
export class ReferencedTasks extends Disposable {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly failedAt = new Map<string, number>();
  private readonly readAt = new Map<string, number>();
  /** Tasks the service says it does not have (a 404): deleted, or never there. */
  private readonly gone = new Set<string>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: TaskStore,
    /** Whether an ID has the connected service's shape: another service's IDs are never looked up there. */
    readonly belongsHere: (id: string) => boolean,
  ) {
    super();
    this.register(store.onDidChange(() => this.changed.fire()));
  }

  /** The task if known now (reading it again when that knowledge is old); otherwise starts reading it and answers undefined. */
  peek(id: string): Task | undefined {
    void this.load(id);
    return this.belongsHere(id) ? this.store.task(id) : undefined;
  }

  /** Whether the service answered that it has no such task (it was deleted, say). */
  isGone(id: string): boolean {
    return this.gone.has(id) && this.store.task(id) === undefined;
  }

  async get(id: string): Promise<Task | undefined> {
    await this.load(id);
    return this.belongsHere(id) ? this.store.task(id) : undefined;
  }

  private load(id: string): Promise<void> {
    if (!this.belongsHere(id)) return Promise.resolve();
    const fresh = this.store.task(id) && Date.now() - (this.readAt.get(id) ?? 0) < FRESH_FOR_MS;
    if (fresh || Date.now() - (this.failedAt.get(id) ?? 0) < RETRY_AFTER_MS) return Promise.resolve();
    let pending = this.pending.get(id);
    if (!pending) {
      pending = this.store
        .fetch(id)
        .then(
          () => {
            this.readAt.set(id, Date.now());
            this.gone.delete(id);
          },
          (error: unknown) => {
            // Only the server's own answer (say, 404) is worth remembering; signed out or offline, try again next time.
            if (error instanceof ApiError && error.kind === 'http') this.failedAt.set(id, Date.now());
            if (error instanceof ApiError && error.status === 404 && !this.gone.has(id)) {
              this.gone.add(id);
              this.changed.fire();
            }
          },
        )
        .finally(() => this.pending.delete(id));
      this.pending.set(id, pending);
    }
    return pending;
  }
}
