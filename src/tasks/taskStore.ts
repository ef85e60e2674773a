/**
 * The single owner of task state. Views read it and listen to its changes; it
 * alone calls the provider for tasks. It keeps, per status group, the order and
 * count the server's (lagging) search index returned, plus our own recent writes,
 * which win over list results until a full refresh shows the index has caught up.
 * No `vscode` import: it runs in plain Node tests against the local server.
 */
import type { Capabilities, Task, TaskDraft, TaskPatch, TaskStatus } from '../api/domain';
import type { TaskProvider } from '../api/provider';
import type { StoreSnapshot } from '../state';
import { taskStatus, taskTitle } from '../api/domain';
import { Listings, type StoreSettings } from './listings';
import { RecentWrites } from './recentWrites';
import { requireProvider, TaskWrites } from './taskWrites';

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

/** A refresh reloads at most this many pages of a group the user had paged through. */
const MAX_RELOAD_PAGES = 4;

export class TaskStore {
  /** Listed tasks by ID, as the lists last said. */
  private readonly latest = new Map<string, Task>();
  private readonly recent: RecentWrites;
  private readonly listings: Listings;
  private readonly writesTo: TaskWrites;
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  /** True while showing a restored snapshot that no refresh has confirmed yet. */
  stale = false;
  lastRefreshAt?: number;

  constructor(
    private readonly provider: () => TaskProvider | undefined,
    private settings: StoreSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.recent = new RecentWrites(now);
    this.listings = new Listings(() => this.settings, this.latest, (id) => this.recent.has(id));
    this.writesTo = new TaskWrites(provider, this.recent, (id) => this.task(id), (id) => this.latest.get(id), () => this.emit());
  }

  /** Whether this connection lists every task and groups them here (its service ignored or refused the filters). */
  get filtersIgnored(): boolean {
    return this.listings.filtersIgnored;
  }

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
      this.listings.byStatus.clear();
      this.emit();
    }
  }

  /** Forgets everything, as after signing out. */
  clear(): void {
    this.generation += 1;
    this.listings.clear();
    this.latest.clear();
    this.recent.clear();
    this.stale = false;
    this.lastRefreshAt = undefined;
    this.emit();
  }

  /** What the store had to change in how it works, once, for the log and the view's message. */
  takeNotice(): string | undefined {
    return this.listings.takeNotice();
  }

  task(id: string): Task | undefined {
    if (this.recent.isDeleted(id)) return undefined;
    return this.recent.live(id)?.task ?? this.latest.get(id);
  }

  /** The task as read on its own, every described field with it, if the store holds it so; a listing keeps none of them. */
  taskInFull(id: string): Task | undefined {
    const task = this.task(id);
    return task && Object.keys(task.fields).length > 0 ? task : undefined;
  }

  groups(): GroupView[] {
    return this.settings.statuses.map((status) => this.group(status));
  }

  group(status: TaskStatus): GroupView {
    const listing = this.listings.byStatus.get(status);
    const listedIds = listing?.ids ?? [];
    const ids = listedIds.filter((id) => !this.recent.isDeleted(id));
    const listed = new Set(ids);
    const overrides = this.recent.lives();
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
    return this.listings.others.map((id) => this.task(id)).filter((task): task is Task => task !== undefined && task.status === undefined);
  }

  /** Every task the store holds for the shown groups, for pickers. */
  loadedTasks(): Task[] {
    return [...this.groups().flatMap((group) => group.tasks), ...this.otherTasks()];
  }

  /**
   * Every task of these statuses (assigned to `assignee`, when given), if the
   * store holds them all: each group listed to its end by a refresh that is not
   * a restored snapshot, for all assignees or for this one. Else undefined.
   */
  heldInFull(statuses: readonly TaskStatus[], assignee?: string): Task[] | undefined {
    if (this.stale || (this.settings.assignee !== undefined && this.settings.assignee !== assignee)) return undefined;
    const groups = statuses.map((status) => (this.settings.statuses.includes(status) ? this.group(status) : undefined));
    if (groups.some((group) => !group || !group.listed || group.hasMore || group.loading || group.error !== undefined)) return undefined;
    return groups.flatMap((group) => group?.tasks ?? []);
  }

  /**
   * Reloads every shown group (as many pages as were loaded, within a bound),
   * concurrently. Resolves with the first error, if any; each group keeps its own.
   */
  async refresh(): Promise<unknown> {
    const provider = this.provider();
    if (!provider) return undefined;
    const generation = this.generation;
    const current = () => generation === this.generation;
    const changed = () => this.emit();
    const grouped = this.filtersIgnored;
    const results = grouped
      ? [await this.listings.loadAllAndGroup(provider, current, changed)]
      : await Promise.all(
          this.settings.statuses.map((status) => {
            const loaded = this.listings.byStatus.get(status)?.ids.length ?? 0;
            const pages = Math.min(MAX_RELOAD_PAGES, Math.max(1, Math.ceil(loaded / this.settings.pageSize)));
            return this.listings.load(provider, status, 0, pages, current, changed);
          }),
        );
    if (generation !== this.generation) return undefined;
    // A group found the filters ignored while loading: the lists just made are not groups.
    if (!grouped && this.filtersIgnored) return this.refresh();
    const error = results.find((result) => result !== undefined);
    if (error === undefined) {
      this.recent.settle((id) => this.latest.get(id));
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
    const offset = this.listings.byStatus.get(status)?.ids.length ?? 0;
    const generation = this.generation;
    const error = await this.listings.load(provider, status, offset, 1, () => generation === this.generation, () => this.emit());
    if (this.filtersIgnored) return this.refresh();
    this.emit();
    return error;
  }

  /** Moves a task at once; rolls back and rethrows when the server refuses. */
  setStatus(id: string, status: TaskStatus): Promise<Task> {
    return this.update(id, { status }, { optimistic: (task) => ({ ...task, status }) });
  }

  /** Sends an update, `optimistic` shown until the service answers (taskWrites.ts). */
  update(id: string, patch: TaskPatch, options: { optimistic?: (task: Task) => Task; idempotencyKey?: string } = {}): Promise<Task> {
    return this.writesTo.update(id, patch, options);
  }

  /** Deletes a task: gone from the groups at once, back where it was if the service refuses. */
  delete(id: string): Promise<void> {
    return this.writesTo.delete(id);
  }

  create(draft: TaskDraft, idempotencyKey?: string): Promise<Task> {
    return this.writesTo.create(draft, idempotencyKey);
  }

  /** Fresh read of one task (for an editor or a hover); remembered like a write. */
  async fetch(id: string): Promise<Task> {
    const task = await requireProvider(this.provider).getTask(id);
    const written = this.recent.get(id);
    if (written && !written.pending) this.recent.record(id, { ...written, task });
    else {
      const held = this.latest.get(id);
      this.latest.set(id, task);
      // The same task read again (an editor's read behind its form): nothing for the views to paint again.
      if (held && JSON.stringify(held) === JSON.stringify(task)) return task;
    }
    this.emit();
    return task;
  }

  /** Tasks whose title starts with `prefix`, from the server where it can search titles; for "Find task". */
  async searchTitles(prefix: string): Promise<Task[]> {
    const provider = requireProvider(this.provider);
    if (!provider.capabilities.titleSearch) return [];
    const page = await provider.listTasks({ ...this.listings.query(undefined), titlePrefix: prefix, limit: provider.capabilities.maxPageSize });
    // Checked here too: a service that ignores filters answers with any tasks.
    const found = page.tasks.filter((task) => taskTitle(task).startsWith(prefix) && this.listings.matches(task, undefined));
    return found.map((task) => this.recent.live(task.id)?.task ?? task);
  }

  snapshot(): StoreSnapshot {
    const groups: StoreSnapshot['groups'] = {};
    const tasks = new Map<string, Task>();
    for (const status of this.settings.statuses) {
      const listing = this.listings.byStatus.get(status);
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
    if (snapshot.settingsKey !== this.settingsKey || this.listings.byStatus.size > 0) return false;
    for (const task of snapshot.tasks) this.latest.set(task.id, task);
    for (const [status, group] of Object.entries(snapshot.groups) as [TaskStatus, StoreSnapshot['groups'][TaskStatus]][]) {
      if (group) this.listings.byStatus.set(status, { ...group, listed: true, loading: false });
    }
    this.stale = true;
    this.emit();
    return true;
  }
}
