/**
 * The single owner of task state. Views read it and listen to its changes; it
 * alone calls the provider for tasks. It keeps, per status group, the order and
 * count the server's (lagging) search index returned, plus our own recent writes,
 * which win over list results until a full refresh shows the index has caught up.
 * No `vscode` import: it runs in plain Node tests against the local server.
 */
import type { Capabilities, Task, TaskDraft, TaskPatch, TaskQuery, TaskStatus } from '../api/domain';
import { ApiError, isFilterUnsupported, isOutcomeUnknown } from '../api/errors';
import type { TaskProvider } from '../api/provider';
import type { WritableValue } from '../api/values';
import { readDue } from '../shared/dueDates';
import { taskStatus, taskTitle } from './grouping';

export interface StoreSettings {
  pageSize: number;
  statuses: readonly TaskStatus[];
  /** Only tasks assigned to this member ("mine"); all tasks when unset. */
  assignee?: string;
}

export interface GroupView {
  status: TaskStatus;
  tasks: Task[];
  /** Whether the group was listed at least once. */
  listed: boolean;
  /** Undefined until the group was listed once, and where the service does not count. */
  totalCount?: number;
  hasMore: boolean;
  loading: boolean;
  error?: unknown;
}

interface Listing {
  ids: string[];
  listed: boolean;
  /** Undefined until the first page arrives, and where the service does not count. */
  totalCount?: number;
  hasMore: boolean;
  loading: boolean;
  error?: unknown;
}

interface Override {
  task: Task;
  /** The status the search index still shows; undefined for a task we created. */
  indexedStatus?: TaskStatus;
  /** Sent but not yet confirmed by the server. */
  pending: boolean;
  at: number;
}

export interface StoreSnapshot {
  savedAt: number;
  settingsKey: string;
  groups: Partial<Record<TaskStatus, { ids: string[]; totalCount?: number; hasMore: boolean }>>;
  tasks: Task[];
}

/** Whether `task` holds what `patch` asked for (relationship lists compared as sets, dates as instants). */
export function patchApplied(task: Task, patch: TaskPatch): boolean {
  const same = (actual: unknown, wanted: WritableValue | undefined) => {
    if (Array.isArray(actual) && Array.isArray(wanted)) return actual.length === wanted.length && wanted.every((item) => (actual as unknown[]).includes(item));
    return JSON.stringify(actual ?? null) === JSON.stringify(wanted ?? null);
  };
  // A day stays a day; an instant is compared as one, whatever form the service writes it in.
  const instant = (date: string | null | undefined) => {
    const due = readDue(date);
    return due ? ('day' in due ? due.day : due.at) : null;
  };
  const named: [unknown, WritableValue | undefined][] = [
    [task.title, patch.title],
    [task.status, patch.status],
    [instant(task.dueAt), patch.dueAt === undefined ? undefined : instant(patch.dueAt)],
    [task.assignee, patch.assignee],
    [task.description, patch.description],
  ];
  return (
    named.every(([actual, wanted]) => wanted === undefined || same(actual, wanted)) &&
    Object.entries(patch.values ?? {}).every(([key, wanted]) => same(task.fields[key]?.value, wanted))
  );
}

/**
 * A listed task as the store keeps it: what the tree, hovers and pickers show,
 * without the described fields (the editor reads the task afresh). Thousands of
 * tasks then cost about as much memory as their JSON.
 */
function listedForm(task: Task): Task {
  return { ...task, fields: {} };
}

/** Reads (a few times, each with its own retries) whether a write whose answer was lost was applied; the task if it was. */
async function confirm(provider: TaskProvider, id: string, patch: TaskPatch): Promise<Task | undefined> {
  for (let attempt = 1; attempt <= CONFIRM_READS; attempt++) {
    const fresh = await provider.getTask(id).catch(() => undefined);
    if (fresh) return patchApplied(fresh, patch) ? fresh : undefined;
  }
  return undefined;
}

const CONFIRM_READS = 3;

/** After this long a write of ours no longer overrides what lists say. */
const OVERRIDE_LIFETIME_MS = 10 * 60_000;
/** A refresh reloads at most this many pages of a group the user had paged through. */
const MAX_RELOAD_PAGES = 4;

export class TaskStore {
  private readonly listings = new Map<TaskStatus, Listing>();
  private readonly latest = new Map<string, Task>();
  private readonly overrides = new Map<string, Override>();
  private readonly writes = new Map<string, Promise<unknown>>();
  /** Listed tasks whose status names none of the product's (grouped here, when the store lists everything). */
  private others: string[] = [];
  /** Tasks deleted here (or being deleted), by when: hidden while lagging lists still show them. */
  private readonly deleted = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  /** True while showing a restored snapshot that no refresh has confirmed yet. */
  stale = false;
  /**
   * The task list's filters are not documented, and a service may ignore them: once a
   * listed task does not match the filter it was asked for, this connection lists
   * every task and groups them here.
   */
  filtersIgnored = false;
  private notice: string | undefined;
  lastRefreshAt?: number;

  constructor(
    private readonly provider: () => TaskProvider | undefined,
    private settings: StoreSettings,
    private readonly now: () => number = Date.now,
  ) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** What the connected service can do, if connected. */
  get capabilities(): Capabilities | undefined {
    return this.provider()?.capabilities;
  }

  get currentSettings(): StoreSettings {
    return this.settings;
  }

  /** Key of what a listing depends on; a snapshot only applies to the same one. */
  get settingsKey(): string {
    return JSON.stringify([this.settings.statuses, this.settings.assignee ?? null, this.settings.pageSize]);
  }

  /** New settings drop the listings (answers still in flight for the old ones are ignored). */
  configure(settings: StoreSettings): void {
    const before = this.settingsKey;
    this.settings = settings;
    if (this.settingsKey !== before) {
      this.generation += 1;
      this.listings.clear();
      this.emit();
    }
  }

  /** Forgets everything, as after signing out. */
  clear(): void {
    this.generation += 1;
    this.listings.clear();
    this.latest.clear();
    this.overrides.clear();
    this.deleted.clear();
    this.others = [];
    this.stale = false;
    this.filtersIgnored = false;
    this.lastRefreshAt = undefined;
    this.emit();
  }

  /** What the store had to change in how it works, once, for the log and the view's message. */
  takeNotice(): string | undefined {
    const notice = this.notice;
    this.notice = undefined;
    return notice;
  }

  task(id: string): Task | undefined {
    if (this.deleted.has(id)) return undefined;
    return this.liveOverride(id)?.task ?? this.latest.get(id);
  }

  groups(): GroupView[] {
    return this.settings.statuses.map((status) => this.group(status));
  }

  group(status: TaskStatus): GroupView {
    const listing = this.listings.get(status);
    const listedIds = listing?.ids ?? [];
    const ids = listedIds.filter((id) => !this.deleted.has(id));
    const listed = new Set(ids);
    const overrides = this.liveOverrides().filter((o) => !this.deleted.has(o.task.id));
    const movedIn = overrides.filter((o) => taskStatus(o.task) === status && !listed.has(o.task.id)).map((o) => o.task);
    const stayed = ids.map((id) => this.task(id)).filter((task): task is Task => task !== undefined && taskStatus(task) === status);
    const arrived = overrides.filter((o) => taskStatus(o.task) === status && o.indexedStatus !== status).length;
    const left = overrides.filter((o) => o.indexedStatus === status && taskStatus(o.task) !== status).length;
    return {
      status,
      tasks: [...movedIn, ...stayed],
      listed: listing?.listed ?? false,
      totalCount: listing?.totalCount === undefined ? undefined : Math.max(0, listing.totalCount + arrived - left - (listedIds.length - ids.length)),
      hasMore: listing?.hasMore ?? false,
      loading: listing?.loading ?? false,
      error: listing?.error,
    };
  }

  /** Tasks whose status names none of the product's: never dropped, shown apart ("Other"). */
  otherTasks(): Task[] {
    return this.others.map((id) => this.task(id)).filter((task): task is Task => task !== undefined && task.status === undefined);
  }

  /** Every task the store holds for the shown groups, for pickers. */
  loadedTasks(): Task[] {
    return [...this.groups().flatMap((group) => group.tasks), ...this.otherTasks()];
  }

  /**
   * Reloads every shown group (as many pages as were loaded, within a bound),
   * concurrently. Resolves with the first error, if any; each group keeps its own.
   */
  async refresh(): Promise<unknown> {
    const provider = this.provider();
    if (!provider) return undefined;
    const generation = this.generation;
    const grouped = this.filtersIgnored;
    const results = grouped
      ? [await this.loadAllAndGroup(provider, generation)]
      : await Promise.all(
          this.settings.statuses.map((status) => {
            const loaded = this.listings.get(status)?.ids.length ?? 0;
            const pages = Math.min(MAX_RELOAD_PAGES, Math.max(1, Math.ceil(loaded / this.settings.pageSize)));
            return this.load(provider, status, 0, pages, generation);
          }),
        );
    if (generation !== this.generation) return undefined;
    // A group found the filters ignored while loading: the lists just made are not groups.
    if (!grouped && this.filtersIgnored) return this.refresh();
    const error = results.find((result) => result !== undefined);
    if (error === undefined) {
      this.settleOverrides();
      this.stale = false;
      this.lastRefreshAt = this.now();
    }
    this.emit();
    return error;
  }

  /** Appends the next page of one group. Resolves with the error, if any. */
  async loadMore(status: TaskStatus): Promise<unknown> {
    const provider = this.provider();
    if (!provider) return undefined;
    if (this.filtersIgnored) return undefined;
    const offset = this.listings.get(status)?.ids.length ?? 0;
    const error = await this.load(provider, status, offset, 1, this.generation);
    if (this.filtersIgnored) return this.refresh();
    this.emit();
    return error;
  }

  /** Whether a listed task is one the filters of `status` asked for. */
  private matches(task: Task, status: TaskStatus | undefined): boolean {
    const { assignee } = this.settings;
    return (status === undefined || taskStatus(task) === status) && (!assignee || task.assignee === assignee);
  }

  private switchToClientGrouping(why = 'The service ignored the task list\'s filters'): void {
    if (this.filtersIgnored) return;
    this.filtersIgnored = true;
    this.notice = `${why}, so every task is listed and grouped here.`;
  }

  private markGroups(state: Pick<Listing, 'loading' | 'error'>): void {
    for (const status of this.settings.statuses) {
      this.listings.set(status, { ...(this.listings.get(status) ?? { ids: [], listed: false, hasMore: false }), ...state });
    }
  }

  /** With filters ignored: every task, in the service's order, grouped (and narrowed to "mine") here. */
  private async loadAllAndGroup(provider: TaskProvider, generation: number): Promise<unknown> {
    this.markGroups({ loading: true });
    this.emit();
    try {
      const all = await provider.listAllTasks();
      if (generation !== this.generation) return undefined;
      for (const task of all) this.latest.set(task.id, listedForm(task));
      this.others = all.filter((task) => task.status === undefined && this.matches(task, undefined)).map((task) => task.id);
      for (const status of this.settings.statuses) {
        const ids = all.filter((task) => this.matches(task, status)).map((task) => task.id);
        this.listings.set(status, { ids, listed: true, totalCount: ids.length, hasMore: false, loading: false });
      }
      return undefined;
    } catch (error) {
      if (generation !== this.generation) return undefined;
      this.markGroups({ loading: false, error });
      return error;
    }
  }

  private async load(provider: TaskProvider, status: TaskStatus, offset: number, pages: number, generation: number): Promise<unknown> {
    const listing: Listing = this.listings.get(status) ?? { ids: [], listed: false, hasMore: false, loading: false };
    this.listings.set(status, { ...listing, loading: true });
    this.emit();
    const { pageSize } = this.settings;
    try {
      const answers = await Promise.all(
        Array.from({ length: pages }, (_, page) => provider.listTasks({ ...this.query(status), offset: offset + page * pageSize, limit: pageSize })),
      );
      if (generation !== this.generation) return undefined;
      // Our own recent writes may be listed where the lagging index still has them: not evidence.
      if (answers.some((answer) => answer.tasks.some((task) => !this.overrides.has(task.id) && !this.matches(task, status)))) {
        this.switchToClientGrouping();
        this.listings.set(status, { ...listing, loading: false });
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
      this.listings.set(status, { ids, listed: true, totalCount: last.total, hasMore: last.hasMore, loading: false });
      return undefined;
    } catch (error) {
      if (generation !== this.generation) return error;
      if (isFilterUnsupported(error)) {
        this.switchToClientGrouping(error.message.replace(/\.$/, ''));
        this.listings.set(status, { ...listing, loading: false });
        return undefined;
      }
      this.listings.set(status, { ...listing, loading: false, error });
      return error;
    }
  }

  private query(status: TaskStatus | undefined): TaskQuery {
    return { status, assignee: this.settings.assignee };
  }

  /** After a full refresh: drop our writes that the lists now show, and old ones. */
  private settleOverrides(): void {
    for (const [id, override] of this.overrides) {
      const listed = this.latest.get(id);
      const caughtUp = !override.pending && listed !== undefined && (listed.updatedAt ?? '') >= (override.task.updatedAt ?? '');
      if (caughtUp || this.now() - override.at > OVERRIDE_LIFETIME_MS) this.overrides.delete(id);
    }
    // By then the lists have long caught up with a delete.
    for (const [id, at] of this.deleted) if (this.now() - at > OVERRIDE_LIFETIME_MS) this.deleted.delete(id);
  }

  private liveOverride(id: string): Override | undefined {
    const override = this.overrides.get(id);
    return override && (override.pending || this.now() - override.at <= OVERRIDE_LIFETIME_MS) ? override : undefined;
  }

  private liveOverrides(): Override[] {
    return [...this.overrides.keys()].map((id) => this.liveOverride(id)).filter((o): o is Override => o !== undefined);
  }

  private requireProvider(): TaskProvider {
    const provider = this.provider();
    if (!provider) throw new Error('Not signed in.');
    return provider;
  }

  /** Runs writes to one task one after another. */
  private serialize<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.writes.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.writes.set(id, next);
    return next;
  }

  /** Moves a task at once; rolls back and rethrows when the server refuses. */
  setStatus(id: string, status: TaskStatus): Promise<Task> {
    return this.update(id, { status }, { optimistic: (task) => ({ ...task, status }) });
  }

  /**
   * Sends an update. `optimistic`, when given, is shown until the server answers.
   * The write is confirmed with a retrieve, the fresh read the lists lag behind.
   */
  update(id: string, patch: TaskPatch, options: { optimistic?: (task: Task) => Task; idempotencyKey?: string } = {}): Promise<Task> {
    const { optimistic, idempotencyKey } = options;
    const provider = this.provider();
    const current = this.task(id);
    if (!provider || !current) {
      return Promise.reject(new Error(provider ? `Task ${id} is not loaded.` : 'Not signed in.'));
    }
    const previous = this.overrides.get(id);
    const indexedStatus = previous ? previous.indexedStatus : taskStatus(this.latest.get(id) ?? current);
    if (optimistic) {
      // Shown now, before the request is even queued behind earlier writes.
      this.overrides.set(id, { task: optimistic(current), indexedStatus, pending: true, at: this.now() });
      this.emit();
    }
    return this.serialize(id, async () => {
      let written: Task;
      try {
        written = await provider.updateTask(id, patch, { idempotencyKey });
      } catch (error) {
        // A write whose answer was lost may have been applied: read before saying it failed.
        const applied = error instanceof ApiError && isOutcomeUnknown(error) ? await confirm(provider, id, patch) : undefined;
        if (!applied) {
          if (previous) this.overrides.set(id, previous);
          else this.overrides.delete(id);
          this.emit();
          throw error;
        }
        written = applied;
      }
      const confirmed = await provider.getTask(id).catch(() => written);
      this.overrides.set(id, { task: confirmed, indexedStatus, pending: false, at: this.now() });
      this.emit();
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
    if (!provider) return Promise.reject(new Error('Not signed in.'));
    this.deleted.set(id, this.now());
    this.emit();
    return this.serialize(id, async () => {
      try {
        await provider.deleteTask(id).catch((error: unknown) => {
          if (error instanceof ApiError && isOutcomeUnknown(error)) return provider.deleteTask(id);
          throw error;
        });
      } catch (error) {
        this.deleted.delete(id);
        this.emit();
        throw error;
      }
      this.overrides.delete(id);
      this.emit();
    });
  }

  async create(draft: TaskDraft, idempotencyKey?: string): Promise<Task> {
    const provider = this.requireProvider();
    const task = await provider.createTask(draft, { idempotencyKey }).catch((error: unknown) => {
      // Its answer lost each time: with a key the service keeps, asking once more is safe, and tells whether it was made.
      const again = idempotencyKey && provider.capabilities.idempotentWrites && error instanceof ApiError && isOutcomeUnknown(error);
      if (!again) throw error;
      return provider.createTask(draft, { idempotencyKey });
    });
    this.overrides.set(task.id, { task, indexedStatus: undefined, pending: false, at: this.now() });
    this.emit();
    return task;
  }

  /** Fresh read of one task (for an editor or a hover); remembered like a write. */
  async fetch(id: string): Promise<Task> {
    const task = await this.requireProvider().getTask(id);
    const override = this.overrides.get(id);
    if (override && !override.pending) this.overrides.set(id, { ...override, task });
    else this.latest.set(id, task);
    this.emit();
    return task;
  }

  /** Tasks whose title starts with `prefix`, from the server where it can search titles; for "Find task". */
  async searchTitles(prefix: string): Promise<Task[]> {
    const provider = this.requireProvider();
    if (!provider.capabilities.filters.titlePrefix) return [];
    const page = await provider.listTasks({ ...this.query(undefined), titlePrefix: prefix, limit: 25 });
    // Checked here too: a service that ignores filters answers with any tasks.
    const found = page.tasks.filter((task) => taskTitle(task).startsWith(prefix) && this.matches(task, undefined));
    return found.map((task) => this.liveOverride(task.id)?.task ?? task);
  }

  snapshot(): StoreSnapshot {
    const groups: StoreSnapshot['groups'] = {};
    const tasks = new Map<string, Task>();
    for (const status of this.settings.statuses) {
      const listing = this.listings.get(status);
      if (!listing?.listed) continue;
      groups[status] = { ids: listing.ids, totalCount: listing.totalCount, hasMore: listing.hasMore };
      for (const id of listing.ids) {
        const task = this.latest.get(id);
        if (task) tasks.set(id, task);
      }
    }
    return { savedAt: this.now(), settingsKey: this.settingsKey, groups, tasks: [...tasks.values()] };
  }

  /** Shows a saved snapshot, marked stale, if it was taken with the same settings. */
  restore(snapshot: StoreSnapshot): boolean {
    if (snapshot.settingsKey !== this.settingsKey || this.listings.size > 0) return false;
    for (const task of snapshot.tasks) this.latest.set(task.id, task);
    for (const [status, group] of Object.entries(snapshot.groups) as [TaskStatus, StoreSnapshot['groups'][TaskStatus]][]) {
      if (group) this.listings.set(status, { ...group, listed: true, loading: false });
    }
    this.stale = true;
    this.emit();
    return true;
  }
}
