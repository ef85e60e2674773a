import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, choicesOf, editReached, field, fieldKeys, inEditorWebview, KEY, openedEditor, saveEditor, server, type ShownChoice, signIn, signOut, taskEditorTabs, valueIn, waitFor } from './support';
import { StatusGroupNode, type TaskNode } from '../../src/tasks/taskTree';

interface WireTask {
  id: string;
  updatedAt: string;
  fields: Record<string, { value: unknown }>;
  relationships: Record<string, { values: string[] }>;
}

/** Types into a field of the editor webview, as a user does. */
async function typeInto(uri: vscode.Uri, key: string, text: string): Promise<void> {
  await inEditorWebview({ action: 'fill', selector: field(key), text });
  await editReached(uri, `the edit of ${key}`);
}

/** Picks an option of a select (or a radio button) in the editor webview, as a user does. */
async function pick(uri: vscode.Uri, key: string, label: string): Promise<void> {
  await inEditorWebview({ action: 'choose', selector: field(key), label });
  await editReached(uri, `the choice of ${key}`);
}

/** The field a task editor shows whose choices include one other than the chosen: that one. */
async function otherChoice(key: string): Promise<ShownChoice> {
  const other = (await choicesOf(key)).find((choice) => !choice.chosen && choice.value);
  assert.ok(other, `${key} offers another choice`);
  return other;
}

/** How many writes the local server has applied to a task. */
async function appliedWrites(taskId: string): Promise<number> {
  return (await server<{ appliedWrites: Record<string, number> }>('GET', '/_test/stats')).appliedWrites[taskId] ?? 0;
}

function firstTask(status: StatusGroupNode['status']): TaskNode {
  const node = api().view.tree.getChildren(new StatusGroupNode(status)).find((n): n is TaskNode => n.kind === 'task');
  assert.ok(node, `a task in ${status}`);
  return node;
}

describe('the task editor in a real VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
    await signIn();
    // The tree loads when it shows, as a user opens it.
    await vscode.commands.executeCommand('lightfield.tasks.focus');
    await waitFor('the tree', () => api().store.group('TODO').totalCount !== undefined);
  });

  afterEach(async () => {
    await server('DELETE', '/_test/faults');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut();
  });

  it('opens a task from the tree in the editor, and opening it again reveals the same one', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    await openedEditor(node.taskId);
    assert.equal(await inEditorWebview({ action: 'text', selector: '.subtitle' }), node.taskId);
    assert.ok((await fieldKeys('.field')).includes('priority'), 'custom fields from the definitions');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    assert.equal(taskEditorTabs().length, 1);
  });

  /** Opens a task in the editor and closes it again: the store then holds it read in full. */
  async function readOnce(node: TaskNode): Promise<void> {
    await vscode.commands.executeCommand('lightfield.openTask', node);
    await openedEditor(node.taskId);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }

  it('opens a task only listed so far with its fields, read from the service', async () => {
    const node = firstTask('COMPLETE');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    await openedEditor(node.taskId);
    assert.equal(await valueIn(field('$title')), api().store.task(node.taskId)?.title);
    assert.ok((await choicesOf('$status')).some((choice) => choice.chosen && choice.value === 'COMPLETE'), 'its status chosen');
  });

  it('opens a task read before from that copy, then shows the version changed elsewhere', async () => {
    const node = firstTask('IN_PROGRESS');
    await readOnce(node);
    const held = api().store.task(node.taskId)?.title;
    assert.ok(held);
    const changed = `${held} (changed elsewhere)`;
    await server('POST', `/v1/tasks/${node.taskId}`, { fields: { $title: changed } });
    await vscode.commands.executeCommand('lightfield.openTask', node);
    await openedEditor(node.taskId);
    await waitFor('the version changed elsewhere in the form', async () => (await valueIn(field('$title'))) === changed);
    assert.equal(api().store.task(node.taskId)?.title, changed, 'and in the tree');
  });

  it('opens a task read before from that copy when the service cannot read it again, and says so', async () => {
    const node = firstTask('TODO');
    await readOnce(node);
    const held = api().store.task(node.taskId)?.title;
    await server('POST', '/_test/faults', { kind: 'status', status: 503, method: 'GET', path: `^/v1/tasks/${node.taskId}$`, times: 10 });
    await vscode.commands.executeCommand('lightfield.openTask', node);
    await openedEditor(node.taskId);
    assert.equal(await valueIn(field('$title')), held);
    const banner = await waitFor('the banner', async () => (await inEditorWebview({ action: 'text', selector: '.banner' })) || undefined, 15_000);
    assert.match(banner, /copy read before/);
    assert.equal(await valueIn(field('$title')), held, 'the form keeps the copy\'s values under the banner');
  });

  it('shows the task\'s account by name, not by its ID', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    await openedEditor(node.taskId);
    const accountId = (await server<WireTask>('GET', `/v1/tasks/${node.taskId}`)).relationships.$account?.values[0];
    assert.ok(accountId);
    // The select's choices: "—" and the linked account, by name.
    const shown = (await inEditorWebview({ action: 'text', selector: field('$account') })) ?? '';
    const account = await server<{ fields: { $name: { value: string } } }>('GET', `/v1/accounts/${accountId}`);
    assert.ok(shown.includes(account.fields.$name.value) && !shown.includes(accountId), `the field shows ${JSON.stringify(shown)}`);
  });

  it('saves edits of several field types and a relationship; the server and the tree have them', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const uri = await openedEditor(node.taskId);
    const other = await otherChoice('$assignedTo');
    const high = (await choicesOf('priority')).find((choice) => choice.label === 'High');
    assert.ok(high);
    const billable = (await valueIn(field('billable'))) === 'true';
    await typeInto(uri, '$title', 'Edited in the editor');
    await pick(uri, '$status', 'In progress');
    await inEditorWebview({ action: 'fill', selector: field('$dueAt'), text: '2027-01-15T09:30' });
    await inEditorWebview({ action: 'fill', selector: field('estimate'), text: '4.25' });
    await inEditorWebview({ action: 'click', selector: field('billable') });
    await pick(uri, 'priority', 'High');
    await inEditorWebview({ action: 'fill', selector: `${field('siteAddress')}-city`, text: 'Lyon' });
    await inEditorWebview({ action: 'fill', selector: `${field('siteAddress')}-country`, text: 'FR' });
    await pick(uri, '$assignedTo', other.label);
    const { saved, message } = await saveEditor(uri);
    assert.ok(saved, message);
    const onServer = await server<WireTask>('GET', `/v1/tasks/${node.taskId}`);
    assert.equal(onServer.fields.$title.value, 'Edited in the editor');
    assert.equal(onServer.fields.$status.value, 'IN_PROGRESS');
    // Sent with the local offset, so compared as an instant.
    assert.equal(Date.parse(onServer.fields.$dueAt.value as string), new Date('2027-01-15T09:30').getTime());
    assert.equal(onServer.fields.estimate.value, 4.25);
    assert.equal(onServer.fields.billable.value, !billable);
    assert.equal(onServer.fields.priority.value, high.value);
    assert.deepEqual(onServer.fields.siteAddress.value, { city: 'Lyon', country: 'FR' });
    assert.deepEqual(onServer.relationships.$assignedTo.values, [other.value]);
    const inTree = api().view.tree.getChildren(new StatusGroupNode('IN_PROGRESS')).some((n) => n.kind === 'task' && n.taskId === node.taskId);
    assert.ok(inTree, 'the tree moved it to In progress');
  });

  it('keeps the edits when a save fails, and a retry applies exactly one write', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const uri = await openedEditor(node.taskId);
    const before = await appliedWrites(node.taskId);
    // Refused before any work, retries included.
    await server('POST', '/_test/faults', { kind: 'status', status: 503, method: 'POST', path: `^/v1/tasks/${node.taskId}$`, times: 10 });
    await typeInto(uri, '$title', 'Survives a failed save');
    const failed = await saveEditor(uri);
    assert.equal(failed.saved, false);
    assert.equal(await valueIn(field('$title')), 'Survives a failed save', 'the edit is kept');
    assert.ok(failed.message, 'the error is shown');
    await server('DELETE', '/_test/faults');
    const retried = await saveEditor(uri);
    assert.ok(retried.saved, retried.message);
    const onServer = await server<WireTask>('GET', `/v1/tasks/${node.taskId}`);
    assert.equal(onServer.fields.$title.value, 'Survives a failed save');
    assert.equal((await appliedWrites(node.taskId)) - before, 1);
  });

  it('reports a save saved when its answers were all lost but the write was applied: it reads the task to know', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const uri = await openedEditor(node.taskId);
    const before = await appliedWrites(node.taskId);
    // The write is applied, but every answer is lost, retries included.
    await server('POST', '/_test/faults', { kind: 'drop-after', method: 'POST', path: `^/v1/tasks/${node.taskId}$`, times: 10 });
    await typeInto(uri, '$title', 'Saved though every answer was lost');
    const { saved, message } = await saveEditor(uri);
    assert.ok(saved, message);
    assert.equal((await appliedWrites(node.taskId)) - before, 1, 'one write, whatever the retries');
    assert.equal(api().store.task(node.taskId)?.title, 'Saved though every answer was lost');
  });

  it('shows a server refusal at the field it names', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const uri = await openedEditor(node.taskId);
    // As the docs print it: `param` is a request location.
    await server('POST', '/_test/faults', { kind: 'status', status: 400, code: 'invalid_type', param: 'fields.estimate', message: 'Too many hours.', method: 'POST', path: `^/v1/tasks/${node.taskId}$` });
    await typeInto(uri, 'estimate', '2');
    assert.equal((await saveEditor(uri)).saved, false);
    assert.deepEqual(await fieldKeys('.field.invalid'), ['estimate']);
    assert.equal(await inEditorWebview({ action: 'text', selector: `.field[data-key="estimate"] .field-error` }), 'Too many hours.', 'the webview shows it at the field');
    assert.equal(await valueIn(field('estimate')), '2', 'the edit is kept');
    // A location that names no field of the form: the message shows at the top.
    await server('POST', '/_test/faults', { kind: 'status', status: 400, code: 'unknown_field', param: 'fields.bogus', message: 'Unknown field bogus.', method: 'POST', path: `^/v1/tasks/${node.taskId}$` });
    const { saved, message } = await saveEditor(uri);
    assert.equal(saved, false);
    assert.deepEqual(await fieldKeys('.field.invalid'), []);
    assert.match(message, /Unknown field bogus/);
  });

  it('shows a refusal that echoes the API key with the key redacted, at the field and in the banner', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const uri = await openedEditor(node.taskId);
    const echo = `Bearer ${KEY}, ${KEY} and ${Buffer.from(`${KEY}:`).toString('base64')}`;
    await server('POST', '/_test/faults', { kind: 'status', status: 400, code: 'invalid_value', param: 'fields.estimate', message: `Not for ${echo}.`, method: 'POST', path: `^/v1/tasks/${node.taskId}$` });
    await typeInto(uri, 'estimate', '3');
    const { saved, message: banner } = await saveEditor(uri);
    assert.equal(saved, false);
    const atField = (await inEditorWebview({ action: 'text', selector: `.field[data-key="estimate"] .field-error` })) ?? '';
    for (const [where, text] of [['at the field', atField], ['in the banner', banner]]) {
      assert.match(text, /\[redacted\]/, `the webview shows the refusal ${where}`);
      assert.ok(!text.includes(KEY) && !text.includes(Buffer.from(`${KEY}:`).toString('base64')), `no form of the key ${where}: ${text}`);
    }
  });

  // The conflict question is VS Code's modal dialog, which the workbench refuses to show to test suites: test/e2e/uiChecks.ts answers it as a user.

  it('creates a new task with the required fields', async () => {
    await vscode.commands.executeCommand('lightfield.newTask');
    const uri = await openedEditor();
    assert.equal(await inEditorWebview({ action: 'text', selector: '.subtitle' }), 'New task');
    assert.deepEqual(await fieldKeys('.field:has(.label.required)'), ['$title', '$status', '$assignedTo']);
    // Nothing typed yet, so nothing for Ctrl+S: the form's own button.
    await inEditorWebview({ action: 'click', selector: 'button.save' });
    const refused = await waitFor('the refusal at the fields', async () => {
      const invalid = await fieldKeys('.field.invalid');
      return invalid.length > 0 && invalid;
    });
    assert.ok(refused.includes('$title') && refused.includes('$assignedTo'), `refused without a title and an assignee: ${refused.join(', ')}`);
    const member = (await choicesOf('$assignedTo')).find((choice) => choice.value);
    assert.ok(member);
    await typeInto(uri, '$title', 'Created from the editor');
    await pick(uri, '$assignedTo', member.label);
    await inEditorWebview({ action: 'fill', selector: field('estimate'), text: '1.5' });
    const { saved, message } = await saveEditor(uri);
    assert.ok(saved, message);
    const createdId = await waitFor('the new task\'s ID in the editor', async () => {
      const shown = await inEditorWebview({ action: 'text', selector: '.subtitle' });
      return shown !== 'New task' && shown;
    });
    const created = await server<WireTask>('GET', `/v1/tasks/${createdId}`);
    assert.equal(created.fields.$title.value, 'Created from the editor');
    assert.equal(created.fields.estimate.value, 1.5);
    assert.deepEqual(created.relationships.$assignedTo.values, [member.value]);
    assert.ok(api().store.group('TODO').tasks.some((task) => task.id === created.id), 'in the tree before the index lists it');
  });
});
