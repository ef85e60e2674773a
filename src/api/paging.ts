export interface Page<T> {
  data: T[];
  totalCount: number;
}

/**
 * Reads every page of an offset-paged list. The first page tells the total; the
 * rest are fetched concurrently (the rate limiter paces them). Because the total
 * is not stable across pages, reading goes on past it while pages come back
 * full, and items seen twice are kept once.
 */
export async function collectAllPages<T extends { id: string }>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize: number,
  concurrency: number,
  signal?: AbortSignal,
): Promise<T[]> {
  const first = await fetchPage(0, pageSize);
  const pages: Page<T>[] = [first];
  let lastFull = first.data.length === pageSize;
  if (lastFull) {
    const offsets: number[] = [];
    for (let offset = pageSize; offset < first.totalCount; offset += pageSize) {
      offsets.push(offset);
    }
    const fetched = await mapConcurrently(offsets, concurrency, (offset) => fetchPage(offset, pageSize));
    pages.push(...fetched);
    lastFull = pages[pages.length - 1].data.length === pageSize;
    let offset = pageSize * pages.length;
    while (lastFull) {
      signal?.throwIfAborted();
      const page = await fetchPage(offset, pageSize);
      pages.push(page);
      lastFull = page.data.length === pageSize;
      offset += pageSize;
    }
  }
  const byId = new Map<string, T>();
  for (const page of pages) {
    for (const item of page.data) {
      if (!byId.has(item.id)) {
        byId.set(item.id, item);
      }
    }
  }
  return [...byId.values()];
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
