/**
 * Leads and people as Close serves them: leads found by name through the Advanced
 * Filtering API (the `?query=` search is deprecated), and assignees only among the
 * active members of the tasks' organisation, where `GET /user/` lists the users of
 * all the user's organisations.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildForm } from '../../src/editor/formBuilder';
import { closeClientFor, useCloseServer } from '../support/close';

describe('Close lead search', () => {
  const server = useCloseServer({ tasks: 5 });

  it('finds leads by name with POST /data/search/, not the deprecated ?query=', async () => {
    const start = server().requests.length;
    const found = await closeClientFor(server()).searchParents('stark');
    assert.deepEqual(found.map((lead) => lead.label), ['Stark Industries']);
    const sent = server().requests.slice(start);
    assert.ok(sent.some((request) => request.method === 'POST' && request.path === '/api/v1/data/search/' && request.status === 200));
    assert.ok(!sent.some((request) => request.path.includes('query=')), sent.map((request) => request.path).join(', '));
  });
});

describe('Close lead search where the Advanced Filtering API is refused', () => {
  const server = useCloseServer({ tasks: 5, leadSearch: 'legacy' });

  it('falls back to ?query=, and asks the refused API only once', async () => {
    const client = closeClientFor(server());
    assert.deepEqual((await client.searchParents('wayne')).map((lead) => lead.label), ['Wayne Enterprises']);
    const start = server().requests.length;
    assert.deepEqual((await client.searchParents('hoo')).map((lead) => lead.label), ['Hooli']);
    assert.ok(!server().requests.slice(start).some((request) => request.path.startsWith('/api/v1/data/search/')));
  });
});

describe('Close assignees', () => {
  const server = useCloseServer({ tasks: 20 });

  it('names every user, and offers only the active members of the tasks\' organisation', async () => {
    const client = closeClientFor(server());
    const members = await client.listMembers();
    assert.equal(members.length, server().users.length, 'every user is named');
    const home = server().organizations.find((org) => org.id === server().tasks.values().next().value?.organization_id);
    assert.ok(home && home.inactive_memberships.length > 0 && server().organizations.length > 1, 'the sample has one who left and another organisation');
    const offered = members.filter((member) => !member.inactive).map((member) => member.id).sort();
    assert.deepEqual(offered, home.memberships.map((membership) => membership.user_id).sort());

    const task = await client.getTask([...server().tasks.keys()][0]);
    const form = buildForm({ description: await client.describeTasks(), members, serviceName: 'Close', task });
    const options = form.fields.find((field) => field.key === 'assigned_to')?.options?.map((option) => option.label);
    assert.deepEqual(options?.sort(), home.memberships.map((membership) => membership.user_full_name).sort());
  });

  it('keeps a task assigned to someone who left assigned to them in the form, by name', async () => {
    const client = closeClientFor(server());
    const left = server().organizations[0].inactive_memberships[0];
    const [id] = server().tasks.keys();
    await client.updateTask(id, { assignee: left.user_id });
    const form = buildForm({ description: await client.describeTasks(), members: await client.listMembers(), serviceName: 'Close', task: await client.getTask(id) });
    const field = form.fields.find((each) => each.key === 'assigned_to');
    assert.ok(field?.options?.some((option) => option.id === left.user_id && option.label === left.user_full_name));
  });
});
