/** Close fills `text` on lead and SMS tasks only: every other type is named by what it carries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taskTitle } from '../../src/api/domain';
import { TASK_TYPES } from '../server/close/closeData';
import { closeClientFor, useCloseServer } from '../support/close';

describe('Close tasks of every type', () => {
  const server = useCloseServer({ tasks: 80 });

  it('names every task, by its text or by what its type carries, and none is "(untitled)"', async () => {
    const tasks = [...(await closeClientFor(server()).listAllTasks({ status: 'TODO' })), ...(await closeClientFor(server()).listAllTasks({ status: 'COMPLETE' }))];
    const stored = new Map([...server().tasks.values()].map((task) => [task.id, task]));
    assert.equal(tasks.length, stored.size, 'every type is listed');
    const types = new Set(tasks.map((task) => task.kind));
    assert.ok(TASK_TYPES.filter((type) => type !== 'lead').every((type) => types.has(type)), `the sample has every type: ${[...types].join(', ')}`);
    for (const task of tasks) {
      const wire = stored.get(task.id)!;
      assert.notEqual(taskTitle(task), '(untitled)', `${wire._type} ${task.id}`);
      if (wire.text) assert.equal(task.title, wire.text);
      if (wire.subject) assert.match(task.title, new RegExp(wire.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), wire._type);
      if (wire.contact_name && !wire.text) assert.ok(task.title.includes(wire.contact_name) && task.title.includes(wire.phone ?? ''), `${wire._type}: ${task.title}`);
    }
  });
});

describe('Open in Close', () => {
  const server = useCloseServer({ tasks: 12 });

  it('links each task to its lead\'s page, learned from a lead\'s html_url (tasks have no link of their own)', async () => {
    const client = closeClientFor(server());
    const tasks = (await client.listTasks({ status: 'TODO' })).tasks;
    assert.ok(tasks.length > 0);
    for (const task of tasks) {
      const lead = server().leads.find((each) => each.id === server().tasks.get(task.id)?.lead_id);
      assert.equal(task.webLink, lead?.html_url, task.id);
    }
    assert.equal((await client.getTask(tasks[0].id)).webLink, tasks[0].webLink);
  });
});
