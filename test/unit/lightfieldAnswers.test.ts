/**
 * Properties over every answer Lightfield's docs allow (test/fixtures/lightfieldAnswers.ts,
 * written from the docs, not from the client's schemas), served by the local
 * server in place of its own: the client never fails on one, every task lands
 * in the group of its status or in "Other" with a title to show, the form and the editor's first state take
 * every task, and every error body reads as a message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TASK_STATUSES, type Task } from '../../src/api/domain';
import { ApiError } from '../../src/api/errors';
import { RateLimiter } from '../../src/api/rateLimiter';
import { jsonDataBlock } from '../../src/editor/editorPage';
import { buildForm } from '../../src/editor/formBuilder';
import type { ShowMessage } from '../../src/shared/protocol';
import { taskTitle } from '../../src/api/domain';
import { TaskStore } from '../../src/tasks/taskStore';
import { PROPERTY_RUNS, wireAccount, wireAccountPage, wireDefinitions, wireError, wireMemberPage, wireTask, wireTaskPage } from '../fixtures/lightfieldAnswers';
import { clientFor, useServer } from '../support/lightfield';
import { serveGenerated } from '../support/generatedAnswers';

const settings = { numRuns: PROPERTY_RUNS };

describe('every answer the Lightfield docs allow', () => {
  // Hundreds of cases: neither side paces them as a real account's limit would.
  const server = useServer({ tasks: 3, rateLimitPerSecond: 1_000_000 });
  const client = (options: Parameters<typeof clientFor>[1] = {}) => clientFor(server(), { limiter: new RateLimiter(1_000_000), ...options });

  const serve = (answers: [RegExp, unknown][]) => serveGenerated(server().faults, answers);

  it('groups any documented page: every task in the group of its status or in "Other", with a title to show, never an error', async () => {
    await fc.assert(
      fc.asyncProperty(wireDefinitions, wireTaskPage, async (definitions, page) => {
        serve([
          [/^\/v1\/tasks\/definitions$/, definitions],
          [/^\/v1\/tasks$/, page],
        ]);
        const provider = client();
        const store = new TaskStore(() => provider, { pageSize: 25, statuses: [...TASK_STATUSES] });
        assert.equal(await store.refresh(), undefined);
        const shown = new Map<string, Task>();
        for (const group of store.groups()) {
          for (const task of group.tasks) {
            assert.equal(task.status, group.status);
            shown.set(task.id, task);
          }
        }
        for (const task of store.otherTasks()) {
          assert.equal(task.status, undefined);
          shown.set(task.id, task);
        }
        for (const { id } of page.data) assert.ok(shown.has(id), `task ${JSON.stringify(id)} is shown`);
        for (const task of shown.values()) assert.ok(taskTitle(task).length > 0, 'a title to show, "(untitled)" at least');
      }),
      settings,
    );
    server().faults.clearQueued();
  });

  it('builds the editor\'s form and first state for any documented task, definitions and members', async () => {
    const [stored] = server().index.listed();
    await fc.assert(
      fc.asyncProperty(wireDefinitions, wireTask, wireMemberPage, async (definitions, task, members) => {
        serve([
          [/^\/v1\/tasks\/definitions$/, definitions],
          [new RegExp(`^/v1/tasks/${stored.id}$`), task],
          [/^\/v1\/members$/, members],
        ]);
        const adapter = client();
        const [description, read, people] = await Promise.all([adapter.describeTasks(), adapter.getTask(stored.id), adapter.listMembers()]);
        const form = buildForm({ description, task: read, members: people, serviceName: 'Lightfield' });
        assert.ok(form.fields.every((each) => typeof each.key === 'string' && typeof each.label === 'string'));
        const show: ShowMessage = { type: 'show', model: form, values: form.values, errors: {} };
        const json = JSON.stringify(show);
        assert.ok(!jsonDataBlock(json).includes('<'), 'nothing in the first state can end its block');
        assert.deepEqual(JSON.parse(jsonDataBlock(json)), JSON.parse(json), 'the first state reads back as sent');
      }),
      settings,
    );
    server().faults.clearQueued();
  });

  it('names and finds accounts from any documented account answer: a name to show, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(wireAccount, wireAccountPage, async (account, found) => {
        const id = server().records.account[0].id;
        serve([
          [new RegExp(`^/v1/accounts/${id}$`), account],
          [/^\/v1\/accounts$/, found],
        ]);
        const adapter = client();
        const [named] = await adapter.nameRecords('account', [id]);
        assert.ok(named && typeof named.name === 'string' && named.name.length > 0, JSON.stringify(named));
        const searched = await adapter.searchRecords('account', 'A');
        assert.equal(searched.length, found.data.length);
        assert.ok(searched.every((record) => record.name.length > 0));
      }),
      settings,
    );
    server().faults.clearQueued();
  });

  it('turns a refusal with any documented body into an error that carries its status and a message', async () => {
    const [stored] = server().index.listed();
    // A 429 is waited out (seconds each): its body is read as any other's.
    const refusals = wireError.filter(({ status }) => status !== 429);
    await fc.assert(
      fc.asyncProperty(refusals, async ({ status, body }) => {
        server().faults.clearQueued();
        server().faults.inject({ kind: 'reply', status, text: typeof body === 'string' ? body : JSON.stringify(body), method: 'GET', path: new RegExp(`^/v1/tasks/${stored.id}$`) });
        const error = await client({ retry: { maxAttempts: 1 } }).getTask(stored.id).then(
          () => undefined,
          (failure: unknown) => failure,
        );
        assert.ok(error instanceof ApiError && error.status === status, String(error));
        assert.ok(error.message.trim().length > 0);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 100) },
    );
    server().faults.clearQueued();
  });
});
