import type { RateLimiter } from './rateLimiter';
import type { RetryPolicy } from './retry';
import type { Account, Capabilities, Member, NamedRecord, ParentChoice, Task, TaskDescription, TaskDraft, TaskPage, TaskPatch, TaskQuery } from './domain';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Where the service has idempotency keys: reused across retries; supply one to make a repeated call safe too. */
  idempotencyKey?: string;
}

/** What the extension needs of a task service, in the domain's words. One adapter per service implements it. */
export interface TaskProvider {
  readonly capabilities: Capabilities;
  checkKey(options?: CallOptions): Promise<Account>;
  describeTasks(options?: CallOptions): Promise<TaskDescription>;
  listTasks(query?: TaskQuery, options?: CallOptions): Promise<TaskPage>;
  listAllTasks(query?: Omit<TaskQuery, 'offset' | 'limit'>, options?: CallOptions): Promise<Task[]>;
  getTask(id: string, options?: CallOptions): Promise<Task>;
  createTask(draft: TaskDraft, options?: WriteOptions): Promise<Task>;
  updateTask(id: string, patch: TaskPatch, options?: WriteOptions): Promise<Task>;
  /** Deletes a task (Lightfield moves it to the trash). A task that is already gone counts as deleted. */
  deleteTask(id: string, options?: CallOptions): Promise<void>;
  listMembers(options?: CallOptions): Promise<Member[]>;
  /** The names of linked records of a type in `capabilities.namedRecords`; one the service will not name (403, 404) is left out. */
  nameRecords(objectType: string, ids: readonly string[], options?: CallOptions): Promise<NamedRecord[]>;
  /** Records of a type in `capabilities.namedRecords` whose names start with `text`. */
  searchRecords(objectType: string, text: string, options?: CallOptions): Promise<NamedRecord[]>;
  /** What a new task can belong to, matching `text` (only where `capabilities.parent` is set). */
  searchParents(text: string, options?: CallOptions): Promise<ParentChoice[]>;
}

export interface ProviderOptions {
  baseUrl?: string;
  /** Asked before every call, so a changed key applies at once. */
  getKey: () => Promise<string | undefined> | string | undefined;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Paces the calls instead of the service's own budget: one shared by several adapters, or a test's. */
  limiter?: RateLimiter;
  /**
   * What the adapter learned of the service on an earlier start (Lightfield's
   * definitions, say), kept by the extension per connection: used at once, and
   * checked against the service in the background.
   */
  memory?: { read(): unknown; write(value: unknown): void };
  /** Receives one line per attempt; never the key. */
  log?: (line: string) => void;
}
