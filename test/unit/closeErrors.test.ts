/** Close's error bodies as its reference prints them: an `errors` list, nested `field-errors`, 402, the old 429 body. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/errors';
import { closeRules } from '../../src/api/close/http';
import { closeClientFor, useCloseServer } from '../support/close';
import { rejection } from '../support/lightfield';

describe('Close error bodies', () => {
  const server = useCloseServer({ tasks: 4 });

  async function refusal(status: number, body: unknown): Promise<ApiError> {
    const [task] = [...server().tasks.values()];
    server().faults.inject({ kind: 'reply', status, text: JSON.stringify(body), method: 'PUT' });
    const error = await rejection(() => closeClientFor(server(), { retry: { maxAttempts: 1 } }).updateTask(task.id, { title: 'x' }));
    assert.ok(error instanceof ApiError && error.status === status, String(error));
    return error;
  }

  it('reads nested field errors into the fields and the message, never "The service answered HTTP 400."', async () => {
    const error = await refusal(400, { error: 'Invalid request.', errors: [], 'field-errors': { contacts: { errors: { '0': { 'field-errors': { phone: 'Invalid phone number.' } } } }, text: ['Too long.', 'Not allowed.'] } });
    assert.equal(error.fieldErrors?.contacts, '0 phone: Invalid phone number.');
    assert.equal(error.fieldErrors?.text, 'Too long. Not allowed.');
    assert.match(error.message, /contacts: 0 phone: Invalid phone number\..*text: Too long\. Not allowed\./);
    assert.doesNotMatch(error.message, /answered HTTP/);
  });

  it('reads the errors list when it is all Close said', async () => {
    const error = await refusal(400, { error: 'Invalid request.', errors: ['Lead is required.', { message: 'Date is not a date.' }], 'field-errors': {} });
    assert.equal(error.message, 'Invalid request.; Lead is required.; Date is not a date.');
  });

  it('says a 402 is the plan\'s limit', async () => {
    const error = await refusal(402, { error: 'You have reached the maximum number of tasks.' });
    assert.equal(error.message, 'Your Close plan does not allow this (402): You have reached the maximum number of tasks.');
  });

  it('reads the old 429 body\'s rate_reset inside error, and at the top', () => {
    assert.equal(closeRules.readError(429, { error: { rate_reset: 7, message: 'API call count exceeded for this 15 second window' } }).retryAfterSeconds, 7);
    assert.equal(closeRules.readError(429, { error: 'slow down', rate_reset: 3 }).retryAfterSeconds, 3);
    assert.match(closeRules.readError(429, { error: { rate_reset: 7, message: 'API call count exceeded' } }).message, /API call count exceeded/);
  });
});

describe('a Close plan at its limit', () => {
  const server = useCloseServer({ tasks: 3, taskLimit: 3 });

  it('refuses a create with 402, read as the plan\'s limit in Close\'s words, and makes nothing', async () => {
    const error = await closeClientFor(server()).createTask({ title: 'One too many', parent: server().leads[0].id }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof ApiError && error.status === 402, String(error));
    assert.match(error.message, /^Your Close plan does not allow this \(402\): Your plan allows 3 tasks/);
    assert.equal(server().tasks.size, 3);
  });
});
