/**
 * No page prints a real `$status` definition: a stored status may be a
 * documented literal or an option ID, and options need not spell the status.
 * The client is right under every reading the local server can take.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TASK_STATUSES } from '../../src/api/domain';
import { buildForm } from '../../src/editor/formBuilder';
import { TaskStore } from '../../src/tasks/taskStore';
import { EXTRA_STATUS_ID, STATUS_READINGS, storedStatus } from '../server/definitions';
import { clientFor, useServer } from '../support/lightfield';

for (const reading of STATUS_READINGS) {
  describe(`Lightfield statuses, read as "${reading}"`, () => {
    const server = useServer({ tasks: 40, statusReading: reading });
    const stored = (status: (typeof TASK_STATUSES)[number]) => storedStatus(server().definitions, reading, status);
    const count = (status: (typeof TASK_STATUSES)[number]) => server().index.listed().filter((task) => task.fields.$status?.value === stored(status)).length;

    it('lists every task in the group of its status, with the true count of each, from a first start', async () => {
      const client = clientFor(server());
      const pages = await Promise.all(TASK_STATUSES.map((status) => client.listTasks({ status, limit: 5 })));
      for (const [index, status] of TASK_STATUSES.entries()) {
        assert.ok(count(status) > 0, `the sample has ${status} tasks`);
        assert.equal(pages[index].total, count(status), `${status}: the server's count`);
        assert.ok(pages[index].tasks.length > 0 && pages[index].tasks.every((task) => task.status === status), `${status}: its own tasks`);
      }
      const all = await client.listAllTasks({ status: 'COMPLETE' });
      assert.equal(all.length, count('COMPLETE'));
    });

    it('writes a status the service takes, and reads it back', async () => {
      const client = clientFor(server());
      const [first] = await client.listAllTasks({ status: 'TODO' });
      const updated = await client.updateTask(first.id, { status: 'CANCELLED' });
      assert.equal(updated.status, 'CANCELLED');
      assert.equal(server().index.get(first.id)?.fields.$status.value, stored('CANCELLED'));
      const created = await client.createTask({ title: `Made as ${reading}`, status: 'IN_PROGRESS', assignee: server().members[0].id });
      assert.equal(created.status, 'IN_PROGRESS');
      assert.equal((await client.getTask(created.id)).status, 'IN_PROGRESS');
    });

    it('offers every status in the editor, with the task\'s own chosen', async () => {
      const client = clientFor(server());
      const [task] = await client.listAllTasks({ status: 'IN_PROGRESS' });
      const form = buildForm({ description: await client.describeTasks(), members: await client.listMembers(), task: await client.getTask(task.id), serviceName: 'Lightfield' });
      const field = form.fields.find((each) => each.key === '$status');
      assert.equal(field?.options?.length, 4, 'four statuses to choose from');
      assert.ok(field?.options?.some((option) => option.id === form.values.$status), 'the task\'s status is one of them');
    });
  });
}

describe('Lightfield statuses that name nothing', () => {
  const server = useServer({ tasks: 8 });

  it('reads labels that do not spell the status, and logs a value that names none', async () => {
    const logged: string[] = [];
    const client = clientFor(server(), { log: (line) => logged.push(line) });
    const [task] = server().index.listed();
    server().faults.inject({ kind: 'mutate', method: 'GET', path: new RegExp(`^/v1/tasks/${task.id}$`), mutate: (body) => ({ ...(body as object), fields: { ...(body as { fields: object }).fields, $status: { valueType: 'SINGLE_SELECT', value: 'Completed' } } }) });
    assert.equal((await client.getTask(task.id)).status, 'COMPLETE', 'a label such as "Completed"');
    server().faults.inject({ kind: 'mutate', method: 'GET', path: new RegExp(`^/v1/tasks/${task.id}$`), mutate: (body) => ({ ...(body as object), fields: { ...(body as { fields: object }).fields, $status: { valueType: 'SINGLE_SELECT', value: 'opt_unknown' } } }) });
    const unknown = await client.getTask(task.id);
    assert.equal(unknown.status, undefined);
    assert.equal(unknown.title, task.fields.$title.value, 'the task is still read');
    assert.ok(logged.some((line) => line.includes('opt_unknown')), 'the log says why');
  });
});

describe('Lightfield statuses of an organisation\'s own ("Blocked")', () => {
  const server = useServer({ tasks: 42, statusReading: 'optionIds', extraStatus: 'Blocked' });

  it('shows the tasks of a status that names none of the four apart, never dropped, with the true count of each group', async () => {
    const logged: string[] = [];
    const provider = clientFor(server(), { log: (line) => logged.push(line) });
    const store = new TaskStore(() => provider, { pageSize: 25, statuses: [...TASK_STATUSES] });
    assert.equal(await store.refresh(), undefined);
    const blocked = server().index.listed().filter((task) => task.fields.$status.value === EXTRA_STATUS_ID);
    assert.ok(blocked.length > 0);
    assert.deepEqual(store.otherTasks().map((task) => task.id).sort(), blocked.map((task) => task.id).sort());
    for (const group of store.groups()) {
      const stored = storedStatus(server().definitions, 'optionIds', group.status);
      assert.equal(group.totalCount, server().index.listed().filter((task) => task.fields.$status.value === stored).length, group.status);
    }
    assert.match(store.takeNotice() ?? '', /"Blocked"/, 'says why it groups here');
    assert.ok(logged.some((line) => line.includes(EXTRA_STATUS_ID)), 'the log names the value');
  });
});
