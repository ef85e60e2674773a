/**
 * What the lists said, per status group: the IDs in the service's order, its
 * count, and whether there is more. The task list's filters are not documented
 * and a service may ignore or refuse them: once a listed task does not match the
 * filter it was asked for (or a filter is refused), this connection lists every
 * task and groups them here, the tasks of a status the product has no group for
 * among them ("Other").
 */
import type { Task, TaskQuery, TaskStatus } from '../api/domain';
import { isFilterUnsupported } from '../api/errors';
import type { TaskProvider } from '../api/provider';
import { taskStatus } from '../api/domain';

/** What the store lists: how many a page holds, which groups, and whose tasks. */
export interface StoreSettings {
  pageSize: number;
  statuses: readonly TaskStatus[];
  /** Only tasks assigned to this member ("mine"); all tasks when unset. */
  assignee?: string;
}

export interface Listing {
  ids: string[];
  listed: boolean;
  /** Undefined until the first page arrives, and where the service does not count. */
  totalCount?: number;
  hasMore: boolean;
  loading: boolean;
  error?: unknown;
}

/**
 * A listed task as the store keeps it: what the tree, hovers and pickers show,
 * without the described fields (the editor reads the task afresh). Thousands of
 * tasks then cost about as much memory as their JSON.
 */
function listedForm(task: Task): Task {
  return { ...task, fields: {} };
}

export class Listings {
  readonly byStatus = new Map<TaskStatus, Listing>();
  /** Listed tasks whose status names none of the product's (grouped here, when every task is listed). */
  others: string[] = [];
  /** Whether this connection lists every task and groups them here. */
  filtersIgnored = false;
  private notice: string | undefined;

  constructor(
    private readonly settings: () => StoreSettings,
    /** Listed tasks by ID, kept by the store. */
    private readonly latest: Map<string, Task>,
    /** Our own recent writes may be listed where a lagging index still has them: not evidence of an ignored filter. */
    private readonly writtenHere: (id: string) => boolean,
  ) {}

  /** What had to change in how tasks are listed, once, for the log and the view's message. */
  takeNotice(): string | undefined {
    const notice = this.notice;
    this.notice = undefined;
    return notice;
  }

  clear(): void {
    this.byStatus.clear();
    this.others = [];
    this.filtersIgnored = false;
  }

  query(status: TaskStatus | undefined): TaskQuery {
    return { status, assignee: this.settings().assignee };
  }

  /** Whether a listed task is one the filters of `status` asked for. */
  matches(task: Task, status: TaskStatus | undefined): boolean {
    const { assignee } = this.settings();
    return (status === undefined || taskStatus(task) === status) && (!assignee || task.assignee === assignee);
  }

  private groupHere(why = 'The service ignored the task list\'s filters'): void {
    if (this.filtersIgnored) return;
    this.filtersIgnored = true;
    this.notice = `${why}, so every task is listed and grouped here.`;
  }

  private mark(state: Pick<Listing, 'loading' | 'error'>): void {
    for (const status of this.settings().statuses) {
      this.byStatus.set(status, { ...(this.byStatus.get(status) ?? { ids: [], listed: false, hasMore: false }), ...state });
    }
  }

  /** With filters ignored: every task, in the service's order, grouped (and narrowed to "mine") here. `current` says whether the answer still counts. */
  async loadAllAndGroup(provider: TaskProvider, current: () => boolean, changed: () => void): Promise<unknown> {
    this.mark({ loading: true });
    changed();
    try {
      const all = await provider.listAllTasks();
      if (!current()) return undefined;
      for (const task of all) this.latest.set(task.id, listedForm(task));
      this.others = all.filter((task) => task.status === undefined && this.matches(task, undefined)).map((task) => task.id);
      for (const status of this.settings().statuses) {
        const ids = all.filter((task) => this.matches(task, status)).map((task) => task.id);
        this.byStatus.set(status, { ids, listed: true, totalCount: ids.length, hasMore: false, loading: false });
      }
      return undefined;
    } catch (error) {
      if (!current()) return undefined;
      this.mark({ loading: false, error });
      return error;
    }
  }

  /** `pages` pages of one group from `offset`, concurrently; resolves with the error, if any. */
  async load(provider: TaskProvider, status: TaskStatus, offset: number, pages: number, current: () => boolean, changed: () => void): Promise<unknown> {
    const listing: Listing = this.byStatus.get(status) ?? { ids: [], listed: false, hasMore: false, loading: false };
    this.byStatus.set(status, { ...listing, loading: true });
    changed();
    const { pageSize } = this.settings();
    try {
      const answers = await Promise.all(Array.from({ length: pages }, (_, page) => provider.listTasks({ ...this.query(status), offset: offset + page * pageSize, limit: pageSize })));
      if (!current()) return undefined;
      if (answers.some((answer) => answer.tasks.some((task) => !this.writtenHere(task.id) && !this.matches(task, status)))) {
        this.groupHere();
        this.byStatus.set(status, { ...listing, loading: false });
        return undefined;
      }
      const ids = offset === 0 ? [] : [...listing.ids];
      for (const answer of answers) {
        for (const task of answer.tasks) {
          this.latest.set(task.id, listedForm(task));
          if (!ids.includes(task.id)) ids.push(task.id);
        }
      }
      const last = answers[answers.length - 1];
      this.byStatus.set(status, { ids, listed: true, totalCount: last.total, hasMore: last.hasMore, loading: false });
      return undefined;
    } catch (error) {
      if (!current()) return error;
      if (isFilterUnsupported(error)) {
        this.groupHere(error.message.replace(/\.$/, ''));
        this.byStatus.set(status, { ...listing, loading: false });
        return undefined;
      }
      this.byStatus.set(status, { ...listing, loading: false, error });
      return error;
    }
  }
}
