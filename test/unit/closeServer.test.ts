import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CloseServer, DEFAULT_CLOSE_KEY } from '../server/close/closeServer';
import { useCloseServer } from '../support/close';

/** A call with HTTP Basic auth: the key as user name, an empty password. */
async function call<T>(server: CloseServer, method: string, path: string, body?: unknown, key = DEFAULT_CLOSE_KEY): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

interface Task {
  id: string;
  _type: string;
  text: string;
  is_complete: boolean;
  assigned_to: string;
}

describe('local Close server: the documented contract', () => {
  const server = useCloseServer({ tasks: 30 });

  it('takes the key as the Basic user name with an empty password, and refuses anything else', async () => {
    assert.equal((await call(server(), 'GET', '/me/')).status, 200);
    const refused = await call<{ error: string }>(server(), 'GET', '/me/', undefined, 'api_wrong');
    assert.equal(refused.status, 401);
    assert.equal(typeof refused.body.error, 'string');
  });

  it('lists lead tasks unless _type=all, pages with _skip/_limit and has_more, and gives no total', async () => {
    const leads = await call<{ data: Task[]; has_more: boolean }>(server(), 'GET', '/task/?_limit=100');
    assert.ok(leads.body.data.length > 0 && leads.body.data.every((task) => task._type === 'lead'));
    const all = await call<{ data: Task[]; has_more: boolean }>(server(), 'GET', '/task/?_type=all&_limit=100');
    assert.equal(all.body.data.length, 30);
    assert.ok(all.body.data.some((task) => task._type !== 'lead'));
    assert.deepEqual(Object.keys(all.body).sort(), ['data', 'has_more']);
    const first = await call<{ data: Task[]; has_more: boolean }>(server(), 'GET', '/task/?_type=all&_skip=0&_limit=20');
    const second = await call<{ data: Task[]; has_more: boolean }>(server(), 'GET', '/task/?_type=all&_skip=20&_limit=20');
    assert.deepEqual([first.body.data.length, first.body.has_more, second.body.data.length, second.body.has_more], [20, true, 10, false]);
    const open = await call<{ data: Task[] }>(server(), 'GET', '/task/?_type=all&is_complete=false');
    assert.ok(open.body.data.every((task) => !task.is_complete));
  });

  it('answers an update with an empty 200 and applies it; a retrieve shows it', async () => {
    const task = [...server().tasks.values()].find((t) => t._type === 'lead');
    assert.ok(task);
    const updated = await call(server(), 'PUT', `/task/${task.id}/`, { text: 'Renamed', is_complete: true, date: '2026-12-01' });
    assert.deepEqual([updated.status, updated.body], [200, {}]);
    const read = await call<Task>(server(), 'GET', `/task/${task.id}/`);
    assert.deepEqual([read.body.text, read.body.is_complete], ['Renamed', true]);
  });

  it('refuses text on a task that is not a lead task, with the message in field-errors', async () => {
    const call_ = [...server().tasks.values()].find((t) => t._type !== 'lead');
    assert.ok(call_);
    const refused = await call<{ error: string; 'field-errors': Record<string, string> }>(server(), 'PUT', `/task/${call_.id}/`, { text: 'x' });
    assert.equal(refused.status, 400);
    assert.match(refused.body['field-errors'].text, /only be changed on lead tasks/);
  });

  it('creates a lead task for a lead, and refuses one without a lead', async () => {
    const lead = server().leads[0];
    const created = await call<Task>(server(), 'POST', '/task/', { _type: 'lead', lead_id: lead.id, text: 'From the test' });
    assert.deepEqual([created.status, created.body._type, created.body.text], [200, 'lead', 'From the test']);
    const refused = await call<{ 'field-errors': Record<string, string> }>(server(), 'POST', '/task/', { _type: 'lead', text: 'No lead' });
    assert.equal(refused.status, 400);
    assert.ok(refused.body['field-errors'].lead_id);
  });

  it('finds leads by query and lists users', async () => {
    const found = await call<{ data: { display_name: string }[] }>(server(), 'GET', '/lead/?query=acm');
    assert.deepEqual(found.body.data.map((lead) => lead.display_name), ['Acme']);
    assert.equal((await call<{ data: unknown[] }>(server(), 'GET', '/user/')).body.data.length, server().users.length);
  });
});

describe('local Close server: rate limits', () => {
  const server = useCloseServer({ tasks: 3, rateLimit: 3, rateWindowSeconds: 2 });

  it('reports each endpoint group in a RateLimit header, and answers 429 with Retry-After past it', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call<{ error?: { rate_reset?: number } }>(server(), 'GET', '/task/'));
    assert.match(answers[0].headers.get('RateLimit') ?? '', /^limit=3, remaining=2, reset=\d+$/);
    assert.equal(answers[3].status, 429);
    assert.ok(Number(answers[3].headers.get('Retry-After')) >= 1);
    assert.equal(typeof answers[3].body.error?.rate_reset, 'number', 'the deprecated body value still comes, inside error');
    // Another group has its own budget.
    assert.equal((await call(server(), 'GET', '/me/')).status, 200);
  });
});
