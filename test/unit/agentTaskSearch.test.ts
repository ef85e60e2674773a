/** "Find tasks" for the agent: from the store when it holds the answer (no request), else paged from the service, filters ignored or not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dueWindow, findTasks, matchesFilter, type TaskFilter } from '../../src/agent/taskSearch';
import type { Task, TaskStatus } from '../../src/api/domain';
import { taskStatus } from '../../src/api/domain';
import type { TaskProvider } from '../../src/api/provider';
import { DUE_BUCKETS } from '../../src/tasks/grouping';
import { TaskStore } from '../../src/tasks/taskStore';
import type { LightfieldServer } from '../server/server';
import { closeClientFor, useCloseServer } from '../support/close';
import { clientFor, useServer } from '../support/lightfield';

const ALL: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];

function storeFor(server: LightfieldServer, assignee?: string) {
  const provider = clientFor(server);
  return { provider, store: new TaskStore(() => provider, { pageSize: 25, statuses: ALL, assignee }) };
}

/** Every match, following the cursors. */
async function allPages(store: TaskStore, provider: TaskProvider, filter: TaskFilter, limit: number): Promise<{ ids: string[]; calls: number }> {
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

describe('agent find tasks: the due window the service narrows by', () => {
  const ZONES = ['Pacific/Kiritimati', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'UTC'];
  const HOUR = 3_600_000;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  it('holds every task the filter matches, however the service reads a day', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    const instant = fc.integer({ min: now - 40 * 24 * HOUR, max: now + 40 * 24 * HOUR });
    const filter = fc.record({ due: fc.option(fc.constantFrom(...DUE_BUCKETS), { nil: undefined }), dueBefore: fc.option(instant.map(day), { nil: undefined }), dueAfter: fc.option(instant.map(day), { nil: undefined }) });
    const due = fc.oneof(instant.map((ms) => new Date(ms).toISOString()), instant.map(day));
    fc.assert(
      fc.property(filter, due, fc.constantFrom(...ZONES), fc.integer({ min: -36 * HOUR, max: 36 * HOUR }), (filter, dueAt, zone, shift) => {
        const task: Task = { id: 't', title: 'Call Globex', status: 'TODO', dueAt, createdAt: '2026-11-01T00:00:00Z', fields: {} };
        const at = now + shift;
        if (!matchesFilter(task, filter, at, zone)) return;
        const window = dueWindow(filter, at, zone);
        // A day as the service may read it: UTC midnight, or its start on the earliest and the latest clocks.
        const readings = dueAt.length === 10 ? [-14 * HOUR, 0, 12 * HOUR].map((offset) => Date.parse(`${dueAt}T00:00:00Z`) + offset) : [Date.parse(dueAt)];
        for (const reading of readings) {
          assert.ok(!window.dueFrom || reading >= Date.parse(window.dueFrom), `${dueAt} from ${window.dueFrom}`);
          assert.ok(!window.dueBefore || reading < Date.parse(window.dueBefore), `${dueAt} before ${window.dueBefore}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('narrows to the days asked for, not to everything', () => {
    const window = dueWindow({ due: 'week' }, Date.parse('2026-12-02T12:00:00Z'), 'UTC');
    // Tomorrow on the earliest clock, to the end of the sixth day after it here.
    assert.deepEqual(window, { dueFrom: '2026-12-02T10:00:00.000Z', dueBefore: '2026-12-09T00:00:00.000Z' });
    assert.deepEqual(dueWindow({ titleContains: 'x' }, 0), {});
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
    const server = useServer({ tasks: 160, ignoreFilters });

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

    it('finds open tasks due this week, each once, as a scan of every task would', async () => {
      const { store, provider } = storeFor(server());
      const filter: TaskFilter = { statuses: ['TODO', 'IN_PROGRESS'], due: 'week' };
      const now = Date.now();
      const expected = (await provider.listAllTasks()).filter((task) => matchesFilter(task, filter, now)).map((task) => task.id);
      assert.ok(expected.length > 2, 'enough to page');
      const { ids } = await allPages(store, provider, filter, 2);
      assert.deepEqual([...ids].sort(), [...expected].sort());
      assert.equal(new Set(ids).size, ids.length, 'none twice');
    });
  });
}

describe('agent find tasks: a service that applies the filters is asked once per status, all at once', () => {
  const server = useServer({ tasks: 200 });

  it('asks for the first page of each open status with the due window, and no more when they hold the answer', async () => {
    const { store, provider } = storeFor(server());
    const before = server().requests.length;
    const found = await findTasks(store, provider, { statuses: ['TODO', 'IN_PROGRESS'], due: 'week' }, { limit: 50 });
    const lists = server().requests.slice(before).filter((request) => request.path.startsWith('/v1/tasks?')).map((request) => decodeURIComponent(request.path));
    assert.ok(found.tasks.length > 0 && found.cursor === undefined);
    assert.equal(lists.length, 2, lists.join('\n'));
    assert.ok(lists.every((path) => path.includes('$dueAt[greaterThanOrEqual]=') && path.includes('$dueAt[lessThan]=') && path.includes('offset=0')), lists.join('\n'));
  });
});

describe('agent find tasks: a service that refuses the due window', () => {
  const server = useServer({ tasks: 80 });

  it('lists without its filters and still finds every match', async () => {
    // An organisation whose due field is text: a range on it is a 400 invalid_type.
    server().definitions.fieldDefinitions.$dueAt.valueType = 'TEXT';
    const { store, provider } = storeFor(server());
    const filter: TaskFilter = { statuses: ['TODO', 'IN_PROGRESS'], due: 'week' };
    const now = Date.now();
    const expected = (await provider.listAllTasks()).filter((task) => matchesFilter(task, filter, now)).map((task) => task.id);
    const before = server().requests.length;
    const { ids } = await allPages(store, provider, filter, 50);
    assert.deepEqual([...ids].sort(), [...expected].sort());
    assert.ok(server().requests.slice(before).some((request) => request.status === 400), 'the window was refused');
  });
});

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

describe('agent find tasks on Close, whose date filters read days on the user\'s clock', () => {
  const server = useCloseServer({ tasks: 120 });

  it('finds every open task due this week with the due window sent', async () => {
    const provider = closeClientFor(server());
    const store = new TaskStore(() => provider, { pageSize: 25, statuses: provider.capabilities.statuses });
    const filter: TaskFilter = { statuses: ['TODO'], due: 'week' };
    const now = Date.now();
    const expected = (await provider.listAllTasks()).filter((task) => matchesFilter(task, filter, now)).map((task) => task.id);
    assert.ok(expected.length > 2, 'enough to find');
    const before = server().requests.length;
    const { ids } = await allPages(store, provider, filter, 50);
    assert.deepEqual([...ids].sort(), [...expected].sort());
    assert.ok(server().requests.slice(before).some((request) => request.path.includes('date__gte=') && request.path.includes('date__lt=')));
  });
});
