import type {
  KeyInfo,
  ListQuery,
  Member,
  MemberPage,
  Task,
  TaskCreate,
  TaskDefinitions,
  TaskPage,
  TaskUpdate,
} from './model';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Reused across this call's retries; supply one to make a repeated call safe too. */
  idempotencyKey?: string;
}

/** What the extension needs of a task service. Lightfield is one; Close will be another. */
export interface TaskProvider {
  validateKey(options?: CallOptions): Promise<KeyInfo>;
  definitions(options?: CallOptions): Promise<TaskDefinitions>;
  listTasks(query?: ListQuery, options?: CallOptions): Promise<TaskPage>;
  listAllTasks(query?: Omit<ListQuery, 'offset' | 'limit'>, options?: CallOptions): Promise<Task[]>;
  getTask(id: string, options?: CallOptions): Promise<Task>;
  createTask(input: TaskCreate, options?: WriteOptions): Promise<Task>;
  updateTask(id: string, input: TaskUpdate, options?: WriteOptions): Promise<Task>;
  listMembers(query?: Omit<ListQuery, 'filters'>, options?: CallOptions): Promise<MemberPage>;
  listAllMembers(options?: CallOptions): Promise<Member[]>;
}
