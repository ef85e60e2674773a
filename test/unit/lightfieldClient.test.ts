import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/errors';
import { isUnreadable } from '../../src/api/values';
import { filterQuery } from '../../src/api/lightfield/client';
import { clientFor, rejection, useServer } from '../support/lightfield';

describe('Lightfield client: calls against the local server', () => {
  const server = useServer({ tasks: 60, customFields: true });

  it('checks the key and says what it may do', async () => {
    const account = await clientFor(server()).checkKey();
    assert.deepEqual(account, { active: true, canRead: true, canCreate: true, canUpdate: true, canDelete: true, canReadMembers: true, summary: 'user key, scopes: all' });
  });

  it('describes the task fields from the definitions: system fields first, custom fields and option IDs included', async () => {
    const { fields } = await clientFor(server()).describeTasks();
    assert.deepEqual(fields.slice(0, 5).map((field) => field.role), ['title', 'status', 'assignee', 'dueAt', 'description']);
    const assignee = fields.find((field) => field.role === 'assignee');
    assert.equal(assignee?.kind, 'relationship');
    assert.equal(assignee?.objectType, 'member');
    assert.equal(assignee?.requiredOnCreate, true);
    const priority = fields.find((field) => field.key === 'priority');
    assert.equal(priority?.valueType, 'SINGLE_SELECT');
    assert.ok(priority?.options?.every((option) => option.id.startsWith('opt_')));
    assert.equal(fields.find((field) => field.key === '$note')?.readOnly, true);
  });

  it('lists one page with offset and limit, with the total', async () => {
    const client = clientFor(server());
    const first = await client.listTasks({ limit: 10 });
    const second = await client.listTasks({ limit: 10, offset: 10 });
    assert.equal(first.tasks.length, 10);
    assert.equal(first.total, 60);
    assert.equal(first.hasMore, true);
    assert.equal(new Set([...first.tasks, ...second.tasks].map((task) => task.id)).size, 20);
  });

  it('translates a semantic query to filters: status, assignee (by the slug the definitions name) and title prefix', async () => {
    const client = clientFor(server());
    const before = server().requests.length;
    const todo = await client.listAllTasks({ status: 'TODO' });
    const done = await client.listAllTasks({ status: 'COMPLETE' });
    assert.ok(todo.length > 0 && todo.every((task) => task.status === 'TODO'));
    assert.ok(done.length > 0 && done.every((task) => task.status === 'COMPLETE'));
    const ada = server().members[0].id;
    const adas = await client.listAllTasks({ assignee: ada });
    assert.ok(adas.length > 0 && adas.every((task) => task.assignee === ada));
    assert.ok(server().requests.slice(before).some((request) => decodeURIComponent(request.path).includes('$task-owner[contains]')), 'the assignee filter uses the definition\'s slug');
    const prefix = todo[0].title.slice(0, 6);
    const titled = await client.listAllTasks({ titlePrefix: prefix });
    assert.ok(titled.length > 0 && titled.every((task) => task.title.startsWith(prefix)));
  });

  it('shapes filters as key[operator]=value with a leading - to negate', () => {
    assert.deepEqual(filterQuery([{ key: '$status', operator: 'equal', value: 'TODO' }, { key: '$title', operator: 'startsWith', value: 'Call', negate: true }]), {
      '$status[equal]': 'TODO',
      '$title[-startsWith]': 'Call',
    });
  });

  it('lists every task with pages fetched concurrently', async () => {
    const client = clientFor(server());
    // The definitions are read once per client, before the first list.
    await client.describeTasks();
    const before = server().requests.length;
    // With latency, a client that waited for each page would never have two in flight.
    server().faults.rates.latencyMs = 40;
    server().peakConcurrency = 0;
    const all = await client.listAllTasks().finally(() => (server().faults.rates.latencyMs = 0));
    assert.equal(all.length, 60);
    assert.equal(new Set(all.map((task) => task.id)).size, 60);
    assert.equal(server().requests.length - before, 3);
    assert.ok(server().peakConcurrency >= 2, `peak concurrency was ${server().peakConcurrency}`);
  });

  it('creates, retrieves and updates a task, relationships included', async () => {
    const client = clientFor(server());
    const [ada, grace] = server().members;
    const created = await client.createTask({
      title: 'Write the quarterly plan',
      status: 'TODO',
      dueAt: '2026-12-01T09:00:00+01:00',
      assignee: ada.id,
      values: { estimate: 2.5 },
    });
    assert.equal(created.title, 'Write the quarterly plan');
    assert.equal(created.status, 'TODO');
    assert.equal(created.dueAt, '2026-12-01T08:00:00.000Z');
    assert.equal(created.assignee, ada.id);
    assert.deepEqual(created.fields.$createdBy.value, [ada.id]);
    assert.equal(created.fields.estimate.value, 2.5);

    const fetched = await client.getTask(created.id);
    assert.deepEqual(fetched, created);

    const updated = await client.updateTask(created.id, { status: 'IN_PROGRESS', dueAt: null, values: { $assignedTo: [grace.id] } });
    assert.equal(updated.status, 'IN_PROGRESS');
    assert.equal(updated.dueAt, undefined);
    assert.equal(updated.title, 'Write the quarterly plan', 'fields not sent stay as they were');
    assert.equal(updated.assignee, grace.id);
    assert.ok(String(updated.updatedAt) > String(created.updatedAt), 'updatedAt moves');
  });

  it('lists every member by name', async () => {
    const members = await clientFor(server()).listMembers();
    assert.equal(members.length, 5);
    assert.deepEqual(members.map((member) => member.id).sort(), server().members.map((member) => member.id).sort());
    assert.ok(members.every((member) => member.name && !member.name.startsWith('mem_')));
  });

  it('shows a page whose one field is of the wrong type or a newer type, and logs that field\'s path', async () => {
    const lines: string[] = [];
    server().faults.inject({
      kind: 'mutate',
      method: 'GET',
      path: /^\/v1\/tasks$/,
      mutate: (body) => {
        const page = body as { data: { fields: Record<string, unknown> }[] };
        page.data[2].fields.billable = { valueType: 'CHECKBOX', value: 'x' };
        page.data[3].fields.mood = { valueType: 'EMOJI', value: ':)' };
        return page;
      },
    });
    const page = await clientFor(server(), { log: (line) => lines.push(line) }).listTasks({ limit: 5 });
    assert.equal(page.tasks.length, 5);
    assert.ok(isUnreadable(page.tasks[2].fields.billable));
    assert.ok(isUnreadable(page.tasks[3].fields.mood));
    assert.ok(lines.some((line) => line.includes('data[2].fields.billable')), lines.join('\n'));
    assert.ok(lines.some((line) => line.includes('data[3].fields.mood')));
  });

  it('carries the API error type, code and param, names the field, and does not retry a 400', async () => {
    const client = clientFor(server());
    await client.describeTasks();
    const before = server().requests.length;
    const error = await rejection(() =>
      client.createTask({ title: 'x', status: 'TODO', assignee: server().members[0].id, values: { $nope: 1 } }),
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.type, 'bad_request');
    assert.equal(error.code, 'unknown_field');
    assert.equal(error.param, 'fields.$nope');
    assert.deepEqual(error.fieldErrors, { $nope: error.message });
    assert.equal(error.retryable, false);
    assert.equal(server().requests.length - before, 1);
  });

  it('reports missing required values, bad types and unknown IDs', async () => {
    const client = clientFor(server());
    const assignee = server().members[0].id;
    const missing = await rejection(() => client.createTask({ status: 'TODO', assignee }));
    assert.ok(missing instanceof ApiError && missing.code === 'parameter_missing' && missing.param === 'fields.$title');
    const badStatus = await rejection(() => client.createTask({ title: 't', assignee, values: { $status: 'DONE' } }));
    assert.ok(badStatus instanceof ApiError && badStatus.code === 'invalid_type' && badStatus.param === 'fields.$status');
    const notFound = await rejection(() => client.getTask('tsk_missing'));
    assert.ok(notFound instanceof ApiError && notFound.status === 404 && notFound.type === 'not_found');
  });

  it('refuses a bad key with 401 and a missing scope with 403', async () => {
    const badKey = await rejection(() => clientFor(server(), { getKey: () => 'sk_lf_wrong' }).listTasks());
    assert.ok(badKey instanceof ApiError && badKey.status === 401 && badKey.type === 'unauthorized' && !badKey.retryable);
  });
});

describe('Lightfield client: scopes', () => {
  const server = useServer({ tasks: 3, keys: [{ key: 'sk_lf_readonly', scopes: ['tasks:read'] }, { key: 'sk_lf_members_only', scopes: ['members:read'] }] });

  it('says when a key may not read tasks at all', async () => {
    const account = await clientFor(server(), { getKey: () => 'sk_lf_members_only' }).checkKey();
    assert.deepEqual([account.canRead, account.canReadMembers], [false, true]);
    assert.equal((await clientFor(server(), { getKey: () => 'sk_lf_readonly' }).checkKey()).canRead, true);
  });

  it('gets 403 forbidden for a write the key may not do', async () => {
    const client = clientFor(server(), { getKey: () => 'sk_lf_readonly' });
    const account = await client.checkKey();
    assert.deepEqual([account.canCreate, account.canUpdate, account.canReadMembers], [false, false, false]);
    const error = await rejection(() => client.updateTask((server().index.listed()[0]).id, { title: 'x' }));
    assert.ok(error instanceof ApiError && error.status === 403 && error.type === 'forbidden');
  });
});

describe('Lightfield client: paging to the end', () => {
  const server = useServer({ tasks: 50 });

  it('stops when the pages hold the total: no trailing empty page', async () => {
    const client = clientFor(server());
    await client.describeTasks();
    const before = server().requests.length;
    const all = await client.listAllTasks();
    assert.equal(all.length, 50);
    assert.equal(server().requests.length - before, 2, 'two full pages of 25, and no third');
  });
});

describe('Lightfield client: definitions remembered from an earlier start', () => {
  const server = useServer({ tasks: 30, customFields: true });

  it('lists at once with the remembered definitions, reads the current ones beside, and remembers those', async () => {
    let stored: unknown;
    const memory = { read: () => stored, write: (value: unknown) => void (stored = value) };
    await clientFor(server(), { memory }).describeTasks();
    assert.ok(stored, 'the first start remembers the definitions it read');
    // A second start: its first list does not wait for the definitions (here they even fail to come).
    server().faults.inject({ kind: 'status', status: 503, path: /^\/v1\/tasks\/definitions$/, times: 20 });
    const start = server().requests.length;
    const page = await clientFor(server(), { memory, retry: { maxAttempts: 2, baseDelayMs: 1 } }).listTasks({ status: 'TODO' }).finally(() => server().faults.clear());
    assert.ok(page.tasks.length > 0 && page.tasks.every((task) => task.status === 'TODO'));
    const paths = server().requests.slice(start).map((request) => request.path.split('?')[0]);
    assert.ok(paths.includes('/v1/tasks/definitions'), 'the current definitions are read all the same');
  });
});

describe('Lightfield client: a connection\'s first lists', () => {
  const server = useServer({ tasks: 30, faults: { latencyMs: 80 } });
  const opaque = useServer({ tasks: 30, statusReading: 'optionIds' });

  it('go out beside the first definitions read, not after it', async () => {
    const start = server().requests.length;
    const page = await clientFor(server()).listTasks({ status: 'IN_PROGRESS' });
    assert.ok(page.tasks.length > 0 && page.tasks.every((task) => task.status === 'IN_PROGRESS'));
    const sent = server().requests.slice(start);
    const definitions = sent.find((request) => request.path === '/v1/tasks/definitions');
    const lists = sent.filter((request) => request.path.startsWith('/v1/tasks?'));
    assert.ok(definitions, 'the definitions are read');
    assert.equal(lists.length, 1, 'one list: the guess was right');
    // The server answers each after 80 ms: a list sent after the definitions came back would arrive that much later.
    assert.ok(lists[0].at - definitions.at < 40, `the list arrived ${lists[0].at - definitions.at} ms after the definitions request`);
  });

  it('are asked again with the real option when the status options\' IDs do not spell the status', async () => {
    const expected = (status: string) => {
      const option = opaque().definitions.fieldDefinitions.$status?.typeConfiguration?.options?.find((o) => o.label === status)?.id;
      return opaque().index.listed().filter((task) => task.fields.$status.value === option).length;
    };
    const client = clientFor(opaque());
    const [todo, done] = await Promise.all([client.listAllTasks({ status: 'TODO' }), client.listAllTasks({ status: 'COMPLETE' })]);
    assert.ok(todo.length > 0 && todo.every((task) => task.status === 'TODO'));
    assert.equal(todo.length, expected('To do'));
    assert.equal(done.length, expected('Complete'));
  });
});
