import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Member, Task, TaskDescription } from '../../src/api/domain';
import { fieldSchema } from '../../src/api/values';
import { buildForm, type BuildOptions } from '../../src/editor/formBuilder';
import { fieldErrorsOf } from '../../src/editor/fieldErrors';
import { isEmptyUpdate, serverChanges, toCreate, toUpdate } from '../../src/editor/formDiff';
import { type FormValue, validateValues } from '../../src/shared/form';
import { clientFor, rejection, useServer } from '../support/lightfield';

function sentBody(body: string | undefined): { relationships?: unknown } {
  return JSON.parse(body ?? '{}') as { relationships?: unknown };
}

describe('task form from the service\'s description (Lightfield definitions, through the adapter)', () => {
  const server = useServer({ tasks: 3, customFields: true, seed: 7 });
  let description: TaskDescription;
  let task: Task;
  let members: Member[];
  let ada: Member;
  let grace: Member;
  const form = (options: Partial<BuildOptions> = {}) => buildForm({ description, members, serviceName: 'Lightfield', ...options });

  before(async () => {
    const client = clientFor(server());
    description = await client.describeTasks();
    members = await client.listMembers();
    task = await client.getTask(server().index.listed()[0].id);
    [ada, grace] = server().members.map((member) => members.find((m) => m.id === member.id) as Member);
  });

  it('bounds a relationship by the service\'s own limit, said at the field before anything is sent', () => {
    const model = form({ task });
    const many = model.fields.find((field) => field.kind === 'relationship' && field.multiple && !field.readOnly);
    assert.ok(many, 'the definitions have a has-many relationship (watchers)');
    assert.equal(many.maxLinks, 25, 'Lightfield links at most 25 records per save');
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `${many.idPrefix ?? ''}${index}`);
    assert.notEqual(validateValues(model, { ...model.values, [many.key]: ids(25) })[many.key], 'At most 25.');
    assert.equal(validateValues(model, { ...model.values, [many.key]: ids(26) })[many.key], 'At most 25.');
  });

  it('has one field per field and relationship definition, system fields first, labels from the server', () => {
    const model = form({ task });
    const keys = model.fields.map((f) => f.key);
    assert.deepEqual(keys.slice(0, 5), ['$title', '$status', '$assignedTo', '$dueAt', '$description']);
    const { fieldDefinitions, relationshipDefinitions } = server().definitions;
    assert.equal(keys.length, Object.keys(fieldDefinitions).length + Object.keys(relationshipDefinitions).length);
    const priority = model.fields.find((f) => f.key === 'priority');
    assert.equal(priority?.label, 'Priority');
    assert.deepEqual(priority?.options?.map((o) => o.label), ['Low', 'Medium', 'High']);
    assert.equal(model.fields.find((f) => f.key === 'summary')?.readOnly, true);
    assert.equal(model.fields.find((f) => f.key === '$note')?.readOnly, true);
    assert.deepEqual(model.fields.find((f) => f.key === '$assignedTo')?.options?.find((o) => o.id === ada.id), { id: ada.id, label: 'Ada Lovelace' });
    assert.equal(model.fields.find((f) => f.key === '$account')?.idPrefix, 'acc_');
  });

  it('marks title, status and assignee required for a new task, with defaults', () => {
    const model = form({ defaultAssignee: grace.id });
    assert.equal(model.mode, 'create');
    assert.deepEqual(model.fields.filter((f) => f.required).map((f) => f.key), ['$title', '$status', '$assignedTo']);
    assert.equal(model.values.$status, 'TODO');
    assert.deepEqual(model.values.$assignedTo, [grace.id]);
  });

  it('patches only what changed; a required relationship is never emptied', () => {
    const model = form({ task });
    const values: Record<string, FormValue> = { ...model.values, $title: 'Renamed', estimate: 3.5, $assignedTo: [grace.id], watchers: [ada.id, grace.id] };
    assert.deepEqual(toUpdate(model, values), { values: { $title: 'Renamed', estimate: 3.5, $assignedTo: [grace.id], watchers: [ada.id, grace.id] } });
    assert.deepEqual(toUpdate(model, { ...model.values, $assignedTo: [] }), {}, 'a required relationship is never emptied');
    assert.equal(isEmptyUpdate(toUpdate(model, { ...model.values })), true);
    assert.deepEqual(toUpdate(model, { ...model.values, $dueAt: '' }), { values: { $dueAt: null } });
  });

  it('writes a patch the service takes: each changed relationship as one replace, the one ID of a has-one', async () => {
    const model = form({ task });
    const client = clientFor(server());
    const start = server().requests.length;
    const updated = await client.updateTask(task.id, toUpdate(model, { ...model.values, $assignedTo: [grace.id], watchers: [ada.id, grace.id] }));
    const sent = server().requests.slice(start).find((request) => request.method === 'POST');
    assert.deepEqual(sentBody(sent?.body).relationships, { $assignedTo: { replace: grace.id }, watchers: { replace: [ada.id, grace.id] } });
    assert.equal(updated.assignee, grace.id);
  });

  it('creates with every value set; the service gets one ID for HAS_ONE and a list for HAS_MANY', async () => {
    const model = form();
    const draft = toCreate(model, { ...model.values, $title: 'New', $assignedTo: [ada.id], contactEmail: ['a@b.co'] });
    assert.deepEqual(draft, { values: { $title: 'New', $status: 'TODO', $assignedTo: [ada.id], contactEmail: ['a@b.co'] } });
    const start = server().requests.length;
    const created = await clientFor(server()).createTask(draft);
    const sent = sentBody(server().requests.slice(start).find((request) => request.method === 'POST')?.body);
    assert.deepEqual(sent.relationships, { $assignedTo: ada.id });
    assert.deepEqual([created.title, created.status, created.assignee], ['New', 'TODO', ada.id]);
  });

  it('validates required values, numbers, dates, emails, links, options and IDs', () => {
    const model = form();
    const errors = validateValues(model, {
      ...model.values,
      $title: ' ',
      estimate: 1.234,
      $dueAt: '2026-13-01',
      contactEmail: ['not-an-email'],
      website: 'javascript:alert(1)',
      priority: 'opt_nope',
      $account: ['con_1'],
      siteAddress: { country: 'France' },
      $assignedTo: [],
    });
    assert.deepEqual(Object.keys(errors).sort(), ['$account', '$assignedTo', '$dueAt', '$title', 'contactEmail', 'estimate', 'priority', 'siteAddress', 'website'].sort());
    assert.equal(errors.$title, 'Required.');
    const valid = validateValues(model, { ...model.values, $title: 'T', $assignedTo: [ada.id], billable: false, estimate: 2.5, siteAddress: { city: 'Lyon', country: 'FR', latitude: 45.7 } });
    assert.deepEqual(valid, {});
  });

  it('finds what the server changed since the form was opened', () => {
    const base = form({ task });
    const fresh = form({ task: { ...task, fields: { ...task.fields, $title: { valueType: 'TEXT', value: 'Changed elsewhere' } } } });
    assert.deepEqual(serverChanges(base, fresh), ['$title']);
  });

  it('puts a refused save\'s message at the field the service names, else at the top', async () => {
    const model = form({ task });
    const refused = await rejection(() => clientFor(server()).updateTask(task.id, { values: { $status: 'DONE' } }));
    assert.deepEqual(Object.keys(fieldErrorsOf(model, refused as { fieldErrors?: Record<string, string> })), ['$status']);
    const elsewhere = await rejection(() => clientFor(server()).updateTask(task.id, { values: { bogus: 'x' } }));
    assert.deepEqual(fieldErrorsOf(model, elsewhere as { fieldErrors?: Record<string, string> }), {}, 'a field the form does not show: the message goes to the top');
  });

  it('shows a field of a newer type, or a value it cannot read, read-only as the service sent it', () => {
    const newer: TaskDescription = { fields: [...description.fields, { key: 'mood', kind: 'field', label: 'Mood', valueType: 'EMOJI', multiple: false, readOnly: false, requiredOnCreate: false, requiredOnEdit: false }] };
    const odd = { ...task, fields: { ...task.fields, mood: fieldSchema.parse({ valueType: 'EMOJI', value: ':)' }), estimate: fieldSchema.parse({ valueType: 'NUMBER', value: 'lots' }) } };
    const model = form({ description: newer, task: odd });
    const mood = model.fields.find((f) => f.key === 'mood');
    assert.deepEqual([mood?.valueType, mood?.readOnly, model.values.mood], ['UNKNOWN', true, '":)"']);
    assert.match(mood?.description ?? '', /does not know its type/, 'the form says why it cannot be edited');
    const estimate = model.fields.find((f) => f.key === 'estimate');
    assert.deepEqual([estimate?.readOnly, model.values.estimate], [true, '"lots"']);
    assert.equal(isEmptyUpdate(toUpdate(model, { ...model.values, mood: 'x', estimate: 1 })), true, 'never written back');
  });
});
