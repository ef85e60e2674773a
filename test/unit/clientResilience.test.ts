import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, isOutcomeUnknown } from '../../src/api/errors';
import { LightfieldProvider } from '../../src/api/lightfield/client';
import { DEFAULT_KEY } from '../server/server';
import { clientFor, rejection, useServer } from '../support/lightfield';

const TASK_PATH = /^\/v1\/tasks$/;

describe('Lightfield client: retries, idempotency and failures', () => {
  const server = useServer({ tasks: 5 });
  const newTask = (title = `Retry test ${Math.random()}`) => ({ title, status: 'TODO' as const, assignee: server().members[0].id });
  const createsSince = (start: number) => server().requests.slice(start).filter((r) => r.method === 'POST' && r.path === '/v1/tasks');
  // Lists only: a new client reads the definitions once first.
  const listsSince = (start: number) => server().requests.slice(start).filter((r) => r.method === 'GET' && /^\/v1\/tasks(\?|$)/.test(r.path));

  it('retries a create whose answer was lost, with the same Idempotency-Key, and the server holds one task', async () => {
    const start = server().requests.length;
    const tasksBefore = server().index.size;
    server().faults.inject({ kind: 'drop-after', method: 'POST', path: TASK_PATH });
    const created = await clientFor(server()).createTask(newTask());
    const attempts = createsSince(start);
    assert.equal(attempts.length, 2);
    const keys = attempts.map((r) => r.headers['idempotency-key']);
    assert.ok(typeof keys[0] === 'string' && keys[0].length > 0);
    assert.equal(keys[0], keys[1]);
    assert.equal(server().index.size, tasksBefore + 1);
    assert.equal(server().index.get(created.id)?.fields.$title.value, created.title);
  });

  it('says a write may have been applied when an earlier attempt went unanswered, whatever the last one says', async () => {
    const task = await clientFor(server()).createTask(newTask());
    const path = new RegExp(`^/v1/tasks/${task.id}$`);
    // The first attempt is applied and its answer lost; the retry is refused with an error that alone would say "not applied".
    server().faults.inject({ kind: 'drop-after', method: 'POST', path });
    server().faults.inject({ kind: 'status', status: 409, code: 'conflict', method: 'POST', path });
    const error = await rejection(() => clientFor(server()).updateTask(task.id, { status: 'COMPLETE' }));
    assert.ok(error instanceof ApiError && error.status === 409);
    assert.ok(isOutcomeUnknown(error), 'the caller confirms by reading before it reports a failure');
    assert.equal(server().index.get(task.id)?.fields.$status.value, 'COMPLETE', 'it was applied');
  });

  it('takes every 5xx answer for an outcome it does not know (the write may have been applied), and a 4xx for a refusal', () => {
    const answered = (status: number) => new ApiError({ kind: 'http', status, message: `HTTP ${status}` });
    for (const status of [500, 502, 503, 504]) assert.ok(isOutcomeUnknown(answered(status)), `HTTP ${status}`);
    for (const status of [400, 404, 409, 422, 429]) assert.equal(isOutcomeUnknown(answered(status)), false, `HTTP ${status}`);
    assert.ok(isOutcomeUnknown(new ApiError({ kind: 'network', message: 'reset' })));
  });

  it('retries 500 and 503 with backoff, then succeeds', async () => {
    const start = server().requests.length;
    server().faults.inject({ kind: 'status', status: 500, path: /^\/v1\/tasks$/, method: 'GET' });
    server().faults.inject({ kind: 'status', status: 503, path: /^\/v1\/tasks$/, method: 'GET' });
    const page = await clientFor(server()).listTasks();
    assert.equal(page.total, server().index.size);
    assert.equal(listsSince(start).length, 3);
  });

  it('retries a 408 (the service gave up waiting for the request), as Lightfield\'s own SDK does', async () => {
    const start = server().requests.length;
    server().faults.inject({ kind: 'status', status: 408, path: /^\/v1\/tasks$/, method: 'GET' });
    const page = await clientFor(server()).listTasks();
    assert.equal(page.total, server().index.size);
    assert.equal(listsSince(start).length, 2);
  });

  it('waits out a run of 429s longer than the attempts kept for failures: a refusal is not a failure', async () => {
    server().faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1, path: /^\/v1\/tasks$/, method: 'GET', times: 3 });
    const start = server().requests.length;
    const page = await clientFor(server(), { retry: { maxAttempts: 2, baseDelayMs: 1 } }).listTasks();
    assert.ok(page.tasks.length > 0);
    assert.equal(listsSince(start).length, 4, 'three refusals, then the answer');
  });

  it('honours Retry-After on a 429', async () => {
    server().faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1, path: /^\/v1\/tasks$/, method: 'GET' });
    const started = Date.now();
    await clientFor(server()).listTasks();
    const waited = Date.now() - started;
    assert.ok(waited >= 950, `waited only ${waited} ms`);
  });

  it('gives up after the bounded number of attempts and says the error is retryable', async () => {
    const start = server().requests.length;
    server().faults.inject({ kind: 'status', status: 503, path: /^\/v1\/tasks$/, method: 'GET', times: 10 });
    const error = await rejection(() => clientFor(server(), { retry: { maxAttempts: 3, baseDelayMs: 1 } }).listTasks());
    server().faults.clear();
    assert.ok(error instanceof ApiError && error.status === 503 && error.type === 'service_unavailable' && error.retryable);
    assert.equal(listsSince(start).length, 3);
  });

  it('retries an idempotency conflict and gets the first answer', async () => {
    server().faults.rates.latencyMs = 150;
    const client = clientFor(server(), { retry: { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 6 } });
    const input = newTask();
    const start = server().requests.length;
    const [a, b] = await Promise.all([
      client.createTask(input, { idempotencyKey: 'conflict-test-key' }),
      client.createTask(input, { idempotencyKey: 'conflict-test-key' }),
    ]);
    server().faults.rates.latencyMs = 0;
    assert.equal(a.id, b.id);
    assert.ok(createsSince(start).length >= 3, 'the conflicting call was answered 409 and retried');
    assert.equal(server().index.listed().filter((task) => task.fields.$title.value === input.title).length, 1);
  });

  it('reads a bare 409 body: its message reaches the caller, and a plain conflict is not retried', async () => {
    const start = server().requests.length;
    server().faults.inject({ kind: 'status', status: 409, message: 'Someone else is editing this task.', method: 'POST', path: /^\/v1\/tasks$/ });
    const error = await rejection(() => clientFor(server()).createTask(newTask()));
    assert.ok(error instanceof ApiError);
    assert.deepEqual([error.status, error.type, error.message, error.retryable], [409, 'conflict', 'Someone else is editing this task.', false]);
    assert.equal(createsSince(start).length, 1);
  });

  it('gets the first answer again for a reused key, whatever the new body (as documented), so keys must name one payload', async () => {
    const client = clientFor(server());
    const first = await client.createTask(newTask('first payload'), { idempotencyKey: 'reused-key' });
    const second = await client.createTask(newTask('another payload'), { idempotencyKey: 'reused-key' });
    assert.equal(second.id, first.id);
    assert.equal(second.title, 'first payload');
  });

  it('scopes a key to the operation: the same key on an update is a new request', async () => {
    const client = clientFor(server());
    const created = await client.createTask(newTask('scoped'), { idempotencyKey: 'scoped-key' });
    const updated = await client.updateTask(created.id, { title: 'renamed' }, { idempotencyKey: 'scoped-key' });
    assert.equal(updated.title, 'renamed');
  });

  it('asks again after an answer cut short, and reports one that stays unreadable as a schema error, not a crash', async () => {
    server().faults.inject({ kind: 'malformed', path: /^\/v1\/tasks\/definitions$/ });
    assert.ok((await clientFor(server()).describeTasks()).fields.length > 0, 'the second answer came whole');
    const start = server().requests.length;
    server().faults.inject({ kind: 'malformed', path: /^\/v1\/tasks\/definitions$/, times: 10 });
    const error = await rejection(() => clientFor(server(), { retry: { maxAttempts: 2, baseDelayMs: 1 } }).describeTasks());
    server().faults.clear();
    assert.ok(error instanceof ApiError && error.kind === 'schema');
    assert.match(error.message, /not valid JSON/);
    assert.equal(server().requests.length - start, 2);
  });

  it('names the path of a missing required property', async () => {
    server().faults.inject({
      kind: 'mutate',
      path: /^\/v1\/tasks$/,
      method: 'GET',
      mutate: (body) => {
        delete (body as { data: { createdAt?: string }[] }).data[2].createdAt;
        return body;
      },
    });
    const error = await rejection(() => clientFor(server()).listTasks());
    assert.ok(error instanceof ApiError && error.kind === 'schema');
    assert.match(error.message, /data\[2\]\.createdAt/);
  });

  it('tolerates unknown extra properties', async () => {
    server().faults.inject({ kind: 'mutate', path: /^\/v1\/auth\/validate$/, mutate: (body) => ({ ...(body as object), organizationId: 'org_1', extra: { nested: true } }) });
    const account = await clientFor(server()).checkKey();
    assert.equal(account.active, true);
  });

  it('reports an unreachable server as a network error after retrying', async () => {
    const client = new LightfieldProvider({ baseUrl: 'http://127.0.0.1:9', getKey: () => DEFAULT_KEY, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await rejection(() => client.listTasks());
    assert.ok(error instanceof ApiError && error.kind === 'network' && error.retryable);
    assert.match(error.message, /127\.0\.0\.1:9/);
  });

  it('retries a dropped connection on a read', async () => {
    server().faults.inject({ kind: 'drop-before', path: /^\/v1\/members$/ });
    const members = await clientFor(server()).listMembers();
    assert.equal(members.length, 5);
  });

  it('times out a slow answer', async () => {
    server().faults.rates.latencyMs = 400;
    const error = await rejection(() => clientFor(server(), { timeoutMs: 100, retry: { maxAttempts: 1 } }).getTask(server().index.listed()[0].id));
    server().faults.rates.latencyMs = 0;
    assert.ok(error instanceof ApiError && error.kind === 'network');
    assert.match(error.message, /timed out/);
  });

  it('stops at once when the caller cancels', async () => {
    server().faults.rates.latencyMs = 300;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await rejection(() => clientFor(server()).listTasks({}, { signal: controller.signal }));
    server().faults.rates.latencyMs = 0;
    assert.ok(error instanceof ApiError && error.kind === 'aborted');
  });

  it('refuses to send the key over plain http to a non-loopback host, and without a key', async () => {
    const remote = new LightfieldProvider({ baseUrl: 'http://api.example.com', getKey: () => DEFAULT_KEY });
    const unsafe = await rejection(() => remote.listTasks());
    assert.ok(unsafe instanceof ApiError && unsafe.kind === 'config');
    assert.match(unsafe.message, /plain http/);
    const noKey = await rejection(() => clientFor(server(), { getKey: () => undefined }).listTasks());
    assert.ok(noKey instanceof ApiError && noKey.kind === 'config');
  });
});

describe('Lightfield client: the key never shows', () => {
  const secret = 'sk_lf_TOPSECRET_0123456789';
  const server = useServer({ tasks: 2, keys: [{ key: secret }] });

  it('keeps the key out of error messages, logs and serialised errors, even when the server echoes it', async () => {
    const lines: string[] = [];
    const client = clientFor(server(), { getKey: () => secret, log: (line) => lines.push(line), retry: { maxAttempts: 2, baseDelayMs: 1 } });
    server().faults.inject({ kind: 'mutate', path: /^\/v1\/tasks\/definitions$/, mutate: () => ({ leaked: secret }) });
    const failures: unknown[] = [
      await rejection(() => client.describeTasks()),
      await rejection(() => client.getTask('tsk_nope')),
      await rejection(() => new LightfieldProvider({ baseUrl: 'http://127.0.0.1:9', getKey: () => secret, retry: { maxAttempts: 1 } }).listTasks()),
    ];
    // An error message that quotes the key back: it must arrive scrubbed.
    server().faults.inject({ kind: 'status', status: 400, code: 'invalid_type', message: `The key ${secret} may not do this.`, path: /^\/v1\/tasks$/, method: 'GET' });
    const echoed = await rejection(() => client.listTasks());
    assert.ok(echoed instanceof ApiError);
    assert.equal(echoed.message, 'The key [redacted] may not do this.');
    failures.push(echoed);
    server().faults.inject({ kind: 'status', status: 500, path: /^\/v1\/tasks$/, method: 'GET' });
    await client.listTasks();
    for (const failure of failures) {
      assert.ok(failure instanceof ApiError);
      const text = `${failure.message} ${failure.stack ?? ''} ${JSON.stringify(failure)} ${String(failure)}`;
      assert.ok(!text.includes(secret), `key leaked in: ${text}`);
    }
    assert.ok(lines.length >= 3);
    assert.ok(lines.every((line) => !line.includes(secret)));
  });
});
