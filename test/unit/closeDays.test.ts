/**
 * Close's date-only tasks are days in the user's zone: due all that day there,
 * overdue only once it has ended, "tomorrow" by the calendar, never read as UTC
 * midnight. Checked in Los Angeles (eight hours west of UTC), where a day read as
 * UTC midnight turns overdue the afternoon before, and in the machine's own zone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '../../src/api/domain';
import { dueWhen, isOverdue } from '../../src/tasks/grouping';
import { deadline, hoursFromUtc, typedDue } from '../../src/shared/dueDates';
import { type FormField, validateField } from '../../src/shared/form';
import { overdueCount } from '../server/close/closeCalendar';
import { closeClientFor, useCloseServer } from '../support/close';

const LA = 'America/Los_Angeles';

function dueOn(dueAt: string): Task {
  return { id: 't', title: 'x', status: 'TODO', dueAt, createdAt: '2026-11-01T00:00:00Z', fields: {} };
}

describe('a due day in the user\'s zone', () => {
  const task = dueOn('2026-11-25');
  // 20:00 on the 25th in Los Angeles is 04:00 on the 26th in UTC.
  const eveningOfTheDay = Date.parse('2026-11-26T04:00:00Z');
  const afterMidnight = Date.parse('2026-11-26T08:01:00Z');

  it('is not overdue on the evening of its day, west of UTC', () => {
    assert.equal(isOverdue(task, eveningOfTheDay, LA), false);
    assert.equal(dueWhen(task, eveningOfTheDay, 'en', LA), 'today');
  });

  it('is overdue once its day has ended there, and was "tomorrow" the day before', () => {
    assert.equal(isOverdue(task, afterMidnight, LA), true);
    assert.equal(dueWhen(task, Date.parse('2026-11-25T05:00:00Z'), 'en', LA), 'tomorrow', '21:00 on the 24th in Los Angeles');
    assert.equal(deadline({ day: '2026-11-25' }, LA), Date.parse('2026-11-26T08:00:00Z'));
  });

  it('ends on the right hour across a change to summer time', () => {
    assert.equal(deadline({ day: '2027-03-13' }, LA), Date.parse('2027-03-14T08:00:00Z'), 'the night the clocks go forward');
    assert.equal(deadline({ day: '2027-03-14' }, LA), Date.parse('2027-03-15T07:00:00Z'));
  });

  it('lets a date that may be all day hold a day, and asks for a time otherwise', () => {
    const field: FormField = { key: 'date', kind: 'field', label: 'Date', valueType: 'DATETIME', required: false, readOnly: false, multiple: false, allDay: true };
    assert.equal(validateField(field, '2027-02-03'), undefined);
    assert.equal(validateField(field, '2027-02-03T14:45:00-08:00'), undefined);
    assert.match(validateField(field, '2027-02-03T') ?? '', /time/);
    assert.match(validateField({ ...field, allDay: undefined }, '2027-02-03') ?? '', /date and time/);
  });

  it('reads days and times as a person types them', () => {
    assert.equal(typedDue('2026-12-24', true), '2026-12-24');
    assert.equal(new Date(typedDue('2026-12-24', false) ?? '').getHours(), 17, 'a service of instants gets the end of the working day');
    assert.equal(new Date(typedDue('2026-12-24 15:30', true) ?? '').getHours(), 15);
    assert.equal(typedDue('2026-12-24 25:00', true), undefined);
    assert.equal(typedDue('24/12/2026', true), undefined);
  });
});

describe('Close days through the adapter', () => {
  const server = useCloseServer({ tasks: 60 });

  it('keeps a date-only task a day, and sends X-TZ-Offset as Close\'s client does', async () => {
    const start = server().requests.length;
    const tasks = await closeClientFor(server()).listAllTasks({ status: 'TODO' });
    const days = tasks.filter((task) => /^\d{4}-\d{2}-\d{2}$/.test(server().tasks.get(task.id)?.date ?? '') && !server().tasks.get(task.id)?.is_dateless);
    assert.ok(days.length > 0);
    for (const task of days) assert.equal(task.dueAt, server().tasks.get(task.id)?.date, task.id);
    const sent = server().requests.slice(start);
    assert.ok(sent.length > 0 && sent.every((request) => request.tzOffset === hoursFromUtc()), `X-TZ-Offset: ${sent[0]?.tzOffset}`);
  });

  it('writes a day as a day, and Close keeps it', async () => {
    const client = closeClientFor(server());
    const [task] = (await client.listTasks({ status: 'TODO' })).tasks.filter((each) => each.kind === 'lead');
    const updated = await client.updateTask(task.id, { values: { date: '2027-02-03' } });
    assert.equal(server().tasks.get(task.id)?.date, '2027-02-03');
    assert.equal(updated.dueAt, '2027-02-03');
  });

  it('counts overdue tasks as Close does, in the zone the user and Close share', async () => {
    const tasks = await closeClientFor(server()).listAllTasks({ status: 'TODO' });
    for (const hoursLater of [0, 6, 12, 18]) {
      const now = Date.now() + hoursLater * 3_600_000;
      const ours = tasks.filter((task) => isOverdue(task, now, server().timeZone)).length;
      assert.equal(ours, overdueCount(server().tasks.values(), now, { zone: server().timeZone }), `${hoursLater} hours from now in ${server().timeZone}`);
    }
  });
});

describe('Close days with a user far west of UTC', () => {
  const server = useCloseServer({ tasks: 60, timeZone: LA });

  it('counts overdue tasks as Close\'s inbox does in Los Angeles, at every hour of a day', async () => {
    const tasks = await closeClientFor(server()).listAllTasks({ status: 'TODO' });
    assert.ok(tasks.some((task) => /^\d{4}-\d{2}-\d{2}$/.test(task.dueAt ?? '')), 'the sample has day tasks');
    for (let hour = 0; hour < 24; hour++) {
      const now = Date.now() + hour * 3_600_000;
      assert.equal(tasks.filter((task) => isOverdue(task, now, LA)).length, overdueCount(server().tasks.values(), now, { zone: LA }), `hour ${hour}`);
    }
  });
});
