import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedRunner } from '../../src/api/paging';

describe('boundedRunner: tasks handed over one by one, as a search reports files', () => {
  it('runs every task, never more than the limit at once, and in the order they came', async () => {
    const run = boundedRunner(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 20 }, (_, index) =>
      run(async () => {
        started.push(index);
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1 + (index % 4)));
        running--;
      }),
    );
    await Promise.all(tasks);
    assert.equal(started.length, 20);
    assert.equal(most, 3);
    assert.deepEqual(started, [...started].sort((a, b) => a - b));
  });

  it('lets no newcomer slip in while a finished task hands its slot to the next in line', async () => {
    const run = boundedRunner(1);
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await Promise.resolve();
      running--;
    };
    let firstTask: Promise<void> | undefined;
    const first = run(() => (firstTask = task()));
    const second = run(task);
    // Arrives as soon as the first task's work is done: after its slot was handed on, before the second has resumed.
    const third = firstTask!.then(() => run(task));
    await Promise.all([first, second, third]);
    assert.equal(most, 1);
  });

  it('goes on after a task fails, and that call rejects', async () => {
    const run = boundedRunner(1);
    const failed = run(() => Promise.reject(new Error('unreadable')));
    const next = run(() => Promise.resolve());
    await assert.rejects(failed, /unreadable/);
    await next;
  });
});
