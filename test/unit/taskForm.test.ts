import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldSchema } from '../../src/api/model';
import { buildForm } from '../../src/editor/formBuilder';
import { fieldOfParam } from '../../src/editor/fieldErrors';
import { isEmptyUpdate, serverChanges, toCreate, toUpdate } from '../../src/editor/formDiff';
import { type FormValue, validateValues } from '../../src/shared/form';
import { buildDefinitions } from '../server/definitions';
import { buildSampleData } from '../server/sampleData';

const definitions = buildDefinitions({ customFields: true, seed: 7 });
const sample = buildSampleData({ tasks: 3, seed: 7, now: Date.parse('2026-11-25T12:00:00Z'), definitions, linkBase: 'http://127.0.0.1/app' });
const task = sample.tasks[0];
const [ada, grace] = sample.members;

describe('task form from the definitions', () => {
  it('has one field per field and relationship definition, system fields first, labels from the server', () => {
    const model = buildForm({ definitions, task, members: sample.members });
    const keys = model.fields.map((f) => f.key);
    assert.deepEqual(keys.slice(0, 5), ['$title', '$status', '$assignedTo', '$dueAt', '$description']);
    assert.equal(keys.length, Object.keys(definitions.fieldDefinitions).length + Object.keys(definitions.relationshipDefinitions).length);
    const priority = model.fields.find((f) => f.key === 'priority');
    assert.equal(priority?.label, 'Priority');
    assert.deepEqual(priority?.options?.map((o) => o.label), ['Low', 'Medium', 'High']);
    assert.equal(model.fields.find((f) => f.key === 'summary')?.readOnly, true);
    assert.equal(model.fields.find((f) => f.key === '$note')?.readOnly, true);
    assert.deepEqual(model.fields.find((f) => f.key === '$assignedTo')?.options?.[0], { id: ada.id, label: 'Ada Lovelace' });
    assert.equal(model.fields.find((f) => f.key === '$account')?.idPrefix, 'acc_');
  });

  it('marks $title, $status and $assignedTo required for a new task, with defaults', () => {
    const model = buildForm({ definitions, members: sample.members, defaultAssignee: grace.id });
    assert.equal(model.mode, 'create');
    assert.deepEqual(model.fields.filter((f) => f.required).map((f) => f.key), ['$title', '$status', '$assignedTo']);
    assert.equal(model.values.$status, 'TODO');
    assert.deepEqual(model.values.$assignedTo, [grace.id]);
  });

  it('sends only what changed, each changed relationship as one replace (the one ID of a has-one)', () => {
    const model = buildForm({ definitions, task, members: sample.members });
    const values: Record<string, FormValue> = { ...model.values, $title: 'Renamed', estimate: 3.5, $assignedTo: [grace.id], watchers: [ada.id, grace.id], labels: [] };
    const update = toUpdate(model, values);
    assert.deepEqual(update.fields, { $title: 'Renamed', estimate: 3.5 });
    assert.deepEqual(update.relationships, { $assignedTo: { replace: grace.id }, watchers: { replace: [ada.id, grace.id] } });
    assert.equal(toUpdate(model, { ...model.values, $assignedTo: [] }).relationships, undefined, 'a required relationship is never emptied');
    assert.equal(isEmptyUpdate(toUpdate(model, { ...model.values })), true);
    const cleared = toUpdate(model, { ...model.values, $dueAt: '' });
    assert.deepEqual(cleared.fields, { $dueAt: null });
  });

  it('creates with every value set, one ID for HAS_ONE and a list for HAS_MANY', () => {
    const model = buildForm({ definitions, members: sample.members });
    const create = toCreate(model, { ...model.values, $title: 'New', $assignedTo: [ada.id], contactEmail: ['a@b.co'] });
    assert.deepEqual(create.fields, { $title: 'New', $status: 'TODO', contactEmail: ['a@b.co'] });
    assert.deepEqual(create.relationships, { $assignedTo: ada.id });
  });

  it('validates required values, numbers, dates, emails, links, options and IDs', () => {
    const model = buildForm({ definitions, members: sample.members });
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
    const base = buildForm({ definitions, task });
    const fresh = buildForm({ definitions, task: { ...task, fields: { ...task.fields, $title: { valueType: 'TEXT', value: 'Changed elsewhere' } } } });
    assert.deepEqual(serverChanges(base, fresh), ['$title']);
  });

  it('puts a server error at the field its param names (a request location), else at the top', () => {
    const model = buildForm({ definitions, task, members: sample.members });
    assert.equal(fieldOfParam(model, 'fields.$title'), '$title');
    assert.equal(fieldOfParam(model, 'relationships.$assignedTo'), '$assignedTo');
    assert.equal(fieldOfParam(model, 'fields.estimate'), 'estimate');
    for (const elsewhere of ['fields.bogus', '$title', 'relationships.$title', 'fields.$assignedTo', 'Idempotency-Key', undefined]) {
      assert.equal(fieldOfParam(model, elsewhere), undefined, String(elsewhere));
    }
  });

  it('shows a field of a newer type, or a value it cannot read, read-only as the service sent it', () => {
    const newer = { ...definitions, fieldDefinitions: { ...definitions.fieldDefinitions, mood: { label: 'Mood', valueType: 'EMOJI' } } };
    const odd = { ...task, fields: { ...task.fields, mood: fieldSchema.parse({ valueType: 'EMOJI', value: ':)' }), estimate: fieldSchema.parse({ valueType: 'NUMBER', value: 'lots' }) } };
    const model = buildForm({ definitions: newer, task: odd, members: sample.members });
    const mood = model.fields.find((f) => f.key === 'mood');
    assert.deepEqual([mood?.valueType, mood?.readOnly, model.values.mood], ['UNKNOWN', true, '":)"']);
    assert.match(mood?.description ?? '', /does not know its type/, 'the form says why it cannot be edited');
    const estimate = model.fields.find((f) => f.key === 'estimate');
    assert.deepEqual([estimate?.readOnly, model.values.estimate], [true, '"lots"']);
    assert.equal(isEmptyUpdate(toUpdate(model, { ...model.values, mood: 'x', estimate: 1 })), true, 'never written back');
  });
});
