/**
 * Deep Close lists: `_skip` is capped (a 400 beyond it) and, where no order is
 * asked for, each answer may come in an order of its own. The adapter reads in a
 * stable order and in `date_created` windows, so every task comes exactly once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloseProvider } from '../../src/api/close/client';
import type { TaskQuery } from '../../src/api/domain';
import { collectAllPages } from '../../src/api/paging';
import { CLOSE_LEAST_KIND } from '../server/close/closeServer';
import { closeClientFor, useCloseServer } from '../support/close';

/** Every task of a list, page after page as the tree loads more; each ID as often as it came. */
async function loadEveryPage(client: CloseProvider, query: TaskQuery, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for (let pages = 0, more = true; more; pages++) {
    assert.ok(pages < 100, 'the pages never end');
    const page = await client.listTasks({ ...query, offset: ids.length, limit });
    ids.push(...page.tasks.map((task) => task.id));
    more = page.hasMore;
  }
  return ids;
}

describe('a Close list deeper than its _skip cap, in no order unless asked', () => {
  const server = useCloseServer({ tasks: 320, ...CLOSE_LEAST_KIND });

  it('lists every task once, never asking past the cap', async () => {
    const start = server().requests.length;
    const tasks = await closeClientFor(server()).listAllTasks();
    assert.equal(new Set(tasks.map((task) => task.id)).size, server().tasks.size);
    assert.equal(tasks.length, server().tasks.size);
    assert.ok(server().requests.slice(start).every((request) => request.status === 200), 'no refused page');
  });

  it('loads more, page after page, as the tree does', async () => {
    const ids = await loadEveryPage(closeClientFor(server()), { status: 'TODO' }, 50);
    assert.equal(new Set(ids).size, ids.length, 'none twice');
    assert.equal(ids.length, [...server().tasks.values()].filter((task) => !task.is_complete).length);
  });

  it('pages through tasks made at the same instant, across pages', async () => {
    const instant = new Date().toISOString();
    // Fewer than the cap, more than a page: a window's skip passes over those already read.
    for (const task of [...server().tasks.values()].slice(0, 45)) task.date_created = instant;
    const ids = await loadEveryPage(closeClientFor(server()), {}, 20);
    assert.equal(new Set(ids).size, server().tasks.size);
    assert.equal(ids.length, server().tasks.size, 'none twice');
  });
});

describe('reading every page of a service that does not move on', () => {
  it('stops at a page that brings nothing new, where the service keeps saying there is more', async () => {
    let asked = 0;
    const items = await collectAllPages(
      () => {
        asked++;
        assert.ok(asked < 10, 'still asking');
        return Promise.resolve({ items: [{ id: 'a' }, { id: 'b' }], hasMore: true });
      },
      2,
      1,
    );
    assert.deepEqual(items.map((item) => item.id), ['a', 'b']);
    assert.equal(asked, 2);
  });
});
