import type { Task, TaskPage, TaskQuery } from './domain';
import type { CallOptions } from './provider';

export interface Page<T> {
  items: T[];
  /** Undefined where the service does not count; it then says only whether there is more. */
  total?: number;
  hasMore?: boolean;
}

/**
 * Reads every page of an offset-paged list. With a total, the first page tells
 * how many more there are and the rest are fetched concurrently (the rate limiter
 * paces them); because the total is not stable across pages, reading goes on
 * while the last page came back full and the newest total says there is more
 * (never a trailing empty page when the total held). Without one, pages are read
 * one after another while the service says there are more and each page brings
 * something new. Items seen twice are kept once.
 */
export async function collectAllPages<T extends { id: string }>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize: number,
  concurrency: number,
  signal?: AbortSignal,
): Promise<T[]> {
  const first = await fetchPage(0, pageSize);
  const pages: Page<T>[] = [first];
  const more = (page: Page<T>) =>
    page.total === undefined ? page.hasMore === true : page.items.length === pageSize && pageSize * pages.length < page.total;
  if (more(first) && first.total !== undefined) {
    const offsets: number[] = [];
    for (let offset = pageSize; offset < first.total; offset += pageSize) offsets.push(offset);
    pages.push(...(await mapConcurrently(offsets, concurrency, (offset) => fetchPage(offset, pageSize))));
  }
  const byId = new Map<string, T>();
  const keep = (page: Page<T>) => {
    const before = byId.size;
    for (const item of page.items) {
      if (!byId.has(item.id)) byId.set(item.id, item);
    }
    return byId.size > before;
  };
  pages.forEach(keep);
  // A page with nothing new means the service is not moving on (it ignores where a page starts): reading more would never end.
  while (more(pages[pages.length - 1])) {
    signal?.throwIfAborted();
    const page = await fetchPage(pageSize * pages.length, pageSize);
    pages.push(page);
    if (!keep(page)) break;
  }
  return [...byId.values()];
}

/** Runs the tasks it is handed, at most `limit` at a time, the rest in the order they came; each call resolves when its task has run. */
export function boundedRunner(limit: number): (task: () => Promise<void>) => Promise<void> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finished task hands its slot straight to the next in line, so a newcomer cannot slip in between.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Like `Promise.all(items.map(fn))` with at most `limit` calls in flight; keeps order. */
export async function mapConcurrently<I, O>(items: readonly I[], limit: number, fn: (item: I) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every task a query lists, page after page through an adapter's own `listTasks`. */
export function listEveryTask(
  listTasks: (query: TaskQuery, options: CallOptions) => Promise<TaskPage>,
  query: Omit<TaskQuery, 'offset' | 'limit'>,
  options: CallOptions,
  pageSize: number,
  concurrency: number,
): Promise<Task[]> {
  return collectAllPages(
    async (offset, limit) => {
      const page = await listTasks({ ...query, offset, limit }, options);
      return { items: page.tasks, total: page.total, hasMore: page.hasMore };
    },
    pageSize,
    concurrency,
    options.signal,
  );
}
