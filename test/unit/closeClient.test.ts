import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closeRules } from '../../src/api/close/http';
import { buildForm } from '../../src/editor/formBuilder';
import { toCreate } from '../../src/editor/formDiff';
import { ApiError } from '../../src/api/errors';
import { RateLimiter } from '../../src/api/rateLimiter';
import { closeClientFor, useCloseServer } from '../support/close';
import { rejection } from '../support/lightfield';

const TASKS = /^\/api\/v1\/task\/$/;

describe('Close adapter: calls against the local Close server', () => {
  const server = useCloseServer({ tasks: 130 });
  // The task routes' requests (the one read of a lead's link, made once per client, aside).
  const since = (start: number) => server().requests.slice(start).filter((request) => !request.path.startsWith('/api/v1/lead/'));

  it('says which lead each task belongs to, and names the leads of the tasks it has read', async () => {
    const client = closeClientFor(server());
    const { tasks } = await client.listTasks({ limit: 50 });
    const withLead = tasks.filter((task) => task.related?.lead?.length);
    assert.ok(withLead.length > 0);
    for (const task of withLead) {
      const leadId = task.related!.lead[0];
      const lead = server().leads.find((each) => each.id === leadId);
      assert.ok(lead, `${leadId} is one of the server's leads`);
      assert.deepEqual(await client.nameRecords('lead', [leadId]), [{ id: leadId, name: lead.display_name }]);
    }
    assert.deepEqual(await client.nameRecords('account', [withLead[0].related!.lead[0]]), [], 'Close has no accounts');
  });

  it('checks the key with GET /me/ and learns who "me" is', async () => {
    const account = await closeClientFor(server()).checkKey();
    assert.equal(account.active, true);
    assert.equal(account.me, server().users[0].id);
    assert.deepEqual([account.canCreate, account.canUpdate, account.canReadMembers], [true, true, true]);
  });

  it('refuses a wrong key with a 401 that is not retried', async () => {
    const start = server().requests.length;
    const error = await rejection(() => closeClientFor(server(), { getKey: () => 'api_wrong' }).checkKey());
    assert.ok(error instanceof ApiError && error.status === 401 && !error.retryable);
    assert.equal(since(start).length, 1);
  });

  it('lists the users as members, by name', async () => {
    const members = await closeClientFor(server()).listMembers();
    assert.deepEqual(members.map((member) => member.name), server().users.map((user) => `${user.first_name} ${user.last_name}`));
  });

  it('pages without totals: has_more, _skip and _limit, every type of task (_type=all)', async () => {
    const client = closeClientFor(server());
    const first = await client.listTasks({ limit: 25 });
    assert.equal(first.total, undefined);
    assert.equal(first.hasMore, true);
    assert.equal(first.tasks.length, 25);
    const start = server().requests.length;
    const all = await client.listAllTasks();
    assert.equal(all.length, server().tasks.size);
    assert.ok(all.some((task) => task.kind !== 'lead'), 'tasks of other types than lead are listed');
    const pages = since(start);
    assert.equal(pages.length, Math.ceil(server().tasks.size / 100));
    assert.ok(pages.every((request) => request.path.includes('_type=all')));
  });

  it('translates status and assignee to is_complete and assigned_to; statuses Close lacks list nothing, without a request', async () => {
    const client = closeClientFor(server());
    const done = await client.listAllTasks({ status: 'COMPLETE' });
    const open = await client.listAllTasks({ status: 'TODO' });
    assert.ok(done.length > 0 && done.every((task) => task.status === 'COMPLETE'));
    assert.equal(done.length + open.length, server().tasks.size);
    const grace = server().users[1].id;
    const graces = await client.listAllTasks({ assignee: grace });
    assert.ok(graces.length > 0 && graces.every((task) => task.assignee === grace));
    const start = server().requests.length;
    assert.deepEqual(await client.listTasks({ status: 'IN_PROGRESS' }), { tasks: [], hasMore: false });
    assert.equal(since(start).length, 0);
  });

  it('reads the task again after the update\'s empty 200 answer', async () => {
    const client = closeClientFor(server());
    const task = [...server().tasks.values()].find((t) => t._type === 'lead' && !t.is_complete);
    assert.ok(task);
    const start = server().requests.length;
    const updated = await client.updateTask(task.id, { status: 'COMPLETE', title: 'Call back Acme', dueAt: '2026-12-02T10:00:00Z' });
    assert.deepEqual([updated.status, updated.title, Date.parse(updated.dueAt ?? '')], ['COMPLETE', 'Call back Acme', Date.parse('2026-12-02T10:00:00Z')]);
    assert.equal(server().tasks.get(task.id)?.date, '2026-12-02T10:00:00+00:00', 'Close keeps it in its own form');
    assert.deepEqual(since(start).map((request) => request.method), ['PUT', 'GET']);
    assert.equal(server().tasks.get(task.id)?.is_complete, true);
  });

  it('refuses a text edit on a task that is not a lead task, with the service\'s message at the field', async () => {
    const call = [...server().tasks.values()].find((t) => t._type !== 'lead');
    assert.ok(call);
    const error = await rejection(() => closeClientFor(server()).updateTask(call.id, { values: { text: 'Renamed' } }));
    assert.ok(error instanceof ApiError && error.status === 400);
    assert.match(error.fieldErrors?.text ?? '', /only be changed on lead tasks/);
    assert.match(error.message, /^text: .*lead tasks/, 'the message says what was refused, not only "Invalid request."');
    assert.equal(server().tasks.get(call.id)?.text, call.text);
  });

  it('describes Close\'s task fields in the domain\'s shape: text editable on lead tasks only, the lead fixed after creation', async () => {
    const { fields } = await closeClientFor(server()).describeTasks();
    const byKey = new Map(fields.map((field) => [field.key, field]));
    assert.deepEqual(byKey.get('text')?.editableKinds, ['lead']);
    assert.equal(byKey.get('lead_id')?.createOnly, true);
    assert.deepEqual(byKey.get('lead_id')?.options?.map((option) => option.id).sort(), server().leads.map((lead) => lead.id).sort());
    assert.equal(byKey.get('assigned_to')?.objectType, 'member');
  });

  it('finds leads by name for a new task', async () => {
    const found = await closeClientFor(server()).searchParents('glob');
    assert.deepEqual(found.map((lead) => lead.label), ['Globex']);
  });

  it('creates a lead task under the chosen lead', async () => {
    const lead = server().leads[2];
    const me = server().users[0].id;
    const created = await closeClientFor(server()).createTask({ title: 'Send the contract', status: 'TODO', assignee: me, dueAt: '2026-12-03T09:00:00Z', parent: lead.id });
    assert.deepEqual([created.kind, created.title, created.assignee, created.status], ['lead', 'Send the contract', me, 'TODO']);
    assert.equal(server().tasks.get(created.id)?.lead_id, lead.id);
  });

  it('makes exactly one task when a create\'s answer is lost: it looks for the task before sending again', async () => {
    const lead = server().leads[3];
    const before = server().tasks.size;
    const start = server().requests.length;
    server().faults.inject({ kind: 'drop-after', method: 'POST', path: TASKS });
    const created = await closeClientFor(server()).createTask({ title: `Lost answer ${Date.now()}`, parent: lead.id });
    assert.equal(server().tasks.size, before + 1, 'one task, not two');
    assert.ok(server().tasks.has(created.id));
    assert.deepEqual(since(start).map((request) => request.method), ['POST', 'GET'], 'one create, then the look-up that found it');
  });

  it('sends a create again when the look-up shows it was not made (a 503 before any work)', async () => {
    const lead = server().leads[4];
    const before = server().tasks.size;
    server().faults.inject({ kind: 'status', status: 503, method: 'POST', path: TASKS });
    const created = await closeClientFor(server()).createTask({ title: `Refused once ${Date.now()}`, parent: lead.id });
    assert.equal(server().tasks.size, before + 1);
    assert.ok(server().tasks.has(created.id));
  });

  it('does not send a create again when it cannot tell whether it was made', async () => {
    const lead = server().leads[5];
    const before = server().tasks.size;
    server().faults.inject({ kind: 'drop-after', method: 'POST', path: TASKS });
    server().faults.inject({ kind: 'status', status: 500, method: 'GET', path: TASKS, times: 10 });
    const error = await rejection(() => closeClientFor(server(), { retry: { maxAttempts: 2, baseDelayMs: 1 } }).createTask({ title: `Unknown ${Date.now()}`, parent: lead.id }));
    server().faults.clear();
    assert.ok(error instanceof ApiError && error.kind === 'network');
    assert.equal(server().tasks.size, before + 1, 'the one task the lost answer made, and no second');
  });

  it('creates from the editor\'s new-task form, built from the described fields', async () => {
    const client = closeClientFor(server());
    const description = await client.describeTasks();
    const me = server().users[0].id;
    const model = buildForm({ description, members: (await client.listMembers()), defaultAssignee: me, serviceName: 'Close' });
    assert.deepEqual(model.fields.filter((f) => f.required).map((f) => f.key), ['text', 'assigned_to', 'lead_id']);
    const lead = server().leads[1];
    const created = await client.createTask(toCreate(model, { ...model.values, text: 'From the editor', lead_id: [lead.id] }));
    assert.deepEqual([created.title, created.kind, created.assignee, created.status], ['From the editor', 'lead', me, 'TODO']);
    assert.equal(server().tasks.get(created.id)?.lead_id, lead.id);
    // Once made, the lead is fixed and the form says so; on a call task the text is too.
    const edit = buildForm({ description, task: created, serviceName: 'Close' });
    assert.equal(edit.fields.find((f) => f.key === 'lead_id')?.readOnly, true);
    const call = await client.getTask([...server().tasks.values()].find((t) => t._type !== 'lead')?.id ?? '');
    const callForm = buildForm({ description, task: call, serviceName: 'Close' });
    assert.equal(callForm.fields.find((f) => f.key === 'text')?.readOnly, true);
    assert.match(callForm.fields.find((f) => f.key === 'text')?.description ?? '', /not editable on a task of type/i);
  });

  it('asks for a lead before any request when a new task has none', async () => {
    const error = await rejection(() => closeClientFor(server()).createTask({ title: 'Orphan' }));
    assert.ok(error instanceof ApiError && error.kind === 'config' && error.fieldErrors?.lead_id);
  });
});

describe('Close adapter: rate limits', () => {
  const server = useCloseServer({ tasks: 10, rateLimit: 3, rateWindowSeconds: 1 });

  it('paces by the RateLimit header: a run of reads never meets a 429', async () => {
    const client = closeClientFor(server());
    const ids = [...server().tasks.keys()].slice(0, 7);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const start = server().requests.length;
    for (const id of ids) await client.getTask(id);
    const statuses = server().requests.slice(start).filter((request) => request.path.startsWith('/api/v1/task/')).map((request) => request.status);
    assert.equal(statuses.length, 7);
    assert.ok(statuses.every((status) => status === 200), statuses.join(','));
  });

  it('waits as a 429\'s Retry-After says, and every call of a burst succeeds', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // A fresh limiter knows nothing yet: the burst goes out at once and part of it is refused.
    const client = closeClientFor(server(), { limiter: new RateLimiter(Number.POSITIVE_INFINITY), retry: { maxAttempts: 5, baseDelayMs: 10 } });
    const ids = [...server().tasks.keys()].slice(0, 6);
    const start = server().requests.length;
    const tasks = await Promise.all(ids.map((id) => client.getTask(id)));
    assert.equal(tasks.length, 6);
    assert.ok(server().requests.slice(start).some((request) => request.status === 429), 'the burst met the limit');
  });

  it('reads the deprecated rate_reset from a 429 body only as a fallback', () => {
    const reading = closeRules.readError(429, { error: 'API rate limit exceeded.', rate_reset: 3 });
    assert.equal(reading.retryAfterSeconds, 3);
    assert.equal(reading.message, 'API rate limit exceeded.');
  });
});
