/** Close's dates as Close answers them: dateless tasks keep a creation day, date-times in `+00:00` form. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOverdue } from '../../src/tasks/grouping';
import { closeClientFor, useCloseServer } from '../support/close';

const TASKS = /^\/api\/v1\/task\/$/;

describe('Close dates in Close\'s own forms', () => {
  const server = useCloseServer({ tasks: 40 });

  it('reads a dateless task (which keeps its creation day) as having no due date, never overdue', async () => {
    const tasks = await closeClientFor(server()).listAllTasks({ status: 'TODO' });
    const dateless = tasks.filter((task) => server().tasks.get(task.id)?.is_dateless);
    assert.ok(dateless.length > 0 && dateless.every((task) => server().tasks.get(task.id)?.date), 'the sample\'s dateless tasks carry a date');
    for (const task of dateless) {
      assert.equal(task.dueAt, undefined, task.id);
      assert.equal(isOverdue(task, Date.now() + 365 * 24 * 3600_000), false);
    }
  });

  it('clears a date by making the task dateless, never by sending date: null', async () => {
    const client = closeClientFor(server());
    const [task] = (await client.listTasks({ status: 'TODO' })).tasks.filter((each) => each.dueAt);
    const start = server().requests.length;
    const cleared = await client.updateTask(task.id, { dueAt: null });
    assert.equal(cleared.dueAt, undefined);
    assert.equal(server().tasks.get(task.id)?.is_dateless, true);
    assert.ok(server().requests.slice(start).every((request) => request.status !== 400));
  });

  for (const [what, dueAt, answered] of [
    ['a date-time Close answers in its +00:00 form', '2027-03-04T17:30:00.000Z', '2027-03-04T17:30:00+00:00'],
    ['a day', '2027-03-05', '2027-03-05'],
    ['no date (Close answers a dateless task with its creation day)', undefined, undefined],
  ] as const) {
    it(`makes one task when a create's answer is lost, for ${what}`, async () => {
      const lead = server().leads[2];
      const before = server().tasks.size;
      server().faults.inject({ kind: 'drop-after', method: 'POST', path: TASKS });
      if (answered) {
        // The look-up's answer in Close's form, not in the one the client sent.
        server().faults.inject({ kind: 'mutate', method: 'GET', path: TASKS, mutate: (body) => ({ ...(body as object), data: (body as { data: { date: string | null }[] }).data.map((task) => ({ ...task, date: task.date === dueAt ? answered : task.date })) }) });
      }
      await closeClientFor(server()).createTask({ title: `Lost answer, ${what}`, parent: lead.id, ...(dueAt ? { dueAt } : {}) });
      assert.equal(server().tasks.size, before + 1, 'one task, not two');
      server().faults.clearQueued();
    });
  }
});
