import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NO_READ_KEY } from '../server/keys';
import { api, server, signIn, signOut, useService, waitFor } from './support';
import { type LoadMoreNode, StatusGroupNode, type TaskNode } from '../../src/tasks/taskTree';


async function serverCount(status: string): Promise<number> {
  return (await server<{ totalCount: number }>('GET', `/v1/tasks?limit=1&%24status%5Bequal%5D=${status}`)).totalCount;
}

function groups() {
  return api().view.tree.getChildren() as StatusGroupNode[];
}

function children(status: StatusGroupNode['status']) {
  return api().view.tree.getChildren(new StatusGroupNode(status));
}

describe('the task sidebar in a real VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
    await vscode.commands.executeCommand('workbench.view.extension.lightfield');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('lightfield').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await signOut();
  });

  it('shows nothing but the welcome content while signed out', () => {
    assert.equal(api().session.signedIn, false);
    assert.deepEqual(groups(), []);
  });

  it('refuses a key the server does not accept, and stores nothing', async () => {
    await assert.rejects(signIn('sk_lf_not_a_real_key'));
    assert.equal(api().session.signedIn, false);
  });

  it('refuses, at sign-in, a key that may not read tasks (rather than showing empty groups)', async () => {
    await assert.rejects(signIn(NO_READ_KEY), /tasks:read/);
    assert.equal(api().session.signedIn, false);
  });

  it('signs in with the key from LIGHTFIELD_API_KEY, as the welcome view\'s button does', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('lightfield.useEnvironmentKey'), true);
    assert.equal(api().session.signedIn, true);
    await signOut();
  });

  it('signs in with a key and shows the four status groups with the server counts', async () => {
    await signIn();
    assert.equal(api().session.signedIn, true);
    // A snapshot from an earlier session may show first, marked stale; wait for the fresh lists.
    await waitFor('fresh groups with counts', () => !api().store.stale && groups().length === 4 && api().store.groups().every((g) => g.totalCount !== undefined));
    for (const group of api().store.groups()) {
      assert.equal(group.totalCount, await serverCount(group.status), group.status);
    }
    const labels = groups().map((node) => api().view.tree.getTreeItem(node).label);
    assert.deepEqual(labels, ['To do', 'In progress', 'Complete', 'Cancelled']);
  });

  it('pages a group with "Load more"', async () => {
    await vscode.workspace.getConfiguration('lightfield').update('pageSize', 5, vscode.ConfigurationTarget.Global);
    await waitFor('pages of five', () => children('TODO').length === 6);
    const more = children('TODO')[5] as LoadMoreNode;
    assert.equal(more.kind, 'more');
    await vscode.commands.executeCommand('lightfield.loadMore', more);
    const total = await serverCount('TODO');
    assert.equal(children('TODO').filter((node) => node.kind === 'task').length, Math.min(10, total));
  });

  it('completes a task: it moves at once and the server has it', async () => {
    const node = children('TODO').find((n): n is TaskNode => n.kind === 'task');
    assert.ok(node);
    const completeBefore = api().store.group('COMPLETE').totalCount ?? 0;
    await vscode.commands.executeCommand('lightfield.completeTask', node);
    assert.ok(children('COMPLETE').some((n) => n.kind === 'task' && n.taskId === node.taskId));
    assert.ok(!children('TODO').some((n) => n.kind === 'task' && n.taskId === node.taskId));
    assert.equal(api().store.group('COMPLETE').totalCount, completeBefore + 1);
    const onServer = await server<{ fields: { $status: { value: string } } }>('GET', `/v1/tasks/${node.taskId}`);
    assert.equal(onServer.fields.$status.value, 'COMPLETE');
  });

  it('groups right, and says so once, when the server ignores the task list\'s filters', async () => {
    const statuses = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'] as const;
    const expected = new Map(await Promise.all(statuses.map(async (status) => [status, await serverCount(status)] as const)));
    await server('POST', '/_test/ignore-filters', { on: true });
    try {
      // A new connection: what the store learned of the last one does not carry over.
      await signOut();
      await signIn();
      await waitFor('the groups', async () => (await api().view.refresh()) && !api().store.stale && api().store.filtersIgnored);
      for (const group of api().store.groups()) {
        assert.ok(group.tasks.every((task) => task.status === group.status), group.status);
        assert.equal(group.totalCount, expected.get(group.status), group.status);
      }
      assert.match(api().view.view.message ?? '', /did not filter the task list as asked/);
      // Another service, signed out there: what was said of Lightfield's lists goes, or it would hide the welcome text and its Set API Key button.
      await useService('close');
      await waitFor('the Close connection', () => !api().session.signedIn);
      assert.equal(api().view.view.message, undefined);
    } finally {
      await useService('lightfield');
      await server('POST', '/_test/ignore-filters', { on: false });
    }
  });

  it('signs out: the key is gone and the welcome content is back', async () => {
    await signOut();
    assert.equal(api().session.signedIn, false);
    assert.deepEqual(groups(), []);
    assert.equal(api().store.loadedTasks().length, 0);
  });
});
