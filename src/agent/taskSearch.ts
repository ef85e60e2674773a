/**
 * "Find tasks" for the agent: the tasks that match a filter, a page at a time.
 * Answered from the store when it holds every task the filter could match (no
 * request), else by paging through the service's list with the filters it takes,
 * checking each task here too (a service may ignore its filters). No `vscode`.
 */
import { type Task, type TaskPage, type TaskQuery, type TaskStatus, isOpenTask, taskDue, taskStatus, taskTitle } from '../api/domain';
import { isFilterUnsupported } from '../api/errors';
import type { TaskProvider } from '../api/provider';
import { dayIn } from '../shared/dueDates';
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

interface Cursor {
  source: 'store' | 'service';
  /** Store: matches already given. Service: the list offset to go on from. */
  at: number;
}

export function readCursor(text: string | undefined): Cursor | undefined {
  const match = text === undefined ? null : /^(store|service):(\d{1,9})$/.exec(text);
  return match ? { source: match[1] as Cursor['source'], at: Number(match[2]) } : undefined;
}

function cursorText(cursor: Cursor): string {
  return `${cursor.source}:${cursor.at}`;
}

/** The statuses a filter could match of those the service has. */
function wantedStatuses(filter: TaskFilter, statuses: readonly TaskStatus[]): readonly TaskStatus[] {
  return filter.statuses ? statuses.filter((status) => filter.statuses?.includes(status)) : statuses;
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
  const skip = cursor?.source === 'store' ? cursor.at : 0;
  return scanService(store, provider, filter, { limit: page.limit, offset: cursor?.source === 'service' ? cursor.at : 0, skip }, now, zone);
}

async function scanService(store: TaskStore, provider: TaskProvider, filter: TaskFilter, page: { limit: number; offset: number; skip: number }, now: number, zone?: string): Promise<FoundTasks> {
  const { capabilities } = provider;
  const statuses = wantedStatuses(filter, capabilities.statuses);
  let filtered = !store.filtersIgnored;
  const query = (offset: number): TaskQuery => ({
    ...(filtered && statuses.length === 1 ? { status: statuses[0] } : {}),
    ...(filtered && filter.assignee ? { assignee: filter.assignee } : {}),
    offset,
    limit: capabilities.maxPageSize,
  });
  const tasks: Task[] = [];
  let { offset, skip } = page;
  let scanned = 0;
  let pagesRead = 0;
  // The first page alone (it tells whether the service takes the filters, and how many there are); then,
  // where the service counts them, the rest of this call's pages at once.
  let round: TaskPage[];
  try {
    round = [await provider.listTasks(query(offset))];
  } catch (error) {
    if (!filtered || !isFilterUnsupported(error)) throw error;
    filtered = false;
    round = [await provider.listTasks(query(offset))];
  }
  for (;;) {
    for (const listed of round) {
      scanned += listed.tasks.length;
      pagesRead += 1;
      for (const [index, task] of listed.tasks.entries()) {
        // Our own recent writes are newer than the list.
        const current = store.task(task.id) ?? task;
        if (!matchesFilter(current, filter, now, zone)) continue;
        if (skip > 0) {
          skip -= 1;
          continue;
        }
        if (tasks.length === page.limit) return { tasks, cursor: cursorText({ source: 'service', at: offset + index }), source: 'service', scanned };
        tasks.push(current);
      }
      offset += listed.tasks.length;
      if (!listed.hasMore || listed.tasks.length === 0) return { tasks, source: 'service', scanned };
      // A short page: the pages asked for after it started at the wrong place.
      if (listed.tasks.length < capabilities.maxPageSize) break;
    }
    const left = MAX_SCAN_PAGES - pagesRead;
    if (left <= 0) break;
    const total = round[round.length - 1].total;
    const count = total === undefined ? 1 : Math.max(1, Math.min(left, Math.ceil((total - offset) / capabilities.maxPageSize)));
    round = await Promise.all(Array.from({ length: count }, (_, index) => provider.listTasks(query(offset + index * capabilities.maxPageSize))));
  }
  return { tasks, cursor: cursorText({ source: 'service', at: offset }), source: 'service', scanned };
}
