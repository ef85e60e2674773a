import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/errors';
import { isUnreadable } from '../../src/api/model';
import { filterQuery } from '../../src/api/lightfield/client';
import { clientFor, rejection, useServer } from '../support/lightfield';

describe('Lightfield client: calls against the local server', () => {
  const server = useServer({ tasks: 60, customFields: true });

  it('validates the key and reports its scopes', async () => {
    const info = await clientFor(server()).validateKey();
    assert.deepEqual(info, { active: true, scopes: [], subjectType: 'user', tokenType: 'api_key' });
  });

  it('reads the definitions, custom fields and option IDs included', async () => {
    const definitions = await clientFor(server()).definitions();
    assert.equal(definitions.fieldDefinitions.$title.valueType, 'TEXT');
    assert.equal(definitions.relationshipDefinitions.$assignedTo.cardinality, 'HAS_ONE');
    const priority = definitions.fieldDefinitions.priority;
    assert.equal(priority.valueType, 'SINGLE_SELECT');
    assert.ok(priority.typeConfiguration?.options?.every((option) => option.id.startsWith('opt_')));
  });

  it('lists one page with offset and limit', async () => {
    const client = clientFor(server());
    const first = await client.listTasks({ limit: 10 });
    const second = await client.listTasks({ limit: 10, offset: 10 });
    assert.equal(first.data.length, 10);
    assert.equal(first.totalCount, 60);
    assert.equal(new Set([...first.data, ...second.data].map((task) => task.id)).size, 20);
  });

  it('filters by status, negated status and due date', async () => {
    const client = clientFor(server());
    const todo = await client.listAllTasks({ filters: [{ key: '$status', operator: 'equal', value: 'TODO' }] });
    const notTodo = await client.listAllTasks({ filters: [{ key: '$status', operator: 'equal', value: 'TODO', negate: true }] });
    assert.ok(todo.length > 0 && todo.every((task) => task.fields.$status.value === 'TODO'));
    assert.ok(notTodo.every((task) => task.fields.$status.value !== 'TODO'));
    assert.equal(todo.length + notTodo.length, 60);
    const now = new Date().toISOString();
    const overdue = await client.listAllTasks({ filters: [{ key: '$dueAt', operator: 'lessThan', value: now }] });
    assert.ok(overdue.length > 0 && overdue.every((task) => (task.fields.$dueAt.value as string) < now));
  });

  it('shapes filters as key[operator]=value with a leading - to negate', () => {
    assert.deepEqual(filterQuery([{ key: '$status', operator: 'equal', value: 'TODO' }, { key: '$title', operator: 'startsWith', value: 'Call', negate: true }]), {
      '$status[equal]': 'TODO',
      '$title[-startsWith]': 'Call',
    });
  });

  it('lists every task with pages fetched concurrently', async () => {
    const before = server().requests.length;
    // With latency, a client that waited for each page would never have two in flight.
    server().faults.rates.latencyMs = 40;
    server().peakConcurrency = 0;
    const all = await clientFor(server()).listAllTasks().finally(() => (server().faults.rates.latencyMs = 0));
    assert.equal(all.length, 60);
    assert.equal(new Set(all.map((task) => task.id)).size, 60);
    assert.equal(server().requests.length - before, 3);
    assert.ok(server().peakConcurrency >= 2, `peak concurrency was ${server().peakConcurrency}`);
  });

  it('creates, retrieves and updates a task, relationships included', async () => {
    const client = clientFor(server());
    const [ada, grace] = server().members;
    const created = await client.createTask({
      fields: { $title: 'Write the quarterly plan', $status: 'TODO', $dueAt: '2026-12-01T09:00:00+01:00', estimate: 2.5 },
      relationships: { $assignedTo: ada.id },
    });
    assert.equal(created.fields.$title.value, 'Write the quarterly plan');
    assert.equal(created.fields.$dueAt.value, '2026-12-01T08:00:00.000Z');
    assert.deepEqual(created.relationships.$assignedTo.values, [ada.id]);
    assert.deepEqual(created.relationships.$createdBy.values, [ada.id]);

    const fetched = await client.getTask(created.id);
    assert.deepEqual(fetched, created);

    const updated = await client.updateTask(created.id, {
      fields: { $status: 'IN_PROGRESS', $dueAt: null },
      relationships: { $assignedTo: { replace: grace.id } },
    });
    assert.equal(updated.fields.$status.value, 'IN_PROGRESS');
    assert.equal(updated.fields.$dueAt.value, null);
    assert.equal(updated.fields.$title.value, 'Write the quarterly plan', 'fields not sent stay as they were');
    assert.deepEqual(updated.relationships.$assignedTo.values, [grace.id]);
    assert.ok(String(updated.updatedAt) > String(created.updatedAt), 'updatedAt moves');
  });

  it('lists members and retrieves one', async () => {
    const client = clientFor(server());
    const members = await client.listAllMembers();
    assert.equal(members.length, 5);
    const one = await client.getMember(members[0].id);
    assert.equal(one.id, members[0].id);
    assert.match(one.fields.$email.value as string, /@/);
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
    assert.equal(page.data.length, 5);
    assert.ok(isUnreadable(page.data[2].fields.billable));
    assert.ok(isUnreadable(page.data[3].fields.mood));
    assert.ok(lines.some((line) => line.includes('data[2].fields.billable')), lines.join('\n'));
    assert.ok(lines.some((line) => line.includes('data[3].fields.mood')));
  });

  it('carries the API error type, code and param, and does not retry a 400', async () => {
    const before = server().requests.length;
    const error = await rejection(() =>
      clientFor(server()).createTask({ fields: { $title: 'x', $status: 'TODO', $nope: 1 }, relationships: { $assignedTo: server().members[0].id } }),
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.type, 'bad_request');
    assert.equal(error.code, 'unknown_field');
    assert.equal(error.param, 'fields.$nope');
    assert.equal(error.retryable, false);
    assert.equal(server().requests.length - before, 1);
  });

  it('reports missing required values, bad types and unknown IDs', async () => {
    const client = clientFor(server());
    const assignee = { $assignedTo: server().members[0].id };
    const missing = await rejection(() => client.createTask({ fields: { $status: 'TODO' }, relationships: assignee }));
    assert.ok(missing instanceof ApiError && missing.code === 'parameter_missing' && missing.param === 'fields.$title');
    const badStatus = await rejection(() => client.createTask({ fields: { $title: 't', $status: 'DONE' }, relationships: assignee }));
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
  const server = useServer({ tasks: 3, keys: [{ key: 'sk_lf_readonly', scopes: ['tasks:read'] }] });

  it('gets 403 forbidden for a write the key may not do', async () => {
    const client = clientFor(server(), { getKey: () => 'sk_lf_readonly' });
    assert.deepEqual((await client.validateKey()).scopes, ['tasks:read']);
    const error = await rejection(() => client.updateTask((server().index.listed()[0]).id, { fields: { $title: 'x' } }));
    assert.ok(error instanceof ApiError && error.status === 403 && error.type === 'forbidden');
  });
});
