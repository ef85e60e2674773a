import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawRequest, useServer } from '../support/lightfield';

interface ErrorBody {
  error: { type: string; message: string; code?: string; param?: string };
}

async function errorOf(response: Response): Promise<ErrorBody['error'] & { status: number }> {
  const body = (await response.json()) as ErrorBody;
  assert.equal(typeof body.error.message, 'string');
  return { status: response.status, ...body.error };
}

describe('local Lightfield server: the documented refusals', () => {
  // Many requests in a row: a higher rate limit keeps 429s (tested on their own) out of these checks.
  const server = useServer({ tasks: 10, customFields: true, rateLimitPerSecond: 1000 });
  const assignee = () => server().members[0].id;
  const create = (body: unknown) => rawRequest(server(), '/v1/tasks', { method: 'POST', body: JSON.stringify(body) });

  it('401 without a key or with a wrong one', async () => {
    assert.deepEqual(await errorOf(await rawRequest(server(), '/v1/tasks', { headers: { Authorization: '' } })), {
      status: 401,
      type: 'unauthorized',
      message: 'Missing or invalid API key.',
    });
    assert.equal((await rawRequest(server(), '/v1/tasks', { headers: { Authorization: 'Bearer sk_lf_nope' } })).status, 401);
  });

  it('400 version_header when Lightfield-Version is missing or wrong', async () => {
    for (const version of ['', '2025-01-01']) {
      const error = await errorOf(await rawRequest(server(), '/v1/tasks', { headers: { 'Lightfield-Version': version } }));
      assert.equal(error.status, 400);
      assert.equal(error.code, 'version_header');
    }
  });

  it('415 for a body that is not sent as JSON', async () => {
    const response = await rawRequest(server(), '/v1/tasks', { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } });
    assert.equal((await errorOf(response)).type, 'unsupported_media_type');
  });

  it('400 unknown_field, unknown_relationship, invalid_type and parameter_missing with the param', async () => {
    const cases: [unknown, string, string][] = [
      [{ fields: { $title: 't', $status: 'TODO', $colour: 'red' }, relationships: { $assignedTo: assignee() } }, 'unknown_field', 'fields.$colour'],
      [{ fields: { $title: 't', $status: 'TODO' }, relationships: { $assignedTo: assignee(), $friend: 'mem_x' } }, 'unknown_relationship', 'relationships.$friend'],
      [{ fields: { $title: 't', $status: 'TODO' }, relationships: { $assignedTo: assignee(), $note: 'note_1' } }, 'unknown_relationship', 'relationships.$note'],
      [{ fields: { $title: 't', $status: 'TODO', summary: 'mine' }, relationships: { $assignedTo: assignee() } }, 'unknown_field', 'fields.summary'],
      [{ fields: { $title: 42, $status: 'TODO' }, relationships: { $assignedTo: assignee() } }, 'invalid_type', 'fields.$title'],
      [{ fields: { $title: 't', $status: 'DONE' }, relationships: { $assignedTo: assignee() } }, 'invalid_type', 'fields.$status'],
      [{ fields: { $title: 't', $status: 'TODO', $dueAt: '2026-01-01' }, relationships: { $assignedTo: assignee() } }, 'invalid_type', 'fields.$dueAt'],
      [{ fields: { $title: 't', $status: 'TODO', estimate: 1.234 }, relationships: { $assignedTo: assignee() } }, 'invalid_type', 'fields.estimate'],
      [{ fields: { $title: 't', $status: 'TODO', billable: 'yes' }, relationships: { $assignedTo: assignee() } }, 'invalid_type', 'fields.billable'],
      [{ fields: { $title: 't', $status: 'TODO', priority: 'High' }, relationships: { $assignedTo: assignee() } }, 'invalid_type', 'fields.priority'],
      [{ fields: { $title: 't', $status: 'TODO', siteAddress: { country: 'France' } }, relationships: { $assignedTo: assignee() } }, 'invalid_type', 'fields.siteAddress.country'],
      [{ fields: { $title: 't', $status: 'TODO' }, relationships: { $assignedTo: 'acc_123' } }, 'invalid_type', 'relationships.$assignedTo'],
      [{ fields: { $status: 'TODO' }, relationships: { $assignedTo: assignee() } }, 'parameter_missing', 'fields.$title'],
      [{ fields: { $title: 't' }, relationships: { $assignedTo: assignee() } }, 'parameter_missing', 'fields.$status'],
      [{ fields: { $title: 't', $status: 'TODO' }, relationships: {} }, 'parameter_missing', 'relationships.$assignedTo'],
    ];
    for (const [body, code, param] of cases) {
      const error = await errorOf(await create(body));
      assert.deepEqual([error.status, error.type, error.code, error.param], [400, 'bad_request', code, param], JSON.stringify(body));
    }
  });

  it('422 for more than 25 relationship IDs and for entities that do not exist', async () => {
    const ids = Array.from({ length: 26 }, (_, i) => `acc_${i}`);
    const tooMany = await errorOf(await create({ fields: { $title: 't', $status: 'TODO' }, relationships: { $assignedTo: assignee(), $account: ids } }));
    assert.deepEqual([tooMany.status, tooMany.code], [422, 'relationship_write_limit_exceeded']);
    const missing = await errorOf(await create({ fields: { $title: 't', $status: 'TODO' }, relationships: { $assignedTo: 'mem_ghost' } }));
    assert.deepEqual([missing.status, missing.code, missing.param], [422, 'relationship_entity_missing', 'relationships.$assignedTo']);
  });

  it('400 for limit outside 1..25, 404 for unknown IDs and routes', async () => {
    for (const limit of ['0', '26', 'ten']) {
      const error = await errorOf(await rawRequest(server(), `/v1/tasks?limit=${limit}`));
      assert.deepEqual([error.status, error.param], [400, 'limit']);
    }
    assert.equal((await errorOf(await rawRequest(server(), '/v1/tasks/tsk_none'))).type, 'not_found');
    assert.equal((await rawRequest(server(), '/v1/members/mem_none')).status, 404);
    assert.equal((await rawRequest(server(), '/v1/nothing')).status, 404);
  });

  it('refuses filters on unknown keys and operators a type does not support', async () => {
    assert.equal((await errorOf(await rawRequest(server(), '/v1/tasks?$colour[equal]=red'))).code, 'unknown_relationship');
    assert.equal((await rawRequest(server(), '/v1/tasks?$description[equal]=x')).status, 400);
    assert.equal((await rawRequest(server(), '/v1/tasks?$status[greaterThan]=TODO')).status, 400);
  });

  it('filters relationships by their definition\'s slug only: the key, a guess, is refused', async () => {
    const slug = server().definitions.relationshipDefinitions.$assignedTo.slug;
    assert.ok(slug && slug !== '$assignedTo');
    const member = server().index.listed()[0].relationships.$assignedTo.values[0];
    const byKey = await errorOf(await rawRequest(server(), `/v1/tasks?$assignedTo[contains]=${member}`));
    assert.deepEqual([byKey.status, byKey.code], [400, 'unknown_relationship']);
    const mine = await rawRequest(server(), `/v1/tasks?${encodeURIComponent(slug)}[contains]=${member}`);
    const body = (await mine.json()) as { data: { relationships: Record<string, { values: string[] }> }[] };
    assert.ok(body.data.length > 0 && body.data.every((task) => task.relationships.$assignedTo.values.includes(member)));
  });

  it('takes a filter without an operator (equal where the type has it) and startsWith on a full name', async () => {
    const todo = (await (await rawRequest(server(), '/v1/tasks?$status=TODO')).json()) as { data: { fields: { $status: { value: string } } }[] };
    assert.ok(todo.data.length > 0 && todo.data.every((task) => task.fields.$status.value === 'TODO'));
    assert.equal((await rawRequest(server(), '/v1/tasks?reviewer[startsWith]=Ad')).status, 200);
  });

  it('updates only what is sent, replaces a relationship, and rejects a too-long Idempotency-Key', async () => {
    const task = server().index.listed()[0];
    const response = await rawRequest(server(), `/v1/tasks/${task.id}`, {
      method: 'POST',
      body: JSON.stringify({ fields: { $title: 'Renamed' }, relationships: { $account: { replace: [server().accounts[1]] } } }),
    });
    const updated = (await response.json()) as typeof task;
    assert.equal(updated.fields.$title.value, 'Renamed');
    assert.equal(updated.fields.$status.value, task.fields.$status.value);
    assert.deepEqual(updated.relationships.$account.values, [server().accounts[1]]);
    const longKey = await rawRequest(server(), `/v1/tasks/${task.id}`, { method: 'POST', body: '{}', headers: { 'Idempotency-Key': 'k'.repeat(256) } });
    assert.equal((await errorOf(longKey)).code, 'idempotency_key_too_long');
  });

  it('never caches a failed request under its Idempotency-Key: a retry does the work', async () => {
    const post = (body: unknown) => rawRequest(server(), '/v1/tasks', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': 'fails-first' } });
    assert.equal((await post({ fields: { $status: 'TODO' }, relationships: { $assignedTo: assignee() } })).status, 400);
    const retried = await post({ fields: { $title: 'second try', $status: 'TODO' }, relationships: { $assignedTo: assignee() } });
    assert.equal(retried.status, 200);
    assert.equal(((await retried.json()) as { fields: { $title: { value: string } } }).fields.$title.value, 'second try');
  });

  it('answers a concurrent duplicate with the bare 409 body the idempotency page prints', async () => {
    server().faults.rates.latencyMs = 200;
    try {
      const body = JSON.stringify({ fields: { $title: 'twice at once', $status: 'TODO' }, relationships: { $assignedTo: assignee() } });
      const send = () => rawRequest(server(), '/v1/tasks', { method: 'POST', body, headers: { 'Idempotency-Key': 'at-once' } });
      const [first, second] = await Promise.all([send(), send()]);
      const conflict = [first, second].find((response) => response.status === 409);
      assert.ok(conflict, 'one of the two was a 409');
      assert.deepEqual(Object.keys((await conflict.json()) as object).sort(), ['message', 'type']);
    } finally {
      server().faults.rates.latencyMs = 0;
    }
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const body = JSON.stringify({ fields: { $title: 'Once', $status: 'TODO' }, relationships: { $assignedTo: assignee() } });
    const first = await rawRequest(server(), '/v1/tasks', { method: 'POST', body, headers: { 'Idempotency-Key': 'replay-1' } });
    const second = await rawRequest(server(), '/v1/tasks', { method: 'POST', body, headers: { 'Idempotency-Key': 'replay-1' } });
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await second.json(), await first.json());
  });
});

describe('local Lightfield server: index lag', () => {
  const server = useServer({ tasks: 3, indexLagMs: 300 });

  it('lists show a write only after the lag, retrieve shows it at once', async () => {
    const task = server().index.listed()[0];
    await rawRequest(server(), `/v1/tasks/${task.id}`, { method: 'POST', body: JSON.stringify({ fields: { $status: 'CANCELLED' } }) });
    const fresh = (await (await rawRequest(server(), `/v1/tasks/${task.id}`)).json()) as typeof task;
    assert.equal(fresh.fields.$status.value, 'CANCELLED');
    const listedNow = (await (await rawRequest(server(), '/v1/tasks')).json()) as { data: (typeof task)[] };
    assert.equal(listedNow.data.find((t) => t.id === task.id)?.fields.$status.value, task.fields.$status.value);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const listedLater = (await (await rawRequest(server(), '/v1/tasks')).json()) as { data: (typeof task)[] };
    assert.equal(listedLater.data.find((t) => t.id === task.id)?.fields.$status.value, 'CANCELLED');
  });
});

describe('local Lightfield server: web app links', () => {
  const server = useServer({ tasks: 2 });

  it('serves a page at each task httpLink, with the ID escaped', async () => {
    const task = server().index.listed()[0];
    assert.ok(task.httpLink?.startsWith(server().url));
    const page = await fetch(task.httpLink ?? '');
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(task.id));
    const hostile = await fetch(`${server().url}/app/tasks/%3Cscript%3E`);
    assert.ok(!(await hostile.text()).includes('<script>'));
  });
});

describe('local Lightfield server with --ignore-filters (an undocumented feature read unkindly)', () => {
  const server = useServer({ tasks: 12, ignoreFilters: true });

  it('answers a filtered list with every task', async () => {
    const all = (await (await rawRequest(server(), '/v1/tasks')).json()) as { totalCount: number };
    const filtered = (await (await rawRequest(server(), '/v1/tasks?$status[equal]=TODO')).json()) as { totalCount: number };
    assert.equal(filtered.totalCount, all.totalCount);
  });
});
