import * as vscode from 'vscode';
import { isPrefixedTaskId, TaskIdShape } from '../api/taskIds';
import type { TaskStore } from '../tasks/taskStore';
import { Disposable } from '../lifecycle';

/**
 * The connected service's task-ID shape, learned from every task the store holds
 * (listed, read or created): a reference the extension wrote into a file names
 * such a task, so it always resolves back. One shape per connection; a change
 * event when it grows, so TODO detection reads comments again.
 */
export class KnownTaskIds extends Disposable {
  private readonly shapes = new Map<string, TaskIdShape>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: TaskStore,
    /** The current connection, and its service's guessed ID pattern. */
    private readonly connection: () => { key: string; guessedPattern: string },
  ) {
    super();
    this.register(store.onDidChange(() => this.learn()));
  }

  /** Whether `id` is, or looks like, a task ID of the connected service: one worth asking it for. */
  matches(id: string): boolean {
    return this.shape().matches(id);
  }

  /** Whether `id` is a task ID the connected service returned, or has its own shape (never a look-alike such as a commit hash). */
  isKnownOrGuessed(id: string): boolean {
    return this.shape().knownOrGuessed(id);
  }

  /** Whether a reference naming `id` is tracked: any service's prefixed IDs, and those the connected service's look like. */
  isReference(id: string): boolean {
    return isPrefixedTaskId(id) || this.matches(id);
  }

  private learn(): void {
    const shape = this.shape();
    let grew = false;
    for (const task of this.store.loadedTasks()) grew = shape.learn(task.id) || grew;
    if (grew) this.changed.fire();
  }

  private shape(): TaskIdShape {
    const { key, guessedPattern } = this.connection();
    let shape = this.shapes.get(key);
    if (!shape) this.shapes.set(key, (shape = new TaskIdShape(guessedPattern)));
    return shape;
  }
}
