/** Close's date in the editor: a day (All day) or a time on it, written as a day or as an instant with its offset. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '../../src/api/domain';
import { buildForm } from '../../src/editor/formBuilder';
import { startCloseServer } from '../server/close/closeServer';
import { closeClientFor } from '../support/close';
import { fieldId, lastEdit, openEditorPage, show, useEditorBrowser } from './harness';

const browser = useEditorBrowser(() => startCloseServer({ tasks: 30 }));

async function formFor(pick: (date: string) => boolean) {
  const client = closeClientFor(browser.server());
  const wire = [...browser.server().tasks.values()].find((task) => task._type === 'lead' && !task.is_dateless && task.date && pick(task.date));
  assert.ok(wire, 'the sample has such a task');
  const task: Task = await client.getTask(wire.id);
  return buildForm({ description: await client.describeTasks(), members: await client.listMembers(), serviceName: 'Close', task });
}

describe('a Close date in the editor', () => {
  it('shows a day as all day, writes another day as a day, and a time once All day is unticked', async () => {
    const model = await formFor((date) => /^\d{4}-\d{2}-\d{2}$/.test(date));
    const page = await openEditorPage(browser.context(), browser.harness());
    await show(page, model);
    const day = page.locator(fieldId('date'));
    assert.equal(await day.inputValue(), model.values.date);
    assert.equal(await page.locator(`${fieldId('date')}-all-day`).isChecked(), true);
    assert.equal(await page.locator(`${fieldId('date')}-time`).isVisible(), false);
    await day.fill('2027-02-03');
    assert.equal((await lastEdit(page)).date, '2027-02-03');
    await page.locator(`${fieldId('date')}-all-day`).uncheck();
    await page.locator(`${fieldId('date')}-time`).fill('14:45');
    const timed = (await lastEdit(page)).date as string;
    assert.match(timed, /^2027-02-03T14:45:00[+-]\d{2}:\d{2}$/);
    assert.equal(Date.parse(timed), new Date(2027, 1, 3, 14, 45).getTime());
    await page.screenshot({ path: 'test-results/editor-due-day.png', fullPage: true });
    await page.close();
  });

  it('shows a time as a day and a time on it', async () => {
    const model = await formFor((date) => date.includes('T'));
    const page = await openEditorPage(browser.context(), browser.harness());
    await show(page, model);
    assert.equal(await page.locator(`${fieldId('date')}-all-day`).isChecked(), false);
    const at = new Date(model.values.date as string);
    const pad = (n: number) => String(n).padStart(2, '0');
    assert.equal(await page.locator(fieldId('date')).inputValue(), `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`);
    assert.equal(await page.locator(`${fieldId('date')}-time`).inputValue(), `${pad(at.getHours())}:${pad(at.getMinutes())}`);
    await page.close();
  });
});
