/**
 * The client against a server that takes every least kind reading of the docs at
 * once (test/server/server.ts `LEAST_KIND`): the true count in each group, "Mine",
 * a TODO turned into one task whose reference reads back, and a delete.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TASK_STATUSES } from '../../src/api/domain';
import { TaskIdShape } from '../../src/api/taskIds';
import { TaskStore } from '../../src/tasks/taskStore';
import { syntaxFor } from '../../src/todo/commentSyntax';
import { findTodos, textLines } from '../../src/todo/detect';
import { ReferenceFormat } from '../../src/todo/reference';
import { storedStatus } from '../server/definitions';
import { LEAST_KIND } from '../server/server';
import { clientFor, useServer } from '../support/lightfield';

describe('every least kind reading of the docs at once', () => {
  const server = useServer({ tasks: 60, ...LEAST_KIND });
  const store = (assignee?: string) => {
    const provider = clientFor(server());
    return new TaskStore(() => provider, { pageSize: 25, statuses: [...TASK_STATUSES], assignee });
  };
  const onServer = (status: (typeof TASK_STATUSES)[number], assignee?: string) =>
    server()
      .index.listed()
      .filter((task) => task.fields.$status.value === storedStatus(server().definitions, 'literals', status) && (!assignee || task.relationships.$assignedTo.values.includes(assignee)));

  it('shows the true count of each group, and of each group of "mine"', async () => {
    const all = store();
    assert.equal(await all.refresh(), undefined);
    for (const group of all.groups()) assert.equal(group.totalCount, onServer(group.status).length, group.status);
    const me = server().members[2].id;
    const mine = store(me);
    assert.equal(await mine.refresh(), undefined);
    for (const group of mine.groups()) {
      assert.equal(group.totalCount, onServer(group.status, me).length, `mine, ${group.status}`);
      assert.ok(group.tasks.every((task) => task.assignee === me && task.status === group.status));
    }
  });

  it('turns a TODO into exactly one task whose reference reads back, then deletes it', async () => {
    const tasks = store();
    await tasks.refresh();
    const created = await tasks.create({ title: 'From a TODO', status: 'TODO', assignee: server().members[0].id }, 'least-kind-todo-1');
    const again = await tasks.create({ title: 'From a TODO', status: 'TODO', assignee: server().members[0].id }, 'least-kind-todo-1');
    assert.equal(again.id, created.id, 'the same key makes one task');
    const shape = new TaskIdShape(clientFor(server()).capabilities.taskIdPattern);
    for (const task of tasks.loadedTasks()) shape.learn(task.id);
    const reference = new ReferenceFormat();
    const source = `// ${reference.write('TODO', created.id)} from a TODO\n`;
    assert.deepEqual(findTodos(textLines(source), syntaxFor('typescript'), { tags: ['TODO'], reference, isTaskId: (id) => shape.matches(id) }).map((todo) => todo.reference), [created.id]);
    await tasks.delete(created.id);
    assert.equal(server().index.get(created.id), undefined);
  });
});
