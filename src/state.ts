import type * as vscode from 'vscode';
import { z } from 'zod';
import { taskSchema, taskStatusSchema } from './api/model';
import type { StoreSnapshot } from './tasks/taskStore';

/** A typed value in a Memento; what is stored is parsed on read, so an old shape reads as unset. */
export class StoredValue<T> {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly key: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  get(): T | undefined {
    const parsed = this.schema.safeParse(this.memento.get(this.key));
    return parsed.success ? parsed.data : undefined;
  }

  set(value: T | undefined): Thenable<void> {
    return this.memento.update(this.key, value);
  }
}

const groupSnapshotSchema = z.object({ ids: z.array(z.string()), totalCount: z.number(), hasMore: z.boolean() });
const snapshotSchema: z.ZodType<StoreSnapshot> = z.object({
  savedAt: z.number(),
  settingsKey: z.string(),
  groups: z.partialRecord(taskStatusSchema, groupSnapshotSchema),
  tasks: z.array(taskSchema),
});

export type FilterMode = 'all' | 'mine';

/** Everything the extension remembers, by where it belongs: caches globally, UI state per workspace. */
export class ExtensionState {
  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The last tree, per API base URL, shown at once on the next start. */
  snapshot(baseUrl: string): StoredValue<StoreSnapshot> {
    return new StoredValue(this.context.globalState, `snapshot:${baseUrl}`, snapshotSchema);
  }

  /** Which member the user is, per API base URL, for the "mine" filter. */
  me(baseUrl: string): StoredValue<string> {
    return new StoredValue(this.context.globalState, `me:${baseUrl}`, z.string());
  }

  /** Who tasks made from TODO comments go to, per API base URL, picked once. */
  todoAssignee(baseUrl: string): StoredValue<string> {
    return new StoredValue(this.context.globalState, `todoAssignee:${baseUrl}`, z.string());
  }

  /** Drops what was remembered of the account a base URL's key belonged to, when that key is removed or replaced. */
  async forgetAccount(baseUrl: string): Promise<void> {
    await Promise.all([this.snapshot(baseUrl).set(undefined), this.me(baseUrl).set(undefined), this.todoAssignee(baseUrl).set(undefined)]);
  }

  get filter(): StoredValue<FilterMode> {
    return new StoredValue(this.context.workspaceState, 'filter', z.enum(['all', 'mine']));
  }

  /** Whether the user answered the offer to import the key from the environment. */
  get envKeyOfferAnswered(): StoredValue<boolean> {
    return new StoredValue(this.context.globalState, 'envKeyOfferAnswered', z.boolean());
  }
}
