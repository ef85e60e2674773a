/** "Find tasks" for the agent: from the store when it holds the answer (no request), else paged from the service, filters ignored or not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTasks, matchesFilter, type TaskFilter } from '../../src/agent/taskSearch';
import type { Task, TaskStatus } from '../../src/api/domain';
import { taskStatus } from '../../src/api/domain';
import { TaskStore } from '../../src/tasks/taskStore';
import type { LightfieldServer } from '../server/server';
import { clientFor, useServer } from '../support/lightfield';

const ALL: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];

function storeFor(server: LightfieldServer, assignee?: string) {
  const provider = clientFor(server);
  return { provider, store: new TaskStore(() => provider, { pageSize: 25, statuses: ALL, assignee }) };
}

/** Every match, following the cursors. */
async function allPages(store: TaskStore, provider: ReturnType<typeof clientFor>, filter: TaskFilter, limit: number): Promise<{ ids: string[]; calls: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let calls = 0;
  do {
    const found = await findTasks(store, provider, filter, { limit, cursor });
    assert.ok(found.tasks.length <= limit);
    ids.push(...found.tasks.map((task) => task.id));
    cursor = found.cursor;
    calls += 1;
  } while (cursor && calls < 50);
  return { ids, calls };
}

describe('agent find tasks: matching', () => {
  const day = (dueAt: string): Task => ({ id: 't', title: 'Renew the Acme contract', status: 'TODO', dueAt, createdAt: '2026-11-01T00:00:00Z', fields: {} });

  it('reads due days in the user\'s zone, each bound excluded', () => {
    // 23:00 on the 25th in Los Angeles, the 26th in Tokyo.
    const lateTonight = day('2026-11-26T07:00:00Z');
    const filter = { dueAfter: '2026-11-24', dueBefore: '2026-11-26' };
    assert.equal(matchesFilter(lateTonight, filter, 0, 'America/Los_Angeles'), true);
    assert.equal(matchesFilter(lateTonight, filter, 0, 'Asia/Tokyo'), false);
    assert.equal(matchesFilter(day('2026-11-26'), filter, 0, 'Asia/Tokyo'), false);
    assert.equal(matchesFilter(day('2026-11-25'), filter, 0, 'Asia/Tokyo'), true);
  });

  it('finds text anywhere in the title, in any case, and what a task belongs to', () => {
    const task = { ...day('2026-11-25'), related: { account: ['acc_1'] } };
    assert.equal(matchesFilter(task, { titleContains: 'ACME' }, 0), true);
    assert.equal(matchesFilter(task, { titleContains: 'globex' }, 0), false);
    assert.equal(matchesFilter(task, { belongsTo: { objectType: 'account', ids: new Set(['acc_1']) } }, 0), true);
    assert.equal(matchesFilter(task, { belongsTo: { objectType: 'account', ids: new Set(['acc_2']) } }, 0), false);
  });
});

describe('agent find tasks against the local server', () => {
  const server = useServer({ tasks: 30 });

  it('answers from the store with no request when it holds every task the filter can match', async () => {
    const { store, provider } = storeFor(server());
    await store.refresh();
    const before = server().requests.length;
    const found = await findTasks(store, provider, { statuses: ['TODO'] }, { limit: 50 });
    assert.equal(found.source, 'store');
    assert.equal(server().requests.length, before, 'no request');
    const todo = server().index.listed().filter((task) => task.fields.$status.value === 'TODO').map((task) => task.id);
    assert.deepEqual(found.tasks.map((task) => task.id).sort(), todo.sort());
  });

  it('asks the service when the store lists another member\'s tasks, and gives the same answer', async () => {
    const me = server().members[1].id;
    const { store, provider } = storeFor(server(), me);
    await store.refresh();
    const { store: everyone } = storeFor(server());
    await everyone.refresh();
    const fromService = await findTasks(store, provider, { statuses: ['TODO', 'COMPLETE'] }, { limit: 50 });
    assert.equal(fromService.source, 'service');
    const fromStore = await findTasks(everyone, provider, { statuses: ['TODO', 'COMPLETE'] }, { limit: 50 });
    assert.equal(fromStore.source, 'store');
    assert.deepEqual(fromService.tasks.map((task) => task.id).sort(), fromStore.tasks.map((task) => task.id).sort());
  });
});

for (const ignoreFilters of [false, true]) {
  describe(`agent find tasks pages through a service that ${ignoreFilters ? 'ignores' : 'applies'} list filters`, () => {
    const server = useServer({ tasks: 70, ignoreFilters });

    it('lists every match once, a page at a time, and only matches', async () => {
      const member = server().members[2].id;
      const { store, provider } = storeFor(server());
      const filter: TaskFilter = { statuses: ['TODO'], assignee: member };
      const expected = server().index.listed().filter((task) => task.fields.$status.value === 'TODO' && task.relationships.$assignedTo.values.includes(member)).map((task) => task.id);
      assert.ok(expected.length > 3, 'enough to page');
      const { ids, calls } = await allPages(store, provider, filter, 3);
      assert.deepEqual([...ids].sort(), [...expected].sort());
      assert.equal(new Set(ids).size, ids.length, 'none twice');
      assert.ok(calls >= Math.ceil(expected.length / 3));
      const one = await findTasks(store, provider, filter, { limit: 50 });
      assert.ok(one.tasks.every((task) => taskStatus(task) === 'TODO' && task.assignee === member));
    });
  });
}

describe('agent find tasks: a group the store has only partly', () => {
  const server = useServer({ tasks: 40 });

  it('asks the service when a group has more than the store listed', async () => {
    const provider = clientFor(server());
    const store = new TaskStore(() => provider, { pageSize: 5, statuses: ALL });
    await store.refresh();
    const todo = server().index.listed().filter((task) => task.fields.$status.value === 'TODO').map((task) => task.id);
    assert.ok(todo.length > 5, 'more than a page');
    const found = await findTasks(store, provider, { statuses: ['TODO'] }, { limit: 50 });
    assert.equal(found.source, 'service');
    assert.deepEqual(found.tasks.map((task) => task.id).sort(), todo.sort());
  });
});
