/**
 * The task editor's page for a task of the bench's server, the form it renders
 * taken as a page of its own with no script (barePage.ts), and pages' times in
 * Chromium alone: what showing that form costs, whatever builds it, is measured
 * beside the editor.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { editorPage } from '../../src/editor/editorPage';
import { buildForm } from '../../src/editor/formBuilder';
import type { ShowMessage } from '../../src/shared/protocol';
import type { LightfieldServer } from '../server/server';
import { clientFor } from '../support/lightfield';
import type { FormPage } from './barePage';

const ROOT = resolve(__dirname, '..', '..');
const PAGE_URL = 'http://page.bench.invalid/';

export interface EditorPages {
  /** The task editor's page for the server's first task, as the extension builds it. */
  editor: string;
  /** Its form, rendered by that page. */
  form: FormPage;
}

/** Loads `html` in a page of its own as a served page is (an init script does not run in content set into a blank one), and resolves with the page once it says it is ready, and when, in ms from its start. */
async function openUntilReady(browser: BrowserContext, html: string): Promise<{ page: Page; ready: number }> {
  const page = await browser.newPage();
  // The editor posts `ready` with its time; the bare pages post their time alone.
  await page.addInitScript('window.__ready = undefined; window.acquireVsCodeApi = () => ({ postMessage: (m) => { if (typeof m === "number") window.__ready = m; else if (m.type === "ready") window.__ready = m.pageMs; }, setState: () => {}, getState: () => undefined });');
  page.on('pageerror', (error) => console.error(`[bench page] ${error.message}`));
  // Nothing leaves the browser: the route answers.
  await page.route(PAGE_URL, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
  await page.goto(PAGE_URL);
  // Functions, not strings: the pages' CSP refuses to evaluate a string.
  await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined);
  return { page, ready: await page.evaluate(() => (window as unknown as { __ready: number }).__ready) };
}

/** The editor's page for the server's first task, and the form it renders, taken from Chromium. */
export async function editorPages(browser: BrowserContext, server: LightfieldServer): Promise<EditorPages> {
  const client = clientFor(server);
  const [description, members, task] = await Promise.all([client.describeTasks(), client.listMembers(), client.getTask(server.index.listed()[0].id)]);
  const model = buildForm({ description, members, task, serviceName: 'Lightfield' });
  const state: ShowMessage = { type: 'show', model, values: model.values, errors: {} };
  const style = readFileSync(join(ROOT, 'media', 'editor.css'), 'utf8');
  const editor = editorPage({
    cspSource: new URL(PAGE_URL).origin,
    nonce: randomBytes(16).toString('base64'),
    scriptText: readFileSync(join(ROOT, 'dist', 'webview.js'), 'utf8'),
    styleText: style,
    markdownScript: '',
    codicons: '',
    language: 'en',
    state: JSON.stringify(state),
  });
  const { page } = await openUntilReady(browser, editor);
  try {
    const body = await page.evaluate(() => document.getElementById('root')?.outerHTML ?? '');
    if (!body.includes('<input')) throw new Error('the editor page rendered no form');
    return { editor, form: { style, body } };
  } finally {
    await page.close();
  }
}

/** Each page's times in Chromium alone, from its start to its first frame painted (the editor's: to its form usable), the pages in turn, in ms. */
export async function pageTimes(browser: BrowserContext, pages: Record<string, string>, rounds: number): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, html] of Object.entries(pages)) {
      const { page, ready } = await openUntilReady(browser, html);
      await page.close();
      times[name].push(ready);
    }
  }
  return times;
}
