/**
 * Properties over every answer Lightfield's docs allow (test/fixtures/lightfieldAnswers.ts,
 * written from the docs, not from the client's schemas), served by the local
 * server in place of its own: the client never throws on one, every task lands
 * with a title and a status or none, the form and the editor's first state take
 * every task, and every error body reads as a message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TASK_STATUSES } from '../../src/api/domain';
import { ApiError } from '../../src/api/errors';
import { RateLimiter } from '../../src/api/rateLimiter';
import { jsonDataBlock } from '../../src/editor/editorPage';
import { buildForm } from '../../src/editor/formBuilder';
import type { ShowMessage } from '../../src/shared/protocol';
import { taskTitle } from '../../src/tasks/grouping';
import { PROPERTY_RUNS, wireDefinitions, wireError, wireMemberPage, wireTask, wireTaskPage } from '../fixtures/lightfieldAnswers';
import { clientFor, useServer } from '../support/lightfield';

const settings = { numRuns: PROPERTY_RUNS };

describe('every answer the Lightfield docs allow', () => {
  // Hundreds of cases: neither side paces them as a real account's limit would.
  const server = useServer({ tasks: 3, rateLimitPerSecond: 1_000_000 });
  const client = (options: Parameters<typeof clientFor>[1] = {}) => clientFor(server(), { limiter: new RateLimiter(1_000_000), ...options });

  /** The server answers these paths with the generated bodies, for as long as the case runs. */
  function serve(answers: [RegExp, unknown][]): void {
    server().faults.clearQueued();
    for (const [path, body] of answers) server().faults.inject({ kind: 'mutate', method: 'GET', path, mutate: () => body, times: 20 });
  }

  it('lists any documented page: every task with a title to show and a status or none, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(wireDefinitions, wireTaskPage, fc.constantFrom(undefined, ...TASK_STATUSES), async (definitions, page, status) => {
        serve([
          [/^\/v1\/tasks\/definitions$/, definitions],
          [/^\/v1\/tasks$/, page],
        ]);
        const listed = await client().listTasks(status ? { status } : {});
        assert.equal(listed.tasks.length, page.data.length);
        for (const task of listed.tasks) {
          assert.equal(typeof task.title, 'string');
          assert.ok(taskTitle(task).length > 0, 'a title to show, "(untitled)" at least');
          assert.ok(task.status === undefined || TASK_STATUSES.includes(task.status), String(task.status));
        }
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
