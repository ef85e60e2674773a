import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/errors';
import type { TaskStatus } from '../../src/api/domain';
import { taskStatus, taskTitle } from '../../src/api/domain';
import type { StoreSettings } from '../../src/tasks/listings';
import { TaskStore } from '../../src/tasks/taskStore';
import { RELATIONSHIP_FILTERS } from '../server/filters';
import type { LightfieldServer } from '../server/server';
import { clientFor, rejection, useServer } from '../support/lightfield';

const ALL: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];

function storeFor(server: LightfieldServer, settings: Partial<StoreSettings> = {}): TaskStore {
  const provider = clientFor(server);
  return new TaskStore(() => provider, { pageSize: 10, statuses: ALL, ...settings });
}

function serverCount(server: LightfieldServer, status: TaskStatus): number {
  return server.index.listed().filter((task) => task.fields.$status.value === status).length;
}

describe('task store against the local server', () => {
  const server = useServer({ tasks: 64 });

  it('groups by status with the server counts, one page per group', async () => {
    const store = storeFor(server());
    const start = server().requests.length;
    assert.equal(await store.refresh(), undefined);
    // Four lists, after the one read of the definitions a new connection makes.
    assert.equal(server().requests.slice(start).filter((request) => !request.path.startsWith('/v1/tasks/definitions')).length, 4);
    for (const group of store.groups()) {
      assert.equal(group.totalCount, serverCount(server(), group.status), group.status);
      assert.ok(group.tasks.length <= 10);
      assert.ok(group.tasks.every((task) => taskStatus(task) === group.status));
    }
  });

  it('holds a listed task without its described fields, and one read on its own in full', async () => {
    const store = storeFor(server());
    await store.refresh();
    const [listed] = store.loadedTasks();
    assert.ok(store.task(listed.id), 'a listed task is held');
    assert.equal(store.taskInFull(listed.id), undefined, 'but not in full');
    await store.fetch(listed.id);
    assert.ok(Object.keys(store.taskInFull(listed.id)?.fields ?? {}).length > 0, 'read on its own, it is held in full');
  });

  it('paints again for a task read again only when the service changed it', async () => {
    const store = storeFor(server());
    await store.refresh();
    const [listed] = store.loadedTasks();
    let paints = 0;
    const listening = store.onDidChange(() => paints++);
    await store.fetch(listed.id);
    assert.equal(paints, 1, 'read in full for the first time, it paints');
    await store.fetch(listed.id);
    assert.equal(paints, 1, 'read again unchanged, it does not');
    const stored = server().index.get(listed.id);
    assert.ok(stored);
    const renamed = structuredClone(stored);
    renamed.fields.$title.value = 'Renamed elsewhere';
    server().index.put(renamed);
    const changed = await store.fetch(listed.id);
    assert.equal(taskTitle(changed), 'Renamed elsewhere');
    assert.equal(paints, 2, 'changed elsewhere, it paints again');
    listening.dispose();
  });

  it('pages a group with load more until the server has no more', async () => {
    const store = storeFor(server(), { statuses: ['TODO'], pageSize: 7 });
    await store.refresh();
    const total = store.group('TODO').totalCount ?? 0;
    assert.ok(total > 7);
    let pages = 1;
    while (store.group('TODO').hasMore) {
      await store.loadMore('TODO');
      pages += 1;
    }
    assert.equal(store.group('TODO').tasks.length, total);
    assert.equal(pages, Math.ceil(total / 7));
    assert.equal(new Set(store.group('TODO').tasks.map((t) => t.id)).size, total);
  });

  it('filters to one assignee ("mine")', async () => {
    const me = server().members[1].id;
    const store = storeFor(server(), { assignee: me });
    await store.refresh();
    const tasks = store.groups().flatMap((g) => g.tasks);
    assert.ok(tasks.length > 0);
    assert.ok(tasks.every((task) => task.assignee === me));
  });

  it('moves a task at once, confirms the write with a retrieve, and the server has it', async () => {
    const store = storeFor(server());
    await store.refresh();
    const task = store.group('TODO').tasks[0];
    const todoBefore = store.group('TODO').totalCount ?? 0;
    const doneBefore = store.group('COMPLETE').totalCount ?? 0;
    const start = server().requests.length;
    const pending = store.setStatus(task.id, 'COMPLETE');
    assert.equal(store.group('COMPLETE').tasks[0].id, task.id, 'moved before the server answered');
    assert.ok(!store.group('TODO').tasks.some((t) => t.id === task.id));
    assert.equal(store.group('TODO').totalCount, todoBefore - 1);
    assert.equal(store.group('COMPLETE').totalCount, doneBefore + 1);
    await pending;
    const calls = server().requests.slice(start).map((r) => `${r.method} ${r.path.split('?')[0]}`);
    assert.deepEqual(calls, [`POST /v1/tasks/${task.id}`, `GET /v1/tasks/${task.id}`]);
    assert.equal(server().index.get(task.id)?.fields.$status.value, 'COMPLETE');
  });

  it('rolls back when the server refuses, and says why', async () => {
    const store = storeFor(server());
    await store.refresh();
    const task = store.group('IN_PROGRESS').tasks[0];
    server().faults.inject({ kind: 'status', status: 422, method: 'POST', path: new RegExp(task.id) });
    const error = await rejection(() => store.setStatus(task.id, 'CANCELLED'));
    assert.ok(error instanceof ApiError && error.status === 422);
    assert.equal(taskStatus(store.task(task.id)!), 'IN_PROGRESS');
    assert.ok(store.group('IN_PROGRESS').tasks.some((t) => t.id === task.id));
    assert.ok(!store.group('CANCELLED').tasks.some((t) => t.id === task.id));
    assert.equal(server().index.get(task.id)?.fields.$status.value, 'IN_PROGRESS');
  });

  it('restores a snapshot as stale, and a refresh makes it fresh', async () => {
    const first = storeFor(server());
    await first.refresh();
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<TaskStore['snapshot']>;
    const second = storeFor(server());
    const start = server().requests.length;
    assert.equal(second.restore(snapshot), true);
    assert.equal(server().requests.length, start, 'a restore costs no request');
    assert.equal(second.stale, true);
    assert.deepEqual(second.groups().map((g) => g.tasks.map((t) => t.id)), first.groups().map((g) => g.tasks.map((t) => t.id)));
    await second.refresh();
    assert.equal(second.stale, false);
    const other = storeFor(server(), { assignee: server().members[0].id });
    assert.equal(other.restore(snapshot), false, 'a snapshot of another filter does not apply');
  });
});

describe('task store over a lagging index', () => {
  const server = useServer({ tasks: 20, indexLagMs: 400 });

  it('keeps its own writes over list results until the list catches up', async () => {
    const store = storeFor(server());
    await store.refresh();
    const task = store.group('TODO').tasks[0];
    const todoCount = store.group('TODO').totalCount ?? 0;
    await store.setStatus(task.id, 'IN_PROGRESS');
    await store.refresh();
    const listed = server().index.listed().find((t) => t.id === task.id);
    assert.equal(listed?.fields.$status.value, 'TODO', 'the index still lags');
    assert.ok(store.group('IN_PROGRESS').tasks.some((t) => t.id === task.id));
    assert.ok(!store.group('TODO').tasks.some((t) => t.id === task.id));
    assert.equal(store.group('TODO').totalCount, todoCount - 1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    await store.refresh();
    assert.ok(store.group('IN_PROGRESS').tasks.some((t) => t.id === task.id));
    assert.equal(store.group('TODO').totalCount, todoCount - 1);
  });

  it('shows a task it created before the index lists it', async () => {
    const store = storeFor(server());
    await store.refresh();
    const before = store.group('TODO').totalCount ?? 0;
    const created = await store.create({ title: 'Fresh one', status: 'TODO', assignee: server().members[0].id });
    await store.refresh();
    assert.equal(store.group('TODO').tasks[0].id, created.id);
    assert.equal(store.group('TODO').totalCount, before + 1);
  });
});

/** The same checks against a server that filters as asked and one that ignores the task list's filters. */
for (const ignoreFilters of [false, true]) {
  describe(`task store groups right when the server ${ignoreFilters ? 'ignores' : 'applies'} list filters`, () => {
    const server = useServer({ tasks: 40, ignoreFilters });

    it('shows each task in its own status group, with the true counts', async () => {
      const store = storeFor(server());
      assert.equal(await store.refresh(), undefined);
      for (const group of store.groups()) {
        assert.ok(group.tasks.every((task) => taskStatus(task) === group.status), group.status);
        assert.equal(group.totalCount, serverCount(server(), group.status), group.status);
      }
      assert.equal(store.filtersIgnored, ignoreFilters);
      assert.equal(store.takeNotice() !== undefined, ignoreFilters, 'said once when the filters were found ignored');
      assert.equal(store.takeNotice(), undefined);
    });

    it('narrows to "mine" and finds titles by prefix all the same', async () => {
      const me = server().members[1].id;
      const store = storeFor(server(), { assignee: me });
      await store.refresh();
      await store.refresh();
      const mine = store.groups().flatMap((group) => group.tasks);
      assert.equal(mine.length, server().index.listed().filter((task) => task.relationships.$assignedTo.values.includes(me)).length);
      const title = taskTitle(mine[0]);
      const found = await store.searchTitles(title.slice(0, 6));
      assert.ok(found.length > 0 && found.every((task) => taskTitle(task).startsWith(title.slice(0, 6))));
    });
  });
}

/** "Mine" needs the assignee's filter, which the task pages never document: every reading the docs allow. */
for (const relationshipFilters of RELATIONSHIP_FILTERS) {
  describe(`task store shows "mine" right when relationship filters are read as "${relationshipFilters}"`, () => {
    const server = useServer({ tasks: 40, relationshipFilters });

    it('groups the member\'s own tasks with their true counts, and says once when it filters here', async () => {
      const me = server().members[1].id;
      const store = storeFor(server(), { assignee: me });
      assert.equal(await store.refresh(), undefined);
      for (const group of store.groups()) {
        const expected = server()
          .index.listed()
          .filter((task) => task.relationships.$assignedTo.values.includes(me) && task.fields.$status.value === group.status);
        assert.equal(group.totalCount, expected.length, group.status);
        assert.deepEqual(group.tasks.map((task) => task.id).sort(), expected.map((task) => task.id).slice(0, 10).sort().slice(0, group.tasks.length), group.status);
        assert.ok(group.tasks.every((task) => task.assignee === me && taskStatus(task) === group.status), group.status);
      }
      const filteredHere = relationshipFilters !== 'slugs';
      assert.equal(store.filtersIgnored, filteredHere);
      assert.equal(store.takeNotice() !== undefined, filteredHere, 'said once');
      assert.equal(store.takeNotice(), undefined);
    });
  });
}
