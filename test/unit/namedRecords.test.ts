/** A task's account and opportunity by name: read once each, found by searching, and their IDs where the service will not name them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildForm } from '../../src/editor/formBuilder';
import { linkedRecords } from '../../src/editor/linkedRecords';
import { relatedRows } from '../../src/tasks/relatedRecords';
import { clientFor, useServer } from '../support/lightfield';

describe('linked records by name (Lightfield accounts and opportunities)', () => {
  const server = useServer({ tasks: 6, keys: [{ key: 'sk_lf_local' }, { key: 'sk_lf_no_accounts', scopes: ['tasks:read', 'members:read', 'opportunities:read'] }] });
  const nameOf = (kind: 'account' | 'opportunity', id: string) => server().records[kind].find((record) => record.id === id)?.fields.$name?.value;

  it('names the linked records, reading each once, in parallel', async () => {
    const client = clientFor(server());
    const [account, other] = server().records.account;
    const start = server().requests.length;
    const named = await client.nameRecords('account', [account.id, other.id]);
    assert.deepEqual(named.map((record) => [record.id, record.name]), [[account.id, nameOf('account', account.id)], [other.id, nameOf('account', other.id)]]);
    assert.ok(named.every((record) => record.webLink?.startsWith('http')), 'with their web links');
    await client.nameRecords('account', [account.id]);
    assert.equal(server().requests.slice(start).length, 2, 'one read each, kept afterwards');
  });

  it('leaves out what it may not read (403) or what is gone (404), so those keep their IDs', async () => {
    const limited = clientFor(server(), { getKey: () => 'sk_lf_no_accounts' });
    assert.deepEqual(await limited.nameRecords('account', [server().records.account[0].id]), []);
    assert.equal((await limited.nameRecords('opportunity', [server().records.opportunity[0].id])).length, 1, 'the scope it has still names');
    assert.deepEqual(await clientFor(server()).nameRecords('account', ['acc_gone']), []);
  });

  it('finds records by the start of their names', async () => {
    const found = await clientFor(server()).searchRecords('account', 'Glo');
    assert.deepEqual(found.map((record) => record.name), ['Globex']);
    assert.deepEqual(await clientFor(server()).searchRecords('account', ''), []);
    assert.deepEqual(await clientFor(server()).searchRecords('member', 'Ada'), [], 'only the types the service names');
  });

  it('shows a task\'s account and opportunity by name in the editor\'s form, searchable; an unnamed one by its ID', async () => {
    const client = clientFor(server());
    const description = await client.describeTasks();
    const listed = server().index.listed().find((task) => task.relationships.$opportunity?.values.length);
    assert.ok(listed);
    const task = await client.getTask(listed.id);
    const records = await linkedRecords(client, description, task);
    const form = buildForm({ description, task, records, serviceName: 'Lightfield' });
    const account = form.fields.find((field) => field.key === '$account');
    const opportunity = form.fields.find((field) => field.key === '$opportunity');
    const accountId = listed.relationships.$account.values[0];
    assert.deepEqual(account?.options, [{ id: accountId, label: nameOf('account', accountId) }]);
    assert.equal(account?.searchable, true);
    assert.equal(opportunity?.options?.[0].label, nameOf('opportunity', listed.relationships.$opportunity.values[0]));
    const unnamed = buildForm({ description, task, records: { account: [], opportunity: [] }, serviceName: 'Lightfield' }).fields.find((field) => field.key === '$account');
    assert.deepEqual(unnamed?.options, [{ id: accountId, label: accountId }]);
  });

  it('names a task\'s account and opportunity for its tooltip and hover, by ID where the service gives no name', async () => {
    const client = clientFor(server());
    const listed = server().index.listed().find((task) => task.relationships.$opportunity?.values.length);
    assert.ok(listed);
    const task = await client.getTask(listed.id);
    const accountId = listed.relationships.$account.values[0];
    const opportunityId = listed.relationships.$opportunity.values[0];
    assert.deepEqual(task.related, { account: [accountId], opportunity: [opportunityId] });
    assert.deepEqual(await relatedRows(task, (type, ids) => client.nameRecords(type, ids)), [
      ['Account', nameOf('account', accountId)],
      ['Opportunity', nameOf('opportunity', opportunityId)],
    ]);
    assert.deepEqual(await relatedRows(task, () => Promise.reject(new Error('offline'))), [['Account', accountId], ['Opportunity', opportunityId]]);
  });
});
