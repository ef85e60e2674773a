/**
 * "Find tasks" for the agent: the tasks that match a filter, a page at a time.
 * Answered from the store when it holds every task the filter could match (no
 * request), else by paging through the service's list with the filters it takes,
 * checking each task here too (a service may ignore its filters). No `vscode`.
 */
import { type Task, type TaskPage, type TaskQuery, type TaskStatus, isOpenTask, taskDue, taskStatus, taskTitle } from '../api/domain';
import { isFilterUnsupported } from '../api/errors';
import type { TaskProvider } from '../api/provider';
import { addDays, dayIn, startOfDay, utcMidnight } from '../shared/dueDates';
import { type DueBucket, dueBucket } from '../tasks/grouping';
import type { TaskStore } from '../tasks/taskStore';

export interface TaskFilter {
  statuses?: readonly TaskStatus[];
  /** A member ID. */
  assignee?: string;
  /** A due group of open tasks (`dueBucket`). */
  due?: DueBucket;
  /** Days in the user's zone, each excluded. */
  dueBefore?: string;
  dueAfter?: string;
  titleContains?: string;
  /** IDs of the records (of `Capabilities.belongsTo`) a task may belong to. */
  belongsTo?: { objectType: string; ids: ReadonlySet<string> };
}

/** The day a task is due on in the user's zone. */
function dueDay(task: Task, zone?: string): string | undefined {
  const due = taskDue(task);
  if (!due) return undefined;
  return 'day' in due ? due.day : dayIn(due.at, zone);
}

export function matchesFilter(task: Task, filter: TaskFilter, now: number, zone?: string): boolean {
  const status = taskStatus(task);
  if (filter.statuses && (!status || !filter.statuses.includes(status))) return false;
  if (filter.assignee && task.assignee !== filter.assignee) return false;
  if (filter.due && (isOpenTask(task) !== true || dueBucket(task, now, zone) !== filter.due)) return false;
  if (filter.dueBefore || filter.dueAfter) {
    const day = dueDay(task, zone);
    if (!day || (filter.dueBefore && day >= filter.dueBefore) || (filter.dueAfter && day <= filter.dueAfter)) return false;
  }
  if (filter.titleContains && !taskTitle(task).toLocaleLowerCase().includes(filter.titleContains.toLocaleLowerCase())) return false;
  if (filter.belongsTo) {
    const { objectType, ids } = filter.belongsTo;
    if (!(task.related?.[objectType] ?? []).some((id) => ids.has(id))) return false;
  }
  return true;
}

export interface FoundTasks {
  tasks: Task[];
  /** Where to go on from, for the next call; undefined when there is no more. */
  cursor?: string;
  /** Whether the answer came from the store (no request) or the service. */
  source: 'store' | 'service';
  /** Tasks the service listed for this answer. */
  scanned: number;
}

/** A call looks at this many of the service's pages at most, then answers with a cursor to go on. */
export const MAX_SCAN_PAGES = 10;

type Cursor = { source: 'store'; at: number } | { source: 'service'; listing: number; at: number };

export function readCursor(text: string | undefined): Cursor | undefined {
  const match = text === undefined ? null : /^(?:store:(\d{1,9})|service:(\d{1,2}):(\d{1,9}))$/.exec(text);
  if (!match) return undefined;
  return match[1] !== undefined ? { source: 'store', at: Number(match[1]) } : { source: 'service', listing: Number(match[2]), at: Number(match[3]) };
}

function cursorText(cursor: Cursor): string {
  return cursor.source === 'store' ? `store:${cursor.at}` : `service:${cursor.listing}:${cursor.at}`;
}

/** The statuses a filter could match of those the service has. */
function wantedStatuses(filter: TaskFilter, statuses: readonly TaskStatus[]): readonly TaskStatus[] {
  return filter.statuses ? statuses.filter((status) => filter.statuses?.includes(status)) : statuses;
}

const HOUR = 3_600_000;

/**
 * The instants the filter's due days lie within, for the service to narrow its
 * list by: due instants in the user's zone, and due days on any clock a service
 * may read them on (a day begins between 14 hours before and 12 hours after UTC
 * midnight). Undefined bounds are open.
 */
export function dueWindow(filter: TaskFilter, now: number, zone?: string): Pick<TaskQuery, 'dueFrom' | 'dueBefore'> {
  const today = dayIn(now, zone);
  // Days excluded on either side, in the user's zone.
  const after: string[] = filter.dueAfter ? [filter.dueAfter] : [];
  const before: string[] = filter.dueBefore ? [filter.dueBefore] : [];
  switch (filter.due) {
    case 'overdue':
      before.push(addDays(today, 1));
      break;
    case 'today':
      // An open task due before today is overdue.
      after.push(addDays(today, -1));
      before.push(addDays(today, 1));
      break;
    case 'week':
      after.push(today);
      before.push(addDays(today, 7));
      break;
    case 'later':
      after.push(addDays(today, 6));
      break;
  }
  const latestAfter = after.sort().at(-1);
  const earliestBefore = before.sort()[0];
  const window: Pick<TaskQuery, 'dueFrom' | 'dueBefore'> = {};
  if (latestAfter) window.dueFrom = new Date(utcMidnight(addDays(latestAfter, 1)) - 14 * HOUR).toISOString();
  if (earliestBefore) window.dueBefore = new Date(Math.max(startOfDay(earliestBefore, zone), utcMidnight(addDays(earliestBefore, -1)) + 12 * HOUR + 1)).toISOString();
  return window;
}

export async function findTasks(store: TaskStore, provider: TaskProvider, filter: TaskFilter, page: { limit: number; cursor?: string }, now = Date.now(), zone?: string): Promise<FoundTasks> {
  const cursor = readCursor(page.cursor);
  const held = store.heldInFull(wantedStatuses(filter, provider.capabilities.statuses), filter.assignee);
  if (held && cursor?.source !== 'service') {
    const matching = held.filter((task) => matchesFilter(task, filter, now, zone));
    const from = cursor?.at ?? 0;
    const tasks = matching.slice(from, from + page.limit);
    const next = from + tasks.length;
    return { tasks, cursor: next < matching.length ? cursorText({ source: 'store', at: next }) : undefined, source: 'store', scanned: 0 };
  }
  // A store cursor the store can no longer serve: the same matches are skipped on the service.
  const from = cursor?.source === 'service' ? cursor : { listing: 0, at: 0 };
  return new ServiceScan(store, provider, filter, page.limit, now, zone).run(from.listing, from.at, cursor?.source === 'store' ? cursor.at : 0);
}

/**
 * One call's walk through the service's lists: one listing per status asked for
 * where the service filters by status and only some are wanted (their first pages
 * asked for at once), else one of every status; after a listing's first page,
 * where the service counts its tasks, the rest of the call's pages at once.
 */
class ServiceScan {
  private readonly tasks: Task[] = [];
  private scanned = 0;
  private pagesRead = 0;
  private filtered: boolean;
  private readonly statuses: readonly TaskStatus[];
  private readonly pageSize: number;
  private readonly window: Pick<TaskQuery, 'dueFrom' | 'dueBefore'>;

  constructor(
    private readonly store: TaskStore,
    private readonly provider: TaskProvider,
    private readonly filter: TaskFilter,
    private readonly limit: number,
    private readonly now: number,
    private readonly zone?: string,
  ) {
    this.filtered = !store.filtersIgnored;
    this.statuses = wantedStatuses(filter, provider.capabilities.statuses);
    this.pageSize = provider.capabilities.maxPageSize;
    this.window = dueWindow(filter, now, zone);
  }

  async run(fromListing: number, fromOffset: number, skip: number): Promise<FoundTasks> {
    if (this.statuses.length === 0) return this.answer();
    let listings: readonly (TaskStatus | undefined)[] = this.listings().slice(fromListing);
    const firstPages = () => Promise.all(listings.map((status, index) => this.page(status, index === 0 ? fromOffset : 0)));
    let firsts: TaskPage[];
    try {
      firsts = await firstPages();
    } catch (error) {
      if (!this.filtered || !isFilterUnsupported(error)) throw error;
      this.filtered = false;
      // The one listing of all: a cursor's offset in it stands (an earlier call fell back too).
      listings = this.listings();
      if (fromListing > 0) [fromListing, fromOffset] = [0, 0];
      firsts = await firstPages();
    }
    for (const [index, status] of listings.entries()) {
      const stop = await this.scanListing(status, index === 0 ? fromOffset : 0, firsts[index], skip);
      skip = stop.skip;
      if (stop.at !== undefined) return this.answer({ source: 'service', listing: fromListing + index, at: stop.at });
    }
    return this.answer();
  }

  /** The statuses listed one by one, or `undefined` for one listing of all. */
  private listings(): readonly (TaskStatus | undefined)[] {
    return this.filtered && this.statuses.length < this.provider.capabilities.statuses.length ? this.statuses : [undefined];
  }

  private page(status: TaskStatus | undefined, offset: number): Promise<TaskPage> {
    const narrowing: TaskQuery = this.filtered
      ? { ...(status ? { status } : {}), ...(this.filter.assignee ? { assignee: this.filter.assignee } : {}), ...this.window }
      : {};
    return this.provider.listTasks({ ...narrowing, offset, limit: this.pageSize });
  }

  /** Takes the listing's matches from `offset` on; `at` is where the answer is full, undefined when the listing ended first. */
  private async scanListing(status: TaskStatus | undefined, offset: number, first: TaskPage, skip: number): Promise<{ at?: number; skip: number }> {
    let round = [first];
    for (;;) {
      for (const listed of round) {
        this.scanned += listed.tasks.length;
        this.pagesRead += 1;
        for (const [index, task] of listed.tasks.entries()) {
          // A service that ignores the status filter lists the task in each listing: it is taken in its own.
          if (status && taskStatus(task) !== status) continue;
          // Our own recent writes are newer than the list.
          const current = this.store.task(task.id) ?? task;
          if (!matchesFilter(current, this.filter, this.now, this.zone)) continue;
          if (skip > 0) {
            skip -= 1;
            continue;
          }
          if (this.tasks.length === this.limit) return { at: offset + index, skip };
          this.tasks.push(current);
        }
        offset += listed.tasks.length;
        if (!listed.hasMore || listed.tasks.length === 0) return { skip };
        // A short page: the pages asked for after it started at the wrong place.
        if (listed.tasks.length < this.pageSize) break;
      }
      const left = MAX_SCAN_PAGES - this.pagesRead;
      if (left <= 0) return { at: offset, skip };
      const total = round[round.length - 1].total;
      const count = total === undefined ? 1 : Math.max(1, Math.min(left, Math.ceil((total - offset) / this.pageSize)));
      round = await Promise.all(Array.from({ length: count }, (_, index) => this.page(status, offset + index * this.pageSize)));
    }
  }

  private answer(cursor?: Cursor): FoundTasks {
    return { tasks: this.tasks, ...(cursor ? { cursor: cursorText(cursor) } : {}), source: 'service', scanned: this.scanned };
  }
}
