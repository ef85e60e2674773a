/** The tree's due-date groups: calendar days where the user is, for days and for instants. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '../../src/api/domain';
import { dueBucket } from '../../src/tasks/grouping';

const LA = 'America/Los_Angeles';
const TOKYO = 'Asia/Tokyo';

function dueOn(dueAt: string | undefined, status: Task['status'] = 'TODO'): Task {
  return { id: 't', title: 'x', status, dueAt, createdAt: '2026-11-01T00:00:00Z', fields: {} };
}

describe('due-date groups', () => {
  // 20:00 on 25 November in Los Angeles; already 13:00 on the 26th in Tokyo.
  const evening = Date.parse('2026-11-26T04:00:00Z');

  it('puts a day\'s task in Today all that day where the user is, and in Overdue once it has ended', () => {
    assert.equal(dueBucket(dueOn('2026-11-25'), evening, LA), 'today');
    assert.equal(dueBucket(dueOn('2026-11-25'), evening, TOKYO), 'overdue');
    assert.equal(dueBucket(dueOn('2026-11-26'), evening, LA), 'week');
    assert.equal(dueBucket(dueOn('2026-11-26'), evening, TOKYO), 'today');
  });

  it('puts an instant by the calendar day it falls on there, and past instants in Overdue', () => {
    // 23:00 on the 25th in Los Angeles: today there, tomorrow in Tokyo's calendar.
    const lateTonight = '2026-11-26T07:00:00Z';
    assert.equal(dueBucket(dueOn(lateTonight), evening, LA), 'today');
    assert.equal(dueBucket(dueOn(lateTonight), evening, TOKYO), 'today');
    assert.equal(dueBucket(dueOn('2026-11-26T03:59:00Z'), evening, LA), 'overdue');
  });

  it('has This week for the next seven days, then Later, and No date', () => {
    assert.equal(dueBucket(dueOn('2026-12-01'), evening, LA), 'week');
    assert.equal(dueBucket(dueOn('2026-12-02'), evening, LA), 'later');
    assert.equal(dueBucket(dueOn(undefined), evening, LA), 'none');
  });
});
