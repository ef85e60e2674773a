/**
 * The key never leaves the HTTP layer inside an error: every string an error
 * carries is redacted of every form in which the client sends the key, for both
 * services, however often a server echoes it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, redact, redactError } from '../../src/api/errors';
import { type CloseServer, startCloseServer } from '../server/close/closeServer';
import { type LightfieldServer, startLightfieldServer } from '../server/server';
import { closeClientFor } from '../support/close';
import { clientFor, rejection } from '../support/lightfield';

/** A key with characters that URL-encoding and base64 both change. */
const KEY = 'sk_lf_a+b/c=d&e?f~>?';
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Each form a key may come back in, as a server echoing the request might write it. */
const ECHOED: [string, string][] = [
  ['as written', KEY],
  ['URL-encoded', encodeURIComponent(KEY)],
  ['as the Basic credential', base64(`${KEY}:`)],
  ['as a Basic header', `Basic ${base64(`${KEY}:`)}`],
  ['as a Bearer header', `Bearer ${KEY}`],
  ['base64 without the colon', base64(KEY)],
  ['base64 without padding', base64(`${KEY}:`).replace(/=+$/, '')],
  ['base64url', base64(`${KEY}:`).replace(/\+/g, '-').replace(/\//g, '_')],
];

/** Every form of `KEY` that must not survive, searched for in `text`. */
function leaks(text: string, key = KEY): string[] {
  const forms = [key, encodeURIComponent(key), base64(`${key}:`).replace(/=+$/, ''), base64(key).replace(/=+$/, '')];
  return forms.filter((form) => text.includes(form));
}

/** Every string an error carries, as the editor, a notification or the log may show it. */
function everyString(error: ApiError): string {
  return JSON.stringify({ message: error.message, type: error.type, code: error.code, param: error.param, fieldErrors: error.fieldErrors, stack: error.stack });
}

describe('redact', () => {
  for (const [form, echoed] of ECHOED) {
    it(`removes the key ${form}, every time it appears`, () => {
      const text = `first ${echoed}, then ${echoed}${echoed} and at the end ${echoed}`;
      const redacted = redact(text, KEY);
      assert.deepEqual(leaks(redacted), [], redacted);
      assert.equal(redacted.split('[redacted]').length - 1, 4, redacted);
      assert.ok(redacted.startsWith('first ') && redacted.includes(', then ') && redacted.includes(' and at the end '), 'the rest of the text stays');
    });
  }

  it('leaves text without the key as it is, and text with no key to hide', () => {
    assert.equal(redact('nothing secret: sk_lf_other', KEY), 'nothing secret: sk_lf_other');
    assert.equal(redact(`anything ${KEY}`, undefined), `anything ${KEY}`);
    assert.equal(redact(`anything ${KEY}`, ''), `anything ${KEY}`);
  });

  it('redacts every string of an error: message, type, code, param, field names and field errors', () => {
    const echo = ECHOED.map(([, text]) => text).join(' | ');
    const error = new ApiError({
      kind: 'http',
      status: 400,
      message: `refused ${echo}`,
      type: `type ${KEY}`,
      code: `code ${encodeURIComponent(KEY)}`,
      param: `fields.${KEY}`,
      fieldErrors: { text: `bad ${echo}`, [`field ${KEY}`]: 'named by the key' },
      retryable: true,
      retryAfterSeconds: 3,
    });
    const redacted = redactError(error, KEY);
    assert.deepEqual(leaks(everyString(redacted)), [], everyString(redacted));
    assert.ok(redacted.fieldErrors && Object.keys(redacted.fieldErrors).length === 2, 'every field error is kept, redacted');
    assert.deepEqual([redacted.kind, redacted.status, redacted.retryable, redacted.retryAfterSeconds], ['http', 400, true, 3], 'what the error means is unchanged');
  });
});

describe('errors from a server that echoes the key', () => {
  const echo = (key: string) => [key, key, encodeURIComponent(key), base64(`${key}:`), `Basic ${base64(`${key}:`)}`, `Bearer ${key}`].join(' and ');

  it('Lightfield: the message, code, param and the field error hold no form of the key', async () => {
    const server: LightfieldServer = await startLightfieldServer({ tasks: 2, keys: [{ key: KEY }] });
    try {
      const client = clientFor(server, { getKey: () => KEY });
      const [task] = server.index.listed();
      server.faults.inject({ kind: 'status', status: 400, method: 'POST', message: `Rejected: ${echo(KEY)}`, code: `bad_${KEY}`, param: 'fields.$title' });
      const error = await rejection(() => client.updateTask(task.id, { title: 'x' }));
      assert.ok(error instanceof ApiError && error.status === 400, String(error));
      assert.deepEqual(leaks(everyString(error)), [], everyString(error));
      assert.match(error.fieldErrors?.$title ?? '', /^Rejected: \[redacted\]/, 'the field error is shown, redacted');
    } finally {
      await server.close();
    }
  });

  it('Close: the message and every field error hold no form of the key (the Basic credential included)', async () => {
    const key = 'api_x+y/z=w&v~>?';
    const server: CloseServer = await startCloseServer({ tasks: 2, key });
    try {
      const client = closeClientFor(server, { getKey: () => key });
      const [task] = [...server.tasks.values()];
      server.faults.inject({ kind: 'status', status: 400, method: 'PUT', message: `Bad auth ${echo(key)}`, fieldErrors: { text: `Echo ${echo(key)}`, date: `Again ${echo(key)}` } });
      const error = await rejection(() => client.updateTask(task.id, { title: 'x' }));
      assert.ok(error instanceof ApiError && error.status === 400, String(error));
      assert.deepEqual(leaks(everyString(error), key), [], everyString(error));
      assert.ok(Object.values(error.fieldErrors ?? {}).length > 0 && Object.values(error.fieldErrors ?? {}).every((text) => text.includes('[redacted]')), JSON.stringify(error.fieldErrors));
    } finally {
      await server.close();
    }
  });
});
