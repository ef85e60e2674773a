import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task, TaskStatus } from '../../src/api/domain';
import { actionsFor, durationText, isOverdue, relativeTime, sortTasks } from '../../src/tasks/grouping';
import { taskTitle } from '../../src/api/domain';
import { CLOSE_CAPABILITIES } from '../../src/api/close/capabilities';
import { LIGHTFIELD_CAPABILITIES } from '../../src/api/lightfield/capabilities';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function task(id: string, parts: { title?: string; status?: TaskStatus; dueAt?: string | null }, createdAt = '2026-11-01T00:00:00Z'): Task {
  return { id, title: parts.title ?? '', status: parts.status, dueAt: parts.dueAt ?? undefined, createdAt, fields: {} };
}

describe('task presentation', () => {
  it('says due dates relative to now', () => {
    assert.equal(relativeTime(new Date(NOW + 3 * 86_400_000), NOW), 'in 3 days');
    assert.equal(relativeTime(new Date(NOW - 2 * 3_600_000), NOW), '2 hours ago');
    assert.equal(relativeTime(new Date(NOW + 86_400_000), NOW), 'tomorrow');
    assert.equal(relativeTime(new Date(NOW + 20_000), NOW), 'this minute');
    assert.equal(durationText(3 * 86_400_000 + 3_600_000), '3 days');
    assert.equal(durationText(10 * 86_400_000), '1 week');
    assert.equal(durationText(90 * 60_000), '2 hours');
    assert.equal(durationText(10_000), '1 minute');
  });

  it('marks open tasks past their due date as overdue, not finished ones', () => {
    const past = '2026-11-20T09:00:00Z';
    assert.equal(isOverdue(task('a', { status: 'TODO', dueAt: past }), NOW), true);
    assert.equal(isOverdue(task('b', { status: 'IN_PROGRESS', dueAt: past }), NOW), true);
    assert.equal(isOverdue(task('c', { status: 'COMPLETE', dueAt: past }), NOW), false);
    assert.equal(isOverdue(task('d', { status: 'TODO', dueAt: '2026-12-20T09:00:00Z' }), NOW), false);
    assert.equal(isOverdue(task('e', { status: 'TODO', dueAt: null }), NOW), false);
  });

  it('sorts by due date with undated tasks last, by title, or newest first', () => {
    const tasks = [
      task('late', { title: 'b', dueAt: '2026-12-01T00:00:00Z' }, '2026-11-03T00:00:00Z'),
      task('none', { title: 'a', dueAt: null }, '2026-11-02T00:00:00Z'),
      task('soon', { title: 'c', dueAt: '2026-11-26T00:00:00Z' }, '2026-11-01T00:00:00Z'),
    ];
    assert.deepEqual(sortTasks(tasks, 'dueDate').map((t) => t.id), ['soon', 'late', 'none']);
    assert.deepEqual(sortTasks(tasks, 'title').map((t) => t.id), ['none', 'late', 'soon']);
    assert.deepEqual(sortTasks(tasks, 'created').map((t) => t.id), ['late', 'none', 'soon']);
  });

  it('names untitled tasks plainly', () => {
    assert.equal(taskTitle(task('x', { title: '  ' })), '(untitled)');
  });

  it('offers only the status moves a service has, from where a task is', () => {
    const open = task('o', { status: 'TODO' });
    const started = task('s', { status: 'IN_PROGRESS' });
    const done = task('d', { status: 'COMPLETE' });
    assert.deepEqual(actionsFor(open, LIGHTFIELD_CAPABILITIES), ['start', 'complete', 'cancel']);
    assert.deepEqual(actionsFor(started, LIGHTFIELD_CAPABILITIES), ['complete', 'cancel', 'reopen']);
    assert.deepEqual(actionsFor(done, LIGHTFIELD_CAPABILITIES), ['reopen']);
    assert.deepEqual(actionsFor(open, CLOSE_CAPABILITIES), ['complete'], 'Close has no "in progress" and no "cancelled"');
    assert.deepEqual(actionsFor(done, CLOSE_CAPABILITIES), ['reopen']);
  });
});
