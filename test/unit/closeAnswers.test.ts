/**
 * Properties over every answer Close's reference allows (test/fixtures/closeAnswers.ts,
 * written from the reference, not from the client's schemas), served by the local
 * Close server in place of its own: nothing throws, every task is grouped and
 * named, overdue agrees with Close's own reckoning in the generated time zone, a
 * create whose answer is lost never makes two tasks whatever form Close answers
 * the look-up in, and every error body reads as a message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ApiError } from '../../src/api/errors';
import { RateLimiter } from '../../src/api/rateLimiter';
import { buildForm } from '../../src/editor/formBuilder';
import { isOverdue } from '../../src/tasks/grouping';
import { taskTitle } from '../../src/api/domain';
import { TaskStore } from '../../src/tasks/taskStore';
import { closeDate, NOW, timeZone, wireCloseError, wireCloseLeadPage, wireCloseTaskPage, wireCloseUserPage } from '../fixtures/closeAnswers';
import { PROPERTY_RUNS, text } from '../fixtures/lightfieldAnswers';
import { overdueCount } from '../server/close/closeCalendar';
import { closeClientFor, useCloseServer } from '../support/close';
import { serveGenerated } from '../support/generatedAnswers';

const settings = { numRuns: PROPERTY_RUNS };
const TASKS = /^\/api\/v1\/task\/$/;
const LEADS = /^\/api\/v1\/lead\/$/;

describe('every answer the Close reference allows', () => {
  const server = useCloseServer({ tasks: 4, rateLimit: 1_000_000 });
  const client = (options: Parameters<typeof closeClientFor>[1] = {}) => closeClientFor(server(), { limiter: new RateLimiter(1_000_000), ...options });

  const serve = (answers: [RegExp, unknown][]) => serveGenerated(server().faults, answers);

  it('groups and names any documented page: every task in the group of its status, none "(untitled)", never an error', async () => {
    await fc.assert(
      fc.asyncProperty(wireCloseTaskPage, wireCloseLeadPage, async (page, leads) => {
        serve([
          [TASKS, page],
          [LEADS, leads],
        ]);
        const provider = client();
        const store = new TaskStore(() => provider, { pageSize: 25, statuses: provider.capabilities.statuses });
        assert.equal(await store.refresh(), undefined);
        const shown = new Set<string>();
        for (const group of store.groups()) {
          for (const task of group.tasks) {
            assert.equal(task.status, group.status);
            assert.notEqual(taskTitle(task), '(untitled)', JSON.stringify(page.data.find((wire) => wire.id === task.id)));
            shown.add(task.id);
          }
        }
        for (const { id } of page.data) assert.ok(shown.has(id), `task ${id} is shown`);
      }),
      settings,
    );
    server().faults.clearQueued();
  });

  it('calls a task overdue exactly when Close does, in any time zone, at any moment', async () => {
    await fc.assert(
      fc.asyncProperty(wireCloseTaskPage, timeZone, fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), async (page, zone, shift) => {
        serve([[TASKS, page]]);
        const now = NOW + shift;
        const { tasks } = await client().listTasks();
        for (const task of tasks) {
          const wire = page.data.find((each) => each.id === task.id)!;
          const closeSays = overdueCount([{ date: wire.date ?? null, is_dateless: wire.is_dateless === true, is_complete: wire.is_complete }], now, { zone }) === 1;
          assert.equal(isOverdue(task, now, zone), closeSays, `${JSON.stringify({ date: wire.date, is_dateless: wire.is_dateless })} at ${new Date(now).toISOString()} in ${zone}`);
        }
      }),
      settings,
    );
    server().faults.clearQueued();
  });

  it('makes one task when a create\'s answer is lost, whatever form Close answers the look-up in', async () => {
    const cases = fc.record({
      title: text.filter((each) => each.trim().length > 0 && each.length < 200),
      due: fc.oneof(
        fc.record({ kind: fc.constant('none' as const), answered: fc.oneof(fc.record({ is_dateless: fc.constant(true), date: closeDate.map((date) => date.slice(0, 10)) }), fc.constant({ is_dateless: true, date: null }), fc.constant({ is_dateless: true })) }),
        fc.record({ kind: fc.constant('day' as const), day: closeDate.map((date) => date.slice(0, 10)), asDateTime: fc.boolean() }),
        fc.record({ kind: fc.constant('instant' as const), at: fc.integer({ min: NOW - 86_400_000, max: NOW + 86_400_000 }).map((at) => Math.round(at / 1000) * 1000), form: fc.constantFrom('+00:00', 'Z', 'micro') }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ title, due }) => {
        server().faults.clearQueued();
        const sent = due.kind === 'day' ? due.day : due.kind === 'instant' ? new Date(due.at).toISOString() : undefined;
        const answered =
          due.kind === 'none'
            ? due.answered
            : due.kind === 'day'
              ? { date: due.asDateTime ? `${due.day}T00:00:00+00:00` : due.day, is_dateless: false }
              : { date: { '+00:00': new Date(due.at).toISOString().replace(/\.\d{3}Z$/, '+00:00'), Z: new Date(due.at).toISOString(), micro: new Date(due.at).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00') }[due.form], is_dateless: false };
        const before = server().tasks.size;
        server().faults.inject({ kind: 'drop-after', method: 'POST', path: TASKS });
        server().faults.inject({
          kind: 'mutate',
          method: 'GET',
          path: TASKS,
          times: 20,
          mutate: (body) => ({ ...(body as object), data: (body as { data: { text: string }[] }).data.map((task) => (task.text === title ? { ...task, ...answered } : task)) }),
        });
        const made = await client().createTask({ title, parent: server().leads[0].id, ...(sent ? { dueAt: sent } : {}) });
        assert.equal(server().tasks.size, before + 1, 'one task, not two');
        assert.ok(server().tasks.has(made.id));
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 60) },
    );
    server().faults.clearQueued();
  });

  it('names people and leads from any documented answer, and builds the form', async () => {
    const [id] = server().tasks.keys();
    await fc.assert(
      fc.asyncProperty(wireCloseUserPage, wireCloseLeadPage, async (users, leads) => {
        serve([
          [/^\/api\/v1\/user\/$/, users],
          [LEADS, leads],
        ]);
        const adapter = client();
        const [members, description, task] = await Promise.all([adapter.listMembers(), adapter.describeTasks(), adapter.getTask(id)]);
        assert.equal(members.length, users.data.length);
        assert.ok(members.every((member) => member.name.trim().length > 0), JSON.stringify(members));
        const form = buildForm({ description, members, serviceName: 'Close', task });
        const lead = form.fields.find((field) => field.key === 'lead_id');
        assert.ok(lead?.options?.every((option) => option.label.length > 0));
      }),
      settings,
    );
    server().faults.clearQueued();
  });

  it('turns a refusal with any documented body into an error with its status and Close\'s own words', async () => {
    const [id] = server().tasks.keys();
    await fc.assert(
      fc.asyncProperty(wireCloseError, async ({ status, body }) => {
        server().faults.clearQueued();
        server().faults.inject({ kind: 'reply', status, text: typeof body === 'string' ? body : JSON.stringify(body), method: 'GET', path: new RegExp(`^/api/v1/task/${id}/$`) });
        const error = await client({ retry: { maxAttempts: 1 } }).getTask(id).then(
          () => undefined,
          (failure: unknown) => failure,
        );
        assert.ok(error instanceof ApiError && error.status === status, String(error));
        assert.ok(error.message.trim().length > 0);
        const said = typeof body === 'object' && typeof body.error === 'string' && body.error.trim() ? body.error : undefined;
        if (said && status !== 401) assert.doesNotMatch(error.message, /answered HTTP/, `Close said ${JSON.stringify(said)}`);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 100) },
    );
    server().faults.clearQueued();
  });
});
