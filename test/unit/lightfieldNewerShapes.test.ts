/** The newest spec's shapes: `$createdBy` fixed after create, the 25-link limit across relationships, `replace: null`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/api/errors';
import { buildForm } from '../../src/editor/formBuilder';
import { clientFor, rawRequest, rejection, useServer } from '../support/lightfield';

describe('Lightfield\'s newer shapes', () => {
  const server = useServer({ tasks: 4, customFields: true });

  it('shows $createdBy read-only on an existing task (the typed update does not name it) and settable on a new one', async () => {
    const client = clientFor(server());
    const description = await client.describeTasks();
    const members = await client.listMembers();
    const task = await client.getTask(server().index.listed()[0].id);
    const editing = buildForm({ description, members, task, serviceName: 'Lightfield' }).fields.find((field) => field.key === '$createdBy');
    const creating = buildForm({ description, members, serviceName: 'Lightfield' }).fields.find((field) => field.key === '$createdBy');
    assert.equal(editing?.readOnly, true);
    assert.equal(creating?.readOnly, false);
    const refused = await rawRequest(server(), `/v1/tasks/${task.id}`, { method: 'POST', body: JSON.stringify({ relationships: { $createdBy: { replace: members[1].id } } }) });
    assert.equal(refused.status, 400, 'the server refuses it too');
  });

  it('describes an HTML field as read-only: it is the service\'s own rendering, shown sanitised, never written back', async () => {
    // Even where the definition does not say it is read-only.
    server().faults.inject({
      kind: 'mutate',
      method: 'GET',
      path: /^\/v1\/tasks\/definitions$/,
      mutate: (body) => {
        const definitions = body as { fieldDefinitions: Record<string, { readOnly?: boolean }> };
        definitions.fieldDefinitions.brief.readOnly = false;
        return definitions;
      },
    });
    const { fields } = await clientFor(server()).describeTasks();
    const brief = fields.find((field) => field.key === 'brief');
    assert.equal(brief?.valueType, 'HTML');
    assert.equal(brief?.readOnly, true);
  });

  it('says before sending that a save links more than 25 records across relationships, at those fields', async () => {
    const client = clientFor(server());
    const [task] = server().index.listed();
    const member = (index: number) => server().members[index % server().members.length].id;
    const watchers = (count: number) => Array.from({ length: count }, (_, index) => member(index));
    const start = server().requests.length;
    const tooMany = await rejection(() => client.updateTask(task.id, { values: { watchers: watchers(25), $account: [server().accounts[0]] } }));
    assert.ok(tooMany instanceof ApiError && tooMany.code === 'relationship_write_limit_exceeded', String(tooMany));
    assert.match(tooMany.message, /25 linked records per save/);
    assert.deepEqual(Object.keys(tooMany.fieldErrors ?? {}).sort(), ['$account', 'watchers']);
    assert.equal(server().requests.slice(start).filter((request) => request.method === 'POST').length, 0, 'nothing was sent');
    const fine = await client.updateTask(task.id, { values: { watchers: watchers(4), $account: [server().accounts[0]] } });
    assert.equal(fine.id, task.id);
  });

  it('clears a has-one relationship with an empty list, and the server takes the newest spec\'s null too', async () => {
    const client = clientFor(server());
    const [first, second] = server().index.listed();
    const cleared = await client.updateTask(first.id, { values: { $account: [] } });
    assert.deepEqual(cleared.fields.$account?.value ?? [], []);
    const withNull = await rawRequest(server(), `/v1/tasks/${second.id}`, { method: 'POST', body: JSON.stringify({ relationships: { $account: { replace: null } } }) });
    assert.equal(withNull.status, 200);
    assert.deepEqual(server().index.get(second.id)?.relationships.$account?.values, []);
  });
});
