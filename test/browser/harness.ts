/**
 * Serves the editor webview bundle in the very page the extension serves (same
 * template, same CSP with a nonce) and opens it in headless Chromium, with a
 * stand-in for `acquireVsCodeApi` that records what the webview posts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser';
import { startLightfieldServer } from '../server/server';
import { clientFor } from '../support/lightfield';
import type { Member, Task, TaskDescription } from '../../src/api/domain';
import { buildForm, type BuildOptions } from '../../src/editor/formBuilder';
import { editorPage } from '../../src/editor/editorPage';
import { withoutBidiControls } from '../../src/shared/bidi';
import { fieldElementId, type FormModel, type FormValue } from '../../src/shared/form';
import type { HostMessage, ShowMessage, WebviewMessage } from '../../src/shared/protocol';

const ROOT = resolve(__dirname, '..', '..');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

export interface Harness {
  url: string;
  /** The first state a page is built with, by the ID its URL names (a state may be too long for a URL). */
  states: Map<string, string>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  let origin = '';
  const states = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/') {
      // `?state=` names the first state the page is built with, as the extension builds it.
      const state = states.get(url.searchParams.get('state') ?? '');
      // `?l10n=` names the translations the page is built with, as the extension passes VS Code's bundle.
      const translations = states.get(url.searchParams.get('l10n') ?? '');
      const page = editorPage({
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
        scriptText: readFileSync(join(ROOT, 'dist', 'webview.js'), 'utf8'),
        styleText: readFileSync(join(ROOT, 'media', 'editor.css'), 'utf8'),
        markdownScript: '/dist/markdown.js',
        codicons: '/dist/codicons/codicon.css',
        language: 'en',
        state,
        translations,
      });
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    const file = normalize(join(ROOT, path));
    if (!(file.startsWith(join(ROOT, 'dist')) || file.startsWith(join(ROOT, 'media')))) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (data) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, states, close: () => new Promise((done) => server.close(() => done())) };
}

declare global {
  interface Window {
    __posted: WebviewMessage[];
    __canaryFired: number;
    __violations: string[];
    __canary: () => void;
  }
}

/** Opens the page with the stand-in API, a canary for injected script, and a CSP violation log; built with `state`, if given, as its first state. */
export async function openEditorPage(context: BrowserContext, harness: Harness, state?: ShowMessage, translations?: Record<string, string>): Promise<Page> {
  const page = await context.newPage();
  // A string, not a function: the test's own compiled helpers do not exist in the page.
  await page.addInitScript(`
    window.__posted = [];
    window.__canaryFired = 0;
    window.__violations = [];
    window.__canary = () => { window.__canaryFired += 1; };
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => state,
      setState: (next) => { state = next; },
    });
  `);
  page.on('pageerror', (error) => console.error(`[webview] ${error.message}`));
  const query = new URLSearchParams();
  for (const [name, value] of [['state', state], ['l10n', translations]] as const) {
    if (value === undefined) continue;
    const id = String(harness.states.size + 1);
    harness.states.set(id, JSON.stringify(value));
    query.set(name, id);
  }
  const url = query.size > 0 ? `${harness.url}?${query.toString()}` : harness.url;
  await page.goto(url);
  await page.waitForFunction(() => window.__posted.some((message) => message.type === 'ready'), undefined, { timeout: 10_000 }).catch(async () => {
    throw new Error(`the editor page never said ready; CSP violations: ${JSON.stringify(await page.evaluate(() => window.__violations))}`);
  });
  return page;
}

export async function sendToWebview(page: Page, message: HostMessage): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function show(page: Page, model: FormModel, values: Record<string, FormValue> = model.values): Promise<void> {
  await sendToWebview(page, { type: 'show', model, values, errors: {} });
  // Shown without its bidi controls.
  await page.waitForFunction((title) => document.querySelector('.title')?.textContent === title, withoutBidiControls(model.title));
}

/** The values of the webview's last `edit` message. */
export async function lastEdit(page: Page): Promise<Record<string, FormValue>> {
  return page.evaluate(() => {
    const edits = window.__posted.filter((message) => message.type === 'edit');
    const last = edits[edits.length - 1];
    return last && last.type === 'edit' ? last.values : {};
  });
}

export function fieldId(key: string): string {
  return `#${fieldElementId(key)}`;
}

/**
 * For the enclosing test file: its service's local server, the harness and a
 * headless Chromium, started before its tests (then `ready` reads what the tests
 * need from the server) and stopped after them.
 */
export function useEditorBrowser<S extends { close(): Promise<void> }>(start: () => Promise<S>, ready: (server: S) => Promise<void> = () => Promise.resolve()) {
  let parts: { server: S; harness: Harness; context: BrowserContext } | undefined;
  before(async () => {
    const server = await start();
    await ready(server);
    parts = { server, harness: await startHarness(), context: await launchChromium() };
  });
  after(async () => {
    await parts?.context.close();
    await parts?.harness.close();
    await parts?.server.close();
  });
  const get = () => {
    if (!parts) throw new Error('the browser is not started');
    return parts;
  };
  return { server: () => get().server, harness: () => get().harness, context: () => get().context };
}

/**
 * The editor in headless Chromium over the local Lightfield server's sample: two tasks with custom
 * fields and the members, read by the Lightfield adapter, and `form` builds a form of them as the
 * extension does.
 */
export function useSampleEditor() {
  const sample: { tasks: Task[]; members: Member[] } = { tasks: [], members: [] };
  let description: TaskDescription | undefined;
  const browser = useEditorBrowser(
    () => startLightfieldServer({ tasks: 2, customFields: true, seed: 3 }),
    async (server) => {
      const client = clientFor(server);
      description = await client.describeTasks();
      sample.members = await client.listMembers();
      sample.tasks = await Promise.all(server.index.listed().slice(0, 2).map((task) => client.getTask(task.id)));
    },
  );
  const described = () => {
    if (!description) throw new Error('the sample is not read yet');
    return description;
  };
  const form = (options: Partial<BuildOptions>) => buildForm({ description: described(), members: sample.members, serviceName: 'Lightfield', ...options });
  return { browser, sample, described, form };
}
