import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { ExtensionState, WorkedTask, WorkState } from '../state';
import { type GitApi, type GitRepository, gitApi, workRepository } from './git';

const NO_WORK: WorkState = { branches: {}, startedFrom: {} };

/**
 * The task being worked on in this workspace: the one the checked-out branch was
 * made for, else the one started without a branch. Follows the work repository's
 * HEAD, so checking out a task's branch makes its task active again.
 */
export class ActiveWork extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** The active task may be another: a start, a stop, a checkout, a change of connection. */
  readonly onDidChange = this.changed.event;
  private readonly repositoryChanged = this.register(new vscode.EventEmitter<void>());
  /** Anything in the work repository changed (a commit empties the Source Control input). */
  readonly onDidChangeRepository = this.repositoryChanged.event;
  private git: GitApi | undefined;
  private current: GitRepository | undefined;
  private head: string | undefined;
  private watch: vscode.Disposable | undefined;

  constructor(
    private readonly state: ExtensionState,
    private readonly connection: () => string,
  ) {
    super();
    this.register({ dispose: () => void this.watch?.dispose() });
  }

  /** Finds VS Code's Git extension and follows the work repository; without Git, work goes on without branches. */
  async attach(): Promise<void> {
    this.git = await gitApi();
    if (!this.git) return;
    this.register(this.git.onDidOpenRepository(() => this.follow()));
    this.register(this.git.onDidCloseRepository(() => this.follow()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.follow()));
    this.follow();
  }

  get repository(): GitRepository | undefined {
    return this.current;
  }

  /** The checked-out branch of the work repository. */
  get branch(): string | undefined {
    return this.head;
  }

  get active(): WorkedTask | undefined {
    const work = this.work();
    return (this.head !== undefined ? work.branches[this.head] : undefined) ?? work.unbranched;
  }

  /** The branch a task was given earlier, if any. */
  branchOf(taskId: string): string | undefined {
    return Object.entries(this.work().branches).find(([, task]) => task.id === taskId)?.[0];
  }

  /** The branch `taskId` was started from, to switch back to when it is finished. */
  startedFrom(taskId: string): string | undefined {
    return this.work().startedFrom[taskId];
  }

  /** Makes `task` the active one: on `branch` (made or checked out for it, from `startedFrom`), or without one. */
  async begin(task: WorkedTask, branch?: { name: string; startedFrom: string | undefined }): Promise<void> {
    const work = this.work();
    if (branch) {
      work.branches[branch.name] = task;
      if (branch.startedFrom && branch.startedFrom !== branch.name) work.startedFrom[task.id] = branch.startedFrom;
      if (work.unbranched?.id === task.id) work.unbranched = undefined;
      this.head = branch.name;
    } else {
      work.unbranched = task;
    }
    await this.save(work);
  }

  /** Ends work on the active task. */
  async end(): Promise<void> {
    const active = this.active;
    if (!active) return;
    const work = this.work();
    for (const [name, task] of Object.entries(work.branches)) if (task.id === active.id) delete work.branches[name];
    if (work.unbranched?.id === active.id) work.unbranched = undefined;
    delete work.startedFrom[active.id];
    await this.save(work);
  }

  /** A new connection: its own tasks, so its own active one. */
  connectionChanged(): void {
    this.changed.fire();
  }

  private work(): WorkState {
    const stored = this.state.work(this.connection()).get();
    return stored ? { ...stored, branches: { ...stored.branches }, startedFrom: { ...stored.startedFrom } } : structuredClone(NO_WORK);
  }

  private async save(work: WorkState): Promise<void> {
    await this.state.work(this.connection()).set(work);
    this.changed.fire();
  }

  private follow(): void {
    const repository = this.git && workRepository(this.git);
    if (repository === this.current) return;
    this.watch?.dispose();
    this.current = repository;
    this.head = repository?.state.HEAD?.name;
    this.watch = repository?.state.onDidChange(() => {
      const head = repository.state.HEAD?.name;
      if (head !== this.head) {
        this.head = head;
        this.changed.fire();
      }
      this.repositoryChanged.fire();
    });
    this.changed.fire();
  }
}
