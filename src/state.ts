import type * as vscode from 'vscode';
import { array, boolean, enum as zEnum, number, object, optional, type output, partialRecord, record, string, unknown, type ZodMiniType } from 'zod/mini';
import { type ServiceId, taskSchema, taskStatusSchema } from './api/domain';
import { SERVICES } from './api/services';

/** A typed value in a Memento; what is stored is parsed on read, so an old shape reads as unset. */
export class StoredValue<T> {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly key: string,
    private readonly schema: ZodMiniType<T>,
  ) {}

  get(): T | undefined {
    const parsed = this.schema.safeParse(this.memento.get(this.key));
    return parsed.success ? parsed.data : undefined;
  }

  set(value: T | undefined): Thenable<void> {
    return this.memento.update(this.key, value);
  }
}

const groupSnapshotSchema = object({ ids: array(string()), totalCount: optional(number()), hasMore: boolean() });
const snapshotSchema = object({
  savedAt: number(),
  settingsKey: string(),
  groups: partialRecord(taskStatusSchema, groupSnapshotSchema),
  tasks: array(taskSchema),
});
/** The task tree as last shown, kept per connection: it shows at once on the next start, marked "cached". */
export type StoreSnapshot = output<typeof snapshotSchema>;

export type FilterMode = 'all' | 'mine';

const workedTaskSchema = object({ id: string(), title: string() });
const workSchema = object({
  /** The task each branch was made or chosen for: checking one out makes its task active again. */
  branches: record(string(), workedTaskSchema),
  /** The active task where no branch is (a folder without Git, or a start without a branch). */
  unbranched: optional(workedTaskSchema),
  /** The branch each task was started from, to switch back to when it is finished. */
  startedFrom: record(string(), string()),
});
/** The task being worked on in a workspace, per branch. */
export type WorkState = output<typeof workSchema>;
export type WorkedTask = output<typeof workedTaskSchema>;

/** The unit remembered state belongs to: a service at a base URL. */
export function connectionOf(service: ServiceId, baseUrl: string): string {
  return `${SERVICES[service].statePrefix}${baseUrl}`;
}

/** Everything the extension remembers, by where it belongs: caches globally, UI state per workspace. */
export class ExtensionState {
  constructor(private readonly context: vscode.ExtensionContext) {}

  // Everything below is per connection (a service at a base URL, see `connectionOf`): one service's tasks never show under another.

  /** The last tree, shown at once on the next start. */
  snapshot(connection: string): StoredValue<StoreSnapshot> {
    return new StoredValue(this.context.globalState, `snapshot:${connection}`, snapshotSchema);
  }

  /** Which member the user is, for the "mine" filter, where the service does not say. */
  me(connection: string): StoredValue<string> {
    return new StoredValue(this.context.globalState, `me:${connection}`, string());
  }

  /** Who tasks made from TODO comments go to, picked once. */
  todoAssignee(connection: string): StoredValue<string> {
    return new StoredValue(this.context.globalState, `todoAssignee:${connection}`, string());
  }

  /** What the service's adapter learned of it (Lightfield's definitions), for the next start. */
  serviceMemory(connection: string): StoredValue<unknown> {
    return new StoredValue(this.context.globalState, `serviceMemory:${connection}`, unknown());
  }

  /** Drops what was remembered of the account a connection's key belonged to, when that key is removed or replaced. */
  async forgetAccount(connection: string): Promise<void> {
    await Promise.all([
      this.snapshot(connection).set(undefined),
      this.me(connection).set(undefined),
      this.todoAssignee(connection).set(undefined),
      this.serviceMemory(connection).set(undefined),
    ]);
  }

  /** The tasks worked on in this workspace, by branch. */
  work(connection: string): StoredValue<WorkState> {
    return new StoredValue(this.context.workspaceState, `work:${connection}`, workSchema);
  }

  /** Whether "Start Working" should stop offering a branch in this workspace. */
  get branchOfferDeclined(): StoredValue<boolean> {
    return new StoredValue(this.context.workspaceState, 'branchOfferDeclined', boolean());
  }

  get filter(): StoredValue<FilterMode> {
    return new StoredValue(this.context.workspaceState, 'filter', zEnum(['all', 'mine']));
  }

  /** Whether the user answered the offer to import the key from the environment. */
  get envKeyOfferAnswered(): StoredValue<boolean> {
    return new StoredValue(this.context.globalState, 'envKeyOfferAnswered', boolean());
  }
}
