/**
 * Checks driven like a user, in the same workbench the suites ran in: clicks,
 * typing, what is visible, and screenshots (light and dark) to look at.
 * Each check reports pass or fail; later checks build on earlier ones.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { CheckResult } from './runIntegration';
import { LIGHTFIELD_API_VERSION } from '../../src/api/lightfield/http';
import { log } from './tooling';
import { editorFrame } from './webviewDriver';

export interface UiCheckOptions {
  workbenchUrl: string;
  workspace: string;
  /** Where screenshots go. */
  results: string;
  /** The user settings file code-server watches (the theme is switched through it). */
  settingsFile: string;
  apiKey: string;
  /** The local Lightfield server, for data and faults a check needs. */
  serverUrl: string;
  /** Loads the extension from this folder; without it, the installed extension runs, as for a user. */
  developmentPath?: string;
}

interface UiCheck {
  name: string;
  run: (page: Page, options: UiCheckOptions) => Promise<void>;
}

export const sidebar = (page: Page) => page.locator('.sidebar');
export const treeRow = (page: Page, text: string | RegExp) => sidebar(page).locator('.monaco-list-row', { hasText: text }).first();

/** Writes a user setting into the file code-server watches, as editing settings.json does. */
function setUserSetting(options: UiCheckOptions, key: string, value: unknown): void {
  const settings = JSON.parse(readFileSync(options.settingsFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(options.settingsFile, JSON.stringify({ ...settings, [key]: value }, null, 2));
}

/** Picks a colour theme the way a user does: Ctrl+K Ctrl+T, then the theme's name. */
export async function pickTheme(page: Page, theme: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 300 } });
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
  await page.keyboard.press('Enter');
}

function readIfFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Waits until VS Code has written the extension's hot-exit backup holding `text` (it does so a moment after an edit). */
async function waitForBackup(userDir: string, text: string): Promise<void> {
  const storage = join(userDir, 'workspaceStorage');
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const backups = existsSync(storage) ? readdirSync(storage, { recursive: true, encoding: 'utf8' }).filter((path) => path.includes('lightfield-tasks.lightfield-tasks')) : [];
    if (backups.some((path) => readIfFile(join(storage, path)).includes(text))) return;
  }
  throw new Error(`no backup holding "${text}" was written`);
}

/** A call to the local server, as another client of the same account would make. */
async function callServer<T>(options: UiCheckOptions, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${options.serverUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${options.apiKey}`, 'Lightfield-Version': LIGHTFIELD_API_VERSION, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // Now and then the palette opens with an empty list that never fills (once in a CI run): closed and opened again, it lists the command.
  await untilShown(
    async () => {
      await page.keyboard.press('F1');
      await input.waitFor();
      await input.fill(`>${title}`);
    },
    page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first(),
    () => page.keyboard.press('Escape'),
  );
  await page.keyboard.press('Enter');
}

/**
 * Does `act` until `shown` is visible, three times at most, `reset` between: under a
 * CI run's load the workbench now and then drops a step (a palette that lists nothing,
 * a context menu's click that does not land).
 */
async function untilShown(act: () => Promise<void>, shown: Locator, reset: () => Promise<void>, timeout = 10_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await act();
    const visible = await shown.waitFor({ timeout }).then(
      () => true,
      (error: unknown) => {
        if (attempt === 3) throw error;
        return false;
      },
    );
    if (visible) return;
    await reset();
  }
}

/** "Choose Service" from the signed-out view, then the service's row of the quick pick. */
async function chooseService(page: Page, service: string): Promise<void> {
  await sidebar(page).getByRole('link', { name: 'Choose Service' }).or(sidebar(page).getByRole('button', { name: 'Choose Service' })).first().click();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: service }).first().click();
}

const CHECKS: UiCheck[] = [
  {
    name: 'signed out, the Lightfield view shows its welcome content with a "Set API Key" button',
    run: async (page, { results }) => {
      const title = sidebar(page).locator('.title-label', { hasText: /Lightfield/ }).first();
      // The workbench may restore the view open; a click on its icon would then close it.
      await page.waitForTimeout(1000);
      if (!(await title.isVisible())) await page.locator('.activitybar [aria-label^="Lightfield"]').first().click();
      await title.waitFor();
      await sidebar(page).locator('.welcome-view-content', { hasText: 'See and update your Lightfield CRM tasks' }).waitFor();
      await sidebar(page).getByRole('button', { name: 'Set API Key' }).waitFor();
      // LIGHTFIELD_API_KEY is set in this run's environment: the view offers it, not only a toast.
      await sidebar(page).getByRole('button', { name: 'Use the Key from the Environment' }).waitFor();
      await page.screenshot({ path: join(results, 'sidebar-signed-out.png') });
    },
  },
  {
    name: '"Set API Key" asks with a password box; after it, the status groups show with counts',
    run: async (page, options) => {
      await sidebar(page).getByRole('button', { name: 'Set API Key' }).click();
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor();
      await input.fill(options.apiKey);
      await page.keyboard.press('Enter');
      for (const label of ['To do', 'In progress', 'Complete', 'Cancelled']) {
        await treeRow(page, label).waitFor({ timeout: 20_000 });
      }
      await treeRow(page, /To do\s*\d+/).waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(options.results, 'sidebar-tasks-light.png') });
    },
  },
  {
    name: 'the inline "Complete Task" action moves a task out of To do',
    run: async (page, { results }) => {
      const group = treeRow(page, /To do\s*\d+/);
      const before = Number(/(\d+)\s*$/.exec((await group.innerText()).trim())?.[1]);
      const firstTask = sidebar(page).locator('.monaco-list-row[aria-level="2"]').first();
      const title = (await firstTask.locator('.label-name').innerText()).trim();
      await firstTask.hover();
      await page.screenshot({ path: join(results, 'sidebar-task-hover.png') });
      await firstTask.locator('.action-label[aria-label="Complete Task"]').click();
      await treeRow(page, new RegExp(`To do\\s*${before - 1}$`)).waitFor({ timeout: 10_000 });
      log(`UI   completed "${title}"; To do went from ${before} to ${before - 1}`);
    },
  },
  {
    name: '"Delete Task…" in a task\'s context menu asks first, naming the task; the task then leaves the tree and the server',
    run: async (page, options) => {
      const group = treeRow(page, /To do\s*\d+/);
      const before = Number(/(\d+)\s*$/.exec((await group.innerText()).trim())?.[1]);
      const firstTask = sidebar(page).locator('.monaco-list-row[aria-level="2"]').first();
      const title = (await firstTask.locator('.label-name').innerText()).trim();
      const dialog = page.locator('.monaco-dialog-box');
      await untilShown(
        async () => {
          await firstTask.click({ button: 'right' });
          // Chosen as a keyboard user does (the item under the pointer, then Enter): a CI run's clicks on the item did not land, three times in a row.
          await page.locator('.monaco-menu .action-label', { hasText: 'Delete Task…' }).first().hover();
          await page.keyboard.press('Enter');
        },
        dialog,
        () => page.keyboard.press('Escape'),
      );
      const asked = await dialog.innerText();
      await page.screenshot({ path: join(options.results, 'delete-task-confirm.png') });
      if (!asked.includes(title) || !/trash/.test(asked)) throw new Error(`the confirmation does not name the task and the trash: ${asked}`);
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await treeRow(page, new RegExp(`To do\\s*${before - 1}$`)).waitFor({ timeout: 10_000 });
      const left: string[] = [];
      for (let offset = 0; ; offset += 25) {
        const { data } = await callServer<{ data: { fields: { $title: { value: string } } }[] }>(options, 'GET', `/v1/tasks?limit=25&offset=${offset}`);
        left.push(...data.map((task) => task.fields.$title.value));
        if (data.length < 25) break;
      }
      if (left.includes(title)) throw new Error(`the server still lists "${title}"`);
      log(`UI   deleted "${title}"; To do went from ${before} to ${before - 1}`);
    },
  },
  {
    name: 'a change an agent asks for waits for the user: VS Code\'s dialog names the task and the change as plain text; Cancel changes nothing, Yes applies it',
    run: async (page, options) => {
      const assignee = (await callServer<{ data: { id: string }[] }>(options, 'GET', '/v1/members?limit=1')).data[0].id;
      const title = 'Agent target [Acme](https://evil.example) **now** <b>x</b>';
      const task = await callServer<{ id: string }>(options, 'POST', '/v1/tasks', { fields: { $title: title, $status: 'TODO' }, relationships: { $assignedTo: assignee } });
      const status = async () => (await callServer<{ fields: { $status: { value: string } } }>(options, 'GET', `/v1/tasks/${task.id}`)).fields.$status.value;
      // The stand-in (test/fixtures/agentStandIn) runs the tool as a chat does, with no model.
      const ask = async () => {
        await runCommand(page, 'Agent Stand-in: Invoke Tool');
        const input = page.locator('.quick-input-widget input[placeholder^="lightfield_findTasks"]');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`lightfield_updateTask ${JSON.stringify({ task: task.id, status: 'COMPLETE' })}`);
        await page.keyboard.press('Enter');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: 15_000 });
        return dialog;
      };
      const first = await ask();
      const asked = await first.innerText();
      await page.screenshot({ path: join(options.results, 'agent-confirmation.png') });
      // The question is answered whatever it says, so that no dialog is left over the next checks.
      const markup = await first.locator('.dialog-message-container').locator('a, b, strong').count();
      await first.getByRole('button', { name: 'Cancel', exact: true }).click();
      for (const words of ['Update a Lightfield task?', `Task ${task.id}: "${title}"`, 'Status: TODO → COMPLETE']) {
        if (!asked.includes(words)) throw new Error(`the confirmation does not say ${JSON.stringify(words)}: ${asked}`);
      }
      if (markup > 0) throw new Error('server text became markup in the confirmation');
      await page.waitForTimeout(1_000);
      if ((await status()) !== 'TODO') throw new Error('the task changed although the user cancelled');
      const second = await ask();
      await second.getByRole('button', { name: 'Yes', exact: true }).click();
      for (let waited = 0; (await status()) !== 'COMPLETE'; waited += 250) {
        if (waited > 10_000) throw new Error('the task did not change after the user said yes');
        await page.waitForTimeout(250);
      }
    },
  },
  {
    name: 'a refusal quoting a command: link, for a task whose title has one, shows as plain text in the notification',
    run: async (page, options) => {
      const assignee = (await callServer<{ data: { id: string }[] }>(options, 'GET', '/v1/members?limit=1')).data[0].id;
      const title = 'Call [Acme](command:workbench.action.terminal.new) $(alert) today';
      // Overdue, so it sorts first and is in view.
      const task = await callServer<{ id: string }>(options, 'POST', '/v1/tasks', {
        fields: { $title: title, $status: 'TODO', $dueAt: '2020-01-01T09:00:00.000Z' },
        relationships: { $assignedTo: assignee },
      });
      await runCommand(page, 'Lightfield: Refresh');
      const row = treeRow(page, 'Call [Acme]');
      await row.waitFor({ timeout: 15_000 });
      const label = (await row.locator('.label-name').innerText()).trim();
      if (label !== title) throw new Error(`the tree shows "${label}", not the title as written`);
      // The refresh's lists land one by one and the tree paints them (VS Code holds a paint up to 200 ms): a click
      // on a row that is painted again under the pointer lands on the new row, which opens the task instead.
      await page.waitForTimeout(1500);
      const message = '[Retry](command:workbench.action.terminal.new?{"config":{"executable":"/usr/bin/touch"}})';
      await callServer(options, 'POST', '/_test/faults', { kind: 'status', status: 400, method: 'POST', path: `^/v1/tasks/${task.id}$`, message });
      await row.hover();
      await row.locator('.action-label[aria-label="Complete Task"]').click();
      await runCommand(page, 'Notifications: Show Notifications');
      const shown = page.locator('.notifications-center .notification-list-item-message', { hasText: 'could not move to Complete' }).first();
      await shown.waitFor({ timeout: 10_000 });
      const links = await shown.locator('a').count();
      const text = await shown.innerText();
      await page.screenshot({ path: join(options.results, 'notification-hostile-text.png') });
      if (links > 0) throw new Error(`the notification has ${links} link(s): ${text}`);
      if (!text.includes('[Acme] (command:') || !text.includes('[Retry] (command:')) throw new Error(`the notification does not show the text as written: ${text}`);
      await runCommand(page, 'Notifications: Clear All Notifications');
    },
  },
  {
    name: 'clicking a task opens the editor, with a form built from the field definitions',
    run: async (page, { results }) => {
      await sidebar(page).locator('.monaco-list-row[aria-level="2"]').first().click();
      const form = editorFrame(page);
      await form.locator('.field[data-key="$title"]').waitFor({ timeout: 20_000 });
      for (const label of ['Status', 'Assigned to', 'Due date', 'Priority', 'Site address', 'Billable']) {
        await form.locator('.label, .checkbox', { hasText: label }).first().waitFor();
      }
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(results, 'editor-light.png') });
    },
  },
  {
    name: 'a task read before opens from that copy when its read fails, and its banner says so as plain text (light and dark)',
    run: async (page, options) => {
      // The last check opened the first task: closed, it is held read in full.
      await runCommand(page, 'View: Close All Editors');
      // Every read of one task fails for a while (retries included); the lists and the definitions answer.
      await callServer(options, 'POST', '/_test/faults', { kind: 'status', status: 503, method: 'GET', path: '^/v1/tasks/(?!definitions$)[^/]+$', times: 10 });
      try {
        const row = sidebar(page).locator('.monaco-list-row[aria-level="2"]').first();
        const title = (await row.locator('.label-name').innerText()).trim().replace(/…$/, '');
        await row.click();
        const form = editorFrame(page);
        const banner = form.locator('.banner', { hasText: 'copy read before' });
        await banner.waitFor({ timeout: 20_000 });
        const shown = await form.locator('.title').innerText();
        if (!shown.startsWith(title)) throw new Error(`the editor shows "${shown}", not the tree's "${title}"`);
        if ((await banner.locator('a').count()) > 0) throw new Error('the banner has a link');
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(options.results, 'editor-read-failed-light.png') });
        await pickTheme(page, 'Dark Modern');
        await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 15_000 });
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(options.results, 'editor-read-failed-dark.png') });
        await pickTheme(page, 'Light Modern');
        await page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
      } finally {
        await callServer(options, 'DELETE', '/_test/faults');
      }
    },
  },
  {
    name: 'a new title typed in the editor and saved with the Save button shows in the tree',
    run: async (page, { results }) => {
      const form = editorFrame(page);
      const title = form.locator('#field-_title');
      await title.fill('Renamed in the UI check');
      await page.locator('.tab.active.dirty').waitFor({ timeout: 5_000 });
      await form.locator('button.save').click();
      await treeRow(page, 'Renamed in the UI check').waitFor({ timeout: 15_000 });
      await page.locator('.tab.active:not(.dirty)').waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(results, 'editor-saved.png') });
    },
  },
  {
    name: 'the editor shows a validation message at the field',
    run: async (page) => {
      const form = editorFrame(page);
      await form.locator('#field-estimate').fill('1.234');
      await form.locator('.field[data-key="estimate"] .field-error', { hasText: 'At most two decimals.' }).waitFor({ timeout: 5_000 });
      await form.locator('#field-estimate').fill('1.5');
      await form.locator('.field[data-key="estimate"] .field-error').waitFor({ state: 'hidden', timeout: 5_000 });
    },
  },
  {
    name: 'saving a task changed on the server since it was opened asks whose changes win, naming what changed; "Take Theirs" keeps theirs where both changed and saves the rest of mine',
    run: async (page, options) => {
      await runCommand(page, 'File: Revert File');
      await page.locator('.tab.active:not(.dirty)').waitFor({ timeout: 5_000 });
      const form = editorFrame(page);
      const taskId = (await form.locator('.subtitle').innerText()).trim();
      await callServer(options, 'POST', `/v1/tasks/${taskId}`, { fields: { $title: 'Changed by someone else', estimate: 9 } });
      await form.locator('#field-_title').fill('My title');
      const billable = form.locator('#field-billable');
      if (!(await billable.isChecked())) await billable.click();
      await page.locator('.tab.active.dirty').waitFor({ timeout: 5_000 });
      await form.locator('button.save').click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10_000 });
      const asked = await dialog.innerText();
      await page.screenshot({ path: join(options.results, 'editor-conflict.png') });
      if (!/changed on the server since you opened it/.test(asked) || !/Title \(you changed it too\)/.test(asked) || !/Estimate/.test(asked)) throw new Error(`the question does not say what changed: ${asked}`);
      await dialog.getByRole('button', { name: 'Take Theirs Where Both Changed' }).click();
      await page.locator('.tab.active:not(.dirty)').waitFor({ timeout: 15_000 });
      const saved = await callServer<{ fields: Record<string, { value: unknown }> }>(options, 'GET', `/v1/tasks/${taskId}`);
      const { $title, estimate, billable: savedBillable } = saved.fields;
      if ($title.value !== 'Changed by someone else' || estimate.value !== 9 || savedBillable.value !== true) {
        throw new Error(`the server has title ${JSON.stringify($title.value)}, estimate ${JSON.stringify(estimate.value)}, billable ${JSON.stringify(savedBillable.value)}`);
      }
    },
  },
  {
    name: 'after a reload, a task editor with unsaved edits comes back with them',
    run: async (page, { results, settingsFile }) => {
      // From a clean editor, so the one edit is the title.
      await runCommand(page, 'File: Revert File');
      await page.locator('.tab.active:not(.dirty)').waitFor({ timeout: 5_000 });
      const title = editorFrame(page).locator('#field-_title');
      await title.fill('Unsaved across a reload');
      await page.locator('.tab.active.dirty').waitFor({ timeout: 5_000 });
      await waitForBackup(dirname(settingsFile), 'Unsaved across a reload');
      // As a user reloads: VS Code then records which backup each editor has before the page goes.
      await runCommand(page, 'Developer: Reload Window');
      await page.waitForEvent('load', { timeout: 30_000 });
      await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
      await page.locator('.tab.active.dirty').waitFor({ timeout: 30_000 });
      const restored = editorFrame(page).locator('#field-_title');
      await restored.waitFor({ timeout: 30_000 });
      const value = await restored.inputValue();
      await page.screenshot({ path: join(results, 'editor-restored.png') });
      if (value !== 'Unsaved across a reload') throw new Error(`the restored editor shows "${value}"`);
      await runCommand(page, 'View: Revert and Close Editor');
    },
  },
  {
    name: 'the TODO Comments view lists the workspace\'s untracked TODOs, with an inline "Create task" action',
    run: async (page, { results }) => {
      const header = sidebar(page).locator('.pane-header', { hasText: 'TODO Comments' });
      await header.click();
      const row = treeRow(page, 'send the renewal quote to Acme');
      await row.waitFor({ timeout: 20_000 });
      await row.hover();
      await row.locator('.action-label[aria-label="Create Task from TODO Comment"]').waitFor();
      await page.screenshot({ path: join(results, 'todo-view.png') });
      await header.click();
    },
  },
  {
    name: 'a TODO comment in a source file shows the "Create Lightfield task" CodeLens (named after the service)',
    run: async (page, { results }) => {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill('app.ts');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'app.ts' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.codelens-decoration', { hasText: 'Create Lightfield task' }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(results, 'todo-codelens.png') });
    },
  },
  {
    name: 'the view and the task editor read well in the dark theme',
    run: async (page, options) => {
      await pickTheme(page, 'Dark Modern');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 15_000 });
      // The task editor beside the tree: its form in the dark theme's colours too.
      await sidebar(page).locator('.monaco-list-row[aria-level="2"]').first().click();
      await editorFrame(page).locator('.field[data-key="$title"]').waitFor({ timeout: 20_000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(options.results, 'tasks-and-editor-dark.png') });
      await pickTheme(page, 'Light Modern');
      await page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: '"Group Tasks by Due Date" in the view\'s title bar groups open tasks by when they are due; "Start Working on Task" shows the task in the status bar (light and dark)',
    run: async (page, options) => {
      await runCommand(page, 'Lightfield: Group Tasks by Due Date');
      await treeRow(page, /^(Overdue|Today|This week|Later|No date)/).waitFor({ timeout: 10_000 });
      const firstTask = sidebar(page).locator('.monaco-list-row[aria-level="2"]').first();
      const title = (await firstTask.locator('.label-name').innerText()).trim();
      // From the palette, as a keyboard user does: the picker finds the task by its title.
      const picker = page.locator('.quick-input-widget input[placeholder="Start working on which task?"]');
      // Seen once: the palette's closing hid the picker that had just replaced it (the input went inert, then hidden). Asked again then, as a user would.
      for (let attempt = 1; ; attempt++) {
        await runCommand(page, 'Lightfield: Start Working on Task');
        await picker.waitFor({ timeout: 10_000 });
        const filled = await picker.fill(title.replace(/…$/, ''), { timeout: attempt < 3 ? 5_000 : 30_000 }).then(() => true, () => attempt >= 3 && Promise.reject(new Error('the task picker closed each time it opened')));
        if (filled) break;
        await page.keyboard.press('Escape');
      }
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/…$/, '') }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      const item = page.locator('.statusbar-item[id$="lightfield.activeTask"]');
      // In a Git workspace (the suites made one) it offers a branch first: taken as proposed.
      const branchPrompt = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Branch for' });
      await Promise.race([item.waitFor({ timeout: 10_000 }), branchPrompt.waitFor({ timeout: 10_000 })]);
      if (await branchPrompt.isVisible()) await page.keyboard.press('Enter');
      await item.waitFor({ timeout: 10_000 });
      const shown = (await item.innerText()).trim();
      if (!title.startsWith(shown.replace(/…$/, '').slice(0, 12))) throw new Error(`the status bar shows "${shown}" for "${title}"`);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(options.results, 'tree-by-due-date-light.png') });
      await pickTheme(page, 'Dark Modern');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(options.results, 'tree-by-due-date-dark.png') });
      await pickTheme(page, 'Light Modern');
      await page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
      await runCommand(page, 'Lightfield: Stop Working on Task');
      await item.waitFor({ state: 'hidden', timeout: 10_000 });
      await runCommand(page, 'Lightfield: Group Tasks by Status');
      await treeRow(page, /^To do/).waitFor({ timeout: 10_000 });
    },
  },
  {
    name: '"Lightfield: Sign Out" from the command palette brings the welcome content back',
    run: async (page, { results }) => {
      await runCommand(page, 'Lightfield: Sign Out');
      // Signing out removes the key, so it asks first.
      await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Sign Out' }).click();
      await sidebar(page).getByRole('button', { name: 'Set API Key' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(results, 'sidebar-signed-out-again.png') });
    },
  },
  {
    name: 'signed out with Close chosen, a window opened afresh shows Close\'s welcome text and buttons before any key is read; choosing Lightfield again shows Lightfield\'s',
    run: async (page, options) => {
      const welcome = (service: string) => sidebar(page).locator('.welcome-view-content', { hasText: `See and update your ${service} CRM tasks` });
      await chooseService(page, 'Close');
      await welcome('Close').waitFor({ timeout: 15_000 });
      await runCommand(page, 'Developer: Reload Window');
      await page.waitForEvent('load', { timeout: 30_000 });
      await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
      await welcome('Close').waitFor({ timeout: 30_000 });
      await sidebar(page).getByRole('button', { name: 'Set API Key' }).waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(options.results, 'sidebar-close-at-start.png') });
      await chooseService(page, 'Lightfield');
      await welcome('Lightfield').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'the Close demo: "Choose Service" in the signed-out view switches to Close; CLOSE_API_KEY signs in and the tree shows To do and Done',
    run: async (page, options) => {
      await chooseService(page, 'Close');
      // The welcome content says which service the key is for; CLOSE_API_KEY is set in this run's environment.
      await sidebar(page).locator('.welcome-view-content', { hasText: 'See and update your Close CRM tasks' }).waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(options.results, 'sidebar-close-signed-out.png') });
      await sidebar(page).getByRole('button', { name: 'Use the Key from the Environment' }).click();
      await treeRow(page, /^To do/).waitFor({ timeout: 20_000 });
      await treeRow(page, /^Done/).waitFor({ timeout: 20_000 });
      if (await treeRow(page, 'In progress').isVisible()) throw new Error('Close has no "In progress", yet the tree shows it');
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(options.results, 'sidebar-close.png') });
    },
  },
  {
    name: 'the Close demo: a Close task opens in the editor with the fields the adapter describes',
    run: async (page, { results }) => {
      await sidebar(page).locator('.monaco-list-row[aria-level="2"]').first().click();
      const form = editorFrame(page);
      await form.locator('.field[data-key="text"]').waitFor({ timeout: 20_000 });
      for (const label of ['Done', 'Assigned to', 'Date', 'Lead', 'Priority']) {
        await form.locator('.label, .checkbox', { hasText: label }).first().waitFor();
      }
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(results, 'editor-close.png') });
      await runCommand(page, 'View: Revert and Close Editor');
    },
  },
];

export async function runUiChecks(browser: BrowserContext, options: UiCheckOptions): Promise<CheckResult> {
  const page = await browser.newPage();
  const payload = options.developmentPath
    ? `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://remote${options.developmentPath}`]]))}`
    : '';
  setUserSetting(options, 'workbench.colorTheme', 'Default Light Modern');
  await page.goto(`${options.workbenchUrl}/?folder=${encodeURIComponent(options.workspace)}${payload}`);
  await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
  let passed = 0;
  let failed = 0;
  for (const check of CHECKS) {
    try {
      await check.run(page, options);
      passed += 1;
      log(`UI ✔ ${check.name}`);
    } catch (error) {
      failed += 1;
      const shot = join(options.results, `ui-failure-${failed}.png`);
      await page.screenshot({ path: shot });
      log(`UI ✖ ${check.name}: ${String(error)}\n      screenshot: ${shot}`);
    }
  }
  await page.close();
  return { passed, failed };
}
