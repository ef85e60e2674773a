import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// As the extension's entry does first: the short messages of the log.
import '../../src/api/zodSetup';
import { describeSchemaIssues } from '../../src/api/errors';
import { errorBodySchema } from '../../src/api/lightfield/schemas';
import { memberPageSchema, taskDefinitionsSchema, taskPageSchema, taskSchema } from '../../src/api/lightfield/schemas';
import { fieldSchema, isUnreadable } from '../../src/api/values';
import {
  NOTES_FIELD_ERROR,
  NOTES_IDEMPOTENCY_CONFLICT,
  NOTES_MEMBER,
  NOTES_RATE_LIMITED,
  SEED_DEFINITIONS_RESPONSE,
  SEED_LIST_RESPONSE,
  SEED_TASK_RESPONSE,
} from '../fixtures/seedExamples';

describe('schemas', () => {
  it('parse the example responses of the API reference', () => {
    assert.equal(taskSchema.parse(SEED_TASK_RESPONSE).id, 'id');
    assert.equal(taskPageSchema.parse(SEED_LIST_RESPONSE).data.length, 1);
    assert.equal(taskDefinitionsSchema.parse(SEED_DEFINITIONS_RESPONSE).fieldDefinitions.foo.typeConfiguration?.options?.[0].id, 'id');
  });

  it('parse the examples API-NOTES quotes: a documented members page, bare 409 and 429 bodies, a wrapped field error', () => {
    const members = memberPageSchema.parse({ object: 'list', data: [NOTES_MEMBER], totalCount: 1 });
    assert.equal(members.data[0].fields.$role.value, 'admin');
    assert.deepEqual(errorBodySchema.parse(NOTES_IDEMPOTENCY_CONFLICT), NOTES_IDEMPOTENCY_CONFLICT);
    assert.deepEqual(errorBodySchema.parse(NOTES_RATE_LIMITED), NOTES_RATE_LIMITED);
    assert.deepEqual(errorBodySchema.parse(NOTES_FIELD_ERROR), NOTES_FIELD_ERROR.error);
  });

  it('cover every value shape: text, number, boolean, list, address, full name and null', () => {
    const values = [
      ['TEXT', 'hello'],
      ['NUMBER', 12.5],
      ['CURRENCY', 1999.99],
      ['CHECKBOX', true],
      ['MULTI_SELECT', ['opt_a', 'opt_b']],
      ['TELEPHONE', ['+33 1 23 45 67 89']],
      ['ADDRESS', { street: '1 Main St', street2: null, city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US', latitude: 39.8, longitude: -89.6 }],
      ['FULL_NAME', { firstName: 'Ada', lastName: 'Lovelace' }],
      ['DATETIME', null],
    ] as const;
    for (const [valueType, value] of values) {
      assert.deepEqual(fieldSchema.parse({ valueType, value }), { valueType, value });
    }
  });

  it('tolerate unknown extra properties', () => {
    const parsed = taskSchema.parse({ ...SEED_TASK_RESPONSE, archived: false, fields: { $title: { valueType: 'TEXT', value: 't', source: 'api' } } });
    assert.equal(parsed.fields.$title.value, 't');
  });

  it('name the path of a missing or wrong property', () => {
    const missing = taskPageSchema.safeParse({ ...SEED_LIST_RESPONSE, data: [{ ...SEED_TASK_RESPONSE, id: undefined }] });
    assert.ok(!missing.success);
    assert.match(describeSchemaIssues(missing.error), /^data\[0\]\.id: /);
  });

  it('tie each value to its valueType: a mismatch or a newer type makes that one field unreadable, never the task', () => {
    assert.deepEqual(fieldSchema.parse({ valueType: 'CHECKBOX', value: true }), { valueType: 'CHECKBOX', value: true });
    const mismatch = fieldSchema.parse({ valueType: 'CHECKBOX', value: 'x' });
    assert.ok(isUnreadable(mismatch));
    assert.equal(mismatch.raw, '"x"');
    assert.match(mismatch.problem, /not a CHECKBOX value/);
    const newer = fieldSchema.parse({ valueType: 'RATING', value: 4 });
    assert.ok(isUnreadable(newer) && newer.raw === '4' && /newer/.test(newer.problem));
    // The seed's own example carries a string under ADDRESS: the task still parses.
    const seeded = taskSchema.parse(SEED_TASK_RESPONSE);
    assert.ok(isUnreadable(seeded.fields.foo));
    const page = taskPageSchema.parse({ ...SEED_LIST_RESPONSE, data: [{ ...SEED_TASK_RESPONSE, fields: { done: { valueType: 'NUMBER', value: '3' }, ok: { valueType: 'TEXT', value: 't' } } }] });
    assert.equal(page.data[0].fields.ok.value, 't');
    assert.ok(isUnreadable(page.data[0].fields.done));
    const definitions = taskDefinitionsSchema.parse({ ...SEED_DEFINITIONS_RESPONSE, fieldDefinitions: { rating: { label: 'Rating', valueType: 'RATING' } } });
    assert.equal(definitions.fieldDefinitions.rating.valueType, 'RATING');
  });
});

describe('schema problems as the Output channel shows them', () => {
  it('name the path, what was expected and what came', () => {
    const parsed = taskPageSchema.safeParse({ object: 'list', totalCount: 1, data: [{ ...SEED_TASK_RESPONSE, createdAt: 42 }] });
    assert.ok(!parsed.success);
    assert.match(describeSchemaIssues(parsed.error), /data\[0\]\.createdAt: expected string, received number/);
  });
});
