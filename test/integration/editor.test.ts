import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sameValue, type FormValue } from '../../src/shared/form';
import { api, field, inEditorWebview, KEY, server, signIn, signOut, waitFor } from './support';
import type { TaskEditorDocument } from '../../src/editor/taskEditorProvider';
import { StatusGroupNode, type TaskNode } from '../../src/tasks/taskTree';

const VIEW_TYPE = 'lightfield.taskEditor';

interface WireTask {
  id: string;
  updatedAt: string;
  fields: Record<string, { value: unknown }>;
  relationships: Record<string, { values: string[] }>;
}

function activeEditorUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPE ? input.uri : undefined;
}

/** The document of the editor that opened for `taskId` (or for a new task): not whatever tab was active a moment before. */
async function openedDocument(taskId?: string): Promise<TaskEditorDocument> {
  const uri = await waitFor('the task editor tab', () => {
    const active = activeEditorUri();
    return active && (taskId ? active.path.startsWith(`/${taskId}/`) : active.path.startsWith('/new/')) && active;
  });
  return waitFor('its document', () => api().editor.documentOf(uri));
}

/** Focuses the document's editor and saves it as Ctrl+S does; true when the save went through. */
async function save(document: TaskEditorDocument): Promise<boolean> {
  document.lastSave = undefined;
  await vscode.commands.executeCommand('vscode.openWith', document.uri, VIEW_TYPE);
  await vscode.commands.executeCommand('workbench.action.files.save').then(undefined, () => undefined);
  return (await waitFor('the save to end', () => document.lastSave)) === 'saved';
}

/** Types into a field of the editor webview, and waits for its message to reach the extension. */
async function typeInto(document: TaskEditorDocument, key: string, text: string, expected: FormValue = text): Promise<void> {
  await inEditorWebview({ action: 'fill', selector: field(key), text });
  await waitFor(`the edit of ${key} to reach the extension`, () => sameValue(document.values[key], expected));
}

/** Picks an option of a select (or a radio button) in the editor webview, as a user does. */
async function pick(document: TaskEditorDocument, key: string, label: string, expected: FormValue): Promise<void> {
  const described = document.model.fields.find((f) => f.key === key);
  // The webview shows a few short, required choices of a field as radio buttons.
  const radio = described?.kind === 'field' && described.required && (described.options?.length ?? 0) <= 4;
  await (radio
    ? inEditorWebview({ action: 'click', selector: `${field(key)} label:has-text("${label}")` })
    : inEditorWebview({ action: 'choose', selector: field(key), label }));
  await waitFor(`the choice of ${key} to reach the extension`, () => sameValue(document.values[key], expected));
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
    const document = await openedDocument(node.taskId);
    assert.equal(document.model.taskId, node.taskId);
    assert.ok(document.model.fields.some((field) => field.key === 'priority'), 'custom fields from the definitions');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === VIEW_TYPE);
    assert.equal(tabs.length, 1);
  });

  it('shows the task\'s account by name, not by its ID', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const document = await openedDocument(node.taskId);
    const accountId = (document.model.values.$account as string[])[0];
    assert.ok(accountId);
    // The select's choices: "—" and the linked account, by name.
    const shown = (await inEditorWebview({ action: 'text', selector: field('$account') })) ?? '';
    const account = await server<{ fields: { $name: { value: string } } }>('GET', `/v1/accounts/${accountId}`);
    assert.ok(shown.includes(account.fields.$name.value) && !shown.includes(accountId), `the field shows ${JSON.stringify(shown)}`);
  });

  it('saves edits of several field types and a relationship; the server and the tree have them', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const document = await openedDocument(node.taskId);
    const assignee = document.model.values.$assignedTo as string[];
    const other = document.model.fields.find((f) => f.key === '$assignedTo')?.options?.find((o) => !assignee.includes(o.id));
    const high = document.model.fields.find((f) => f.key === 'priority')?.options?.find((o) => o.label === 'High');
    assert.ok(other && high);
    const billable = document.values.billable === true;
    await typeInto(document, '$title', 'Edited in the editor');
    await pick(document, '$status', 'In progress', 'IN_PROGRESS');
    await inEditorWebview({ action: 'fill', selector: field('$dueAt'), text: '2027-01-15T09:30' });
    // Sent with the local offset, so compared as an instant.
    await waitFor('the due date to reach the extension', () => typeof document.values.$dueAt === 'string' && Date.parse(document.values.$dueAt) === new Date('2027-01-15T09:30').getTime());
    await typeInto(document, 'estimate', '4.25', 4.25);
    await inEditorWebview({ action: 'click', selector: field('billable') });
    await waitFor('the checkbox to reach the extension', () => document.values.billable === !billable);
    await pick(document, 'priority', 'High', high.id);
    await inEditorWebview({ action: 'fill', selector: `${field('siteAddress')}-city`, text: 'Lyon' });
    await inEditorWebview({ action: 'fill', selector: `${field('siteAddress')}-country`, text: 'FR' });
    await waitFor('the address to reach the extension', () => sameValue(document.values.siteAddress, { city: 'Lyon', country: 'FR' }));
    await pick(document, '$assignedTo', other.label, [other.id]);
    assert.equal(await save(document), true, document.message);
    const onServer = await server<WireTask>('GET', `/v1/tasks/${node.taskId}`);
    assert.equal(onServer.fields.$title.value, 'Edited in the editor');
    assert.equal(onServer.fields.$status.value, 'IN_PROGRESS');
    assert.equal(Date.parse(onServer.fields.$dueAt.value as string), new Date('2027-01-15T09:30').getTime());
    assert.equal(onServer.fields.estimate.value, 4.25);
    assert.equal(onServer.fields.billable.value, !billable);
    assert.equal(onServer.fields.priority.value, high.id);
    assert.deepEqual(onServer.fields.siteAddress.value, { city: 'Lyon', country: 'FR' });
    assert.deepEqual(onServer.relationships.$assignedTo.values, [other.id]);
    const inTree = api().view.tree.getChildren(new StatusGroupNode('IN_PROGRESS')).some((n) => n.kind === 'task' && n.taskId === node.taskId);
    assert.ok(inTree, 'the tree moved it to In progress');
  });

  it('keeps the edits when a save fails, and a retry applies exactly one write', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const document = await openedDocument(node.taskId);
    const before = await appliedWrites(node.taskId);
    // Refused before any work, retries included.
    await server('POST', '/_test/faults', { kind: 'status', status: 503, method: 'POST', path: `^/v1/tasks/${node.taskId}$`, times: 10 });
    await typeInto(document, '$title', 'Survives a failed save');
    assert.equal(await save(document), false);
    assert.equal(document.values.$title, 'Survives a failed save', 'the edit is kept');
    assert.ok(document.message, 'the error is shown');
    await server('DELETE', '/_test/faults');
    assert.equal(await save(document), true, document.message);
    const onServer = await server<WireTask>('GET', `/v1/tasks/${node.taskId}`);
    assert.equal(onServer.fields.$title.value, 'Survives a failed save');
    assert.equal((await appliedWrites(node.taskId)) - before, 1);
  });

  it('reports a save saved when its answers were all lost but the write was applied: it reads the task to know', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const document = await openedDocument(node.taskId);
    const before = await appliedWrites(node.taskId);
    // The write is applied, but every answer is lost, retries included.
    await server('POST', '/_test/faults', { kind: 'drop-after', method: 'POST', path: `^/v1/tasks/${node.taskId}$`, times: 10 });
    await typeInto(document, '$title', 'Saved though every answer was lost');
    assert.equal(await save(document), true, document.message);
    assert.equal((await appliedWrites(node.taskId)) - before, 1, 'one write, whatever the retries');
    assert.equal(api().store.task(node.taskId)?.title, 'Saved though every answer was lost');
  });

  it('shows a server refusal at the field it names', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const document = await openedDocument(node.taskId);
    // As the docs print it: `param` is a request location.
    await server('POST', '/_test/faults', { kind: 'status', status: 400, code: 'invalid_type', param: 'fields.estimate', message: 'Too many hours.', method: 'POST', path: `^/v1/tasks/${node.taskId}$` });
    await typeInto(document, 'estimate', '2', 2);
    assert.equal(await save(document), false);
    assert.equal(document.errors.estimate, 'Too many hours.');
    assert.equal(document.values.estimate, 2);
    assert.match((await inEditorWebview({ action: 'text', selector: `.field[data-key="estimate"]` })) ?? '', /Too many hours\./, 'the webview shows it at the field');
    // A location that names no field of the form: the message shows at the top.
    await server('POST', '/_test/faults', { kind: 'status', status: 400, code: 'unknown_field', param: 'fields.bogus', message: 'Unknown field bogus.', method: 'POST', path: `^/v1/tasks/${node.taskId}$` });
    assert.equal(await save(document), false);
    assert.deepEqual(document.errors, {});
    assert.match(document.message ?? '', /Unknown field bogus/);
  });

  it('shows a refusal that echoes the API key with the key redacted, at the field and in the banner', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const document = await openedDocument(node.taskId);
    const echo = `Bearer ${KEY}, ${KEY} and ${Buffer.from(`${KEY}:`).toString('base64')}`;
    await server('POST', '/_test/faults', { kind: 'status', status: 400, code: 'invalid_value', param: 'fields.estimate', message: `Not for ${echo}.`, method: 'POST', path: `^/v1/tasks/${node.taskId}$` });
    await typeInto(document, 'estimate', '3', 3);
    assert.equal(await save(document), false);
    const atField = (await inEditorWebview({ action: 'text', selector: `.field[data-key="estimate"] .field-error` })) ?? '';
    const banner = (await inEditorWebview({ action: 'text', selector: '.banner' })) ?? '';
    for (const [where, text] of [['at the field', atField], ['in the banner', banner]]) {
      assert.match(text, /\[redacted\]/, `the webview shows the refusal ${where}`);
      assert.ok(!text.includes(KEY) && !text.includes(Buffer.from(`${KEY}:`).toString('base64')), `no form of the key ${where}: ${text}`);
    }
  });

  it('detects a conflict when the task changed on the server, and lets the user choose', async () => {
    const node = firstTask('TODO');
    await vscode.commands.executeCommand('lightfield.openTask', node);
    const document = await openedDocument(node.taskId);
    await server('POST', `/v1/tasks/${node.taskId}`, { fields: { $title: 'Changed by someone else', estimate: 9 } });
    const asked: string[] = [];
    const original = api().editor.askAboutConflict;
    api().editor.askAboutConflict = (_title, changedThere) => {
      asked.push(changedThere);
      return Promise.resolve('theirs');
    };
    try {
      const billable = document.values.billable === true;
      await typeInto(document, '$title', 'My title');
      if (!billable) {
        await inEditorWebview({ action: 'click', selector: field('billable') });
        await waitFor('the checkbox to reach the extension', () => document.values.billable === true);
      }
      assert.equal(await save(document), true, document.message);
    } finally {
      api().editor.askAboutConflict = original;
    }
    assert.equal(asked.length, 1);
    assert.match(asked[0], /Title \(you changed it too\)/);
    assert.match(asked[0], /Estimate/);
    const onServer = await server<WireTask>('GET', `/v1/tasks/${node.taskId}`);
    assert.equal(onServer.fields.$title.value, 'Changed by someone else', 'theirs kept where both changed');
    assert.equal(onServer.fields.estimate.value, 9, 'their other change kept');
    assert.equal(onServer.fields.billable.value, true, 'my other change saved');
  });

  it('creates a new task with the required fields', async () => {
    await vscode.commands.executeCommand('lightfield.newTask');
    const document = await openedDocument();
    assert.equal(document.model.mode, 'create');
    assert.deepEqual(document.model.fields.filter((f) => f.required).map((f) => f.key), ['$title', '$status', '$assignedTo']);
    assert.equal(await save(document), false, 'refused without a title and an assignee');
    assert.ok(document.errors.$title && document.errors.$assignedTo);
    const member = document.model.fields.find((f) => f.key === '$assignedTo')?.options?.[0];
    assert.ok(member);
    await typeInto(document, '$title', 'Created from the editor');
    await pick(document, '$assignedTo', member.label, [member.id]);
    await typeInto(document, 'estimate', '1.5', 1.5);
    assert.equal(await save(document), true, document.message);
    assert.equal(document.model.mode, 'edit');
    const created = await server<WireTask>('GET', `/v1/tasks/${document.model.taskId}`);
    assert.equal(created.fields.$title.value, 'Created from the editor');
    assert.deepEqual(created.relationships.$assignedTo.values, [member.id]);
    assert.ok(api().store.group('TODO').tasks.some((task) => task.id === created.id), 'in the tree before the index lists it');
  });
});
