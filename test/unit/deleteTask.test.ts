/** Deleting a task, on both services: gone from the groups at once, back if refused, once even when an answer is lost. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/errors';
import type { TaskStatus } from '../../src/api/domain';
import { TaskStore } from '../../src/tasks/taskStore';
import { closeClientFor, useCloseServer } from '../support/close';
import { clientFor, rawRequest, rejection, useServer } from '../support/lightfield';

const ALL: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];

describe('deleting a Lightfield task', () => {
  const server = useServer({ tasks: 30, keys: [{ key: 'sk_lf_local' }, { key: 'sk_lf_no_delete', scopes: ['tasks:read', 'tasks:update'] }] });

  it('moves it to the trash: gone from its group at once and from the server, the count one less', async () => {
    const provider = clientFor(server());
    const store = new TaskStore(() => provider, { pageSize: 25, statuses: ALL });
    await store.refresh();
    const [task] = store.group('TODO').tasks;
    const before = store.group('TODO').totalCount ?? 0;
    let shownGone = false;
    const subscription = store.onDidChange(() => (shownGone ||= !store.group('TODO').tasks.some((each) => each.id === task.id)));
    const deleting = store.delete(task.id);
    assert.equal(shownGone, true, 'gone before the service answered');
    await deleting;
    subscription.dispose();
    assert.equal(store.task(task.id), undefined);
    assert.equal(store.group('TODO').totalCount, before - 1);
    assert.equal(server().index.get(task.id), undefined, 'the server no longer has it');
    assert.ok(server().index.trashed(task.id), 'it is in the trash');
    await store.refresh();
    assert.ok(!store.group('TODO').tasks.some((each) => each.id === task.id), 'a refresh does not bring it back');
  });

  it('is a no-op for a task already in the trash, and counts a task the service no longer has as deleted', async () => {
    const [task] = server().index.listed();
    const first = await rawRequest(server(), `/v1/tasks/${task.id}`, { method: 'DELETE' });
    const again = await rawRequest(server(), `/v1/tasks/${task.id}`, { method: 'DELETE' });
    assert.deepEqual([first.status, again.status], [200, 200]);
    assert.equal(((await again.json()) as { id: string }).id, task.id, 'the record comes back');
    await clientFor(server()).deleteTask('tsk_neverexisted');
  });

  it('is asked again when its answer is lost, and the task is deleted once', async () => {
    const [task] = server().index.listed();
    server().faults.inject({ kind: 'drop-after', method: 'DELETE' });
    const provider = clientFor(server());
    const store = new TaskStore(() => provider, { pageSize: 25, statuses: ALL });
    await store.refresh();
    await store.delete(task.id);
    assert.equal(server().index.get(task.id), undefined);
  });

  it('comes back where it was when the key may not delete, and the key says so at sign-in', async () => {
    const provider = clientFor(server(), { getKey: () => 'sk_lf_no_delete' });
    assert.equal((await provider.checkKey()).canDelete, false);
    const store = new TaskStore(() => provider, { pageSize: 25, statuses: ALL });
    await store.refresh();
    const [task] = store.group('TODO').tasks;
    const error = await rejection(() => store.delete(task.id));
    assert.ok(error instanceof ApiError && error.status === 403, String(error));
    assert.ok(store.group('TODO').tasks.some((each) => each.id === task.id), 'back in its group');
    assert.ok(server().index.get(task.id));
  });
});

describe('deleting a Close task', () => {
  const server = useCloseServer({ tasks: 10 });

  it('deletes it for good, and a second delete (say, after a lost answer) counts as done', async () => {
    const client = closeClientFor(server());
    const [task] = (await client.listTasks({ status: 'TODO' })).tasks;
    await client.deleteTask(task.id);
    assert.equal(server().tasks.has(task.id), false);
    await client.deleteTask(task.id);
    assert.equal(client.capabilities.trash, false, 'the confirmation says it is for good');
  });
});
