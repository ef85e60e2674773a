/** Helpers the extension-host suites share. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LightfieldExtensionApi } from '../../src/extension';

import type { ServiceId } from '../../src/api/domain';
import { fieldElementId } from '../../src/shared/form';
import { DRIVER_VARIABLE, type DriverAction } from '../e2e/webviewDriver';
import { DEFAULT_CLOSE_KEY, DEFAULT_KEY } from '../server/keys';


export { OTHER_ACCOUNT_KEY, READ_ONLY_KEY } from '../server/keys';
export const KEY = DEFAULT_KEY;
export const EXTENSION_ID = 'lightfield-tasks.lightfield-tasks';

/** What the extension exports (its store, views and providers). */
export function api(): LightfieldExtensionApi {
  const exports = vscode.extensions.getExtension<LightfieldExtensionApi>(EXTENSION_ID)?.exports;
  assert.ok(exports, 'the extension exports its API');
  return exports;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * HTTP straight to the local server, as a second client (or the test's fault switch) would.
 * It shares the account's rate limit with the extension, so it waits out a 429 as told.
 */
export async function server<T>(method: string, path: string, body?: unknown): Promise<T> {
  const baseUrl = vscode.workspace.getConfiguration('lightfield').get<string>('baseUrl');
  const send = () =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${KEY}`, 'Lightfield-Version': '2026-03-01', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  let response = await send();
  for (let attempt = 1; response.status === 429 && attempt < 5; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('Retry-After') ?? 1) * 1000));
    response = await send();
  }
  assert.ok(response.ok, `${method} ${path} answered ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Signs in as test code may: straight through the session, no password box. */
export async function signIn(key = KEY): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  await api().session.signIn(key);
}

/** Signs out without the confirmation a user gets. */
export async function signOut(): Promise<void> {
  await api().session.signOut();
}

/** HTTP straight to the local Close server (Basic auth, the key as user name). */
export async function closeServer<T>(method: string, path: string, body?: unknown): Promise<T> {
  const baseUrl = vscode.workspace.getConfiguration('lightfield').get<string>('close.baseUrl');
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`${DEFAULT_CLOSE_KEY}:`).toString('base64')}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Injects a fault into the local Close server (`undefined` clears them): its test switch, beside Close's API. */
export async function closeFault(fault?: { kind: 'status' | 'drop-before' | 'drop-after'; method?: string; path?: string; status?: number; times?: number }): Promise<void> {
  const baseUrl = vscode.workspace.getConfiguration('lightfield').get<string>('close.baseUrl') ?? '';
  const response = await fetch(new URL('/_test/faults', baseUrl), { method: fault ? 'POST' : 'DELETE', body: fault ? JSON.stringify(fault) : undefined });
  assert.equal(response.status, 204);
}

/** Chooses the service as a user does, in the settings; the extension follows without a reload. */
export async function useService(service: ServiceId): Promise<void> {
  await vscode.workspace.getConfiguration('lightfield').update('service', service, vscode.ConfigurationTarget.Global);
  await waitFor(`the extension to follow the switch to ${service}`, () => api().session.capabilities.service === service);
}

/** The key of each service on the local servers. */
export const KEYS: Record<ServiceId, string> = { lightfield: DEFAULT_KEY, close: DEFAULT_CLOSE_KEY };

/**
 * Acts on the task editor's webview as a user does, through the launcher's
 * Chromium (test/e2e/webviewDriver.ts): every edit reaches the extension as
 * the webview's own message.
 */
export async function inEditorWebview(action: DriverAction): Promise<string | undefined> {
  const url = process.env[DRIVER_VARIABLE];
  assert.ok(url, `${DRIVER_VARIABLE} names the launcher's webview driver`);
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(action) });
  const answer = (await response.json()) as { text?: string; error?: string };
  assert.ok(response.ok, `the webview driver could not ${action.action} ${action.selector}: ${answer.error}`);
  return answer.text;
}

/** The text of a workbench element (a quick pick's rows, a status bar item) once it shows, as the user sees it. */
export async function inWorkbench(selector: string): Promise<string> {
  return (await inEditorWebview({ action: 'workbench', selector })) ?? '';
}

/** The selector of a field's control in the editor webview. */
export function field(key: string): string {
  return `#${fieldElementId(key)}`;
}

const TASK_EDITOR_VIEW_TYPE = 'lightfield.taskEditor';

/** The task editor's tab on `uri`, as VS Code holds it (read afresh: its dirty state is live). */
function editorTab(uri: vscode.Uri): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === TASK_EDITOR_VIEW_TYPE && tab.input.uri.toString() === uri.toString());
}

/** Every open task editor tab. */
export function taskEditorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === TASK_EDITOR_VIEW_TYPE);
}

/** The URI of the task editor that became active for `taskId` (or for a new task), once its form shows. */
export async function openedEditor(taskId?: string, timeoutMs?: number): Promise<vscode.Uri> {
  const uri = await waitFor(
    'the task editor tab',
    () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      if (!(input instanceof vscode.TabInputCustom) || input.viewType !== TASK_EDITOR_VIEW_TYPE) return undefined;
      return (taskId ? input.uri.path.startsWith(`/${taskId}/`) : input.uri.path.startsWith('/new/')) && input.uri;
    },
    timeoutMs,
  );
  await inEditorWebview({ action: 'text', selector: 'form.fields' });
  return uri;
}

/** Waits until the editor's edits reached the extension: VS Code marks the tab dirty. */
export async function editReached(uri: vscode.Uri, what = 'the edit'): Promise<void> {
  await waitFor(`${what} to reach the extension`, () => editorTab(uri)?.isDirty);
}

/**
 * Saves the editor on `uri` as Ctrl+S does. Saved when VS Code then holds the
 * tab clean; otherwise the message is what the editor's banner says.
 */
export async function saveEditor(uri: vscode.Uri, timeoutMs = 5_000): Promise<{ saved: boolean; message: string }> {
  await vscode.commands.executeCommand('vscode.openWith', uri, TASK_EDITOR_VIEW_TYPE);
  await vscode.commands.executeCommand('workbench.action.files.save').then(undefined, () => undefined);
  const saved = await waitFor('the tab to be saved', () => editorTab(uri)?.isDirty === false, timeoutMs).then(
    () => true,
    () => false,
  );
  const message = saved ? '' : ((await inEditorWebview({ action: 'text', selector: '.banner' })) ?? '');
  return { saved, message };
}

/** The value an input of the editor webview holds (`'true'`/`'false'` for a checkbox). */
export async function valueIn(selector: string): Promise<string> {
  return (await inEditorWebview({ action: 'value', selector })) ?? '';
}

export interface ShownChoice {
  value: string;
  label: string;
  chosen: boolean;
}

/** The choices a field of the editor webview offers, as shown. */
export async function choicesOf(key: string): Promise<ShownChoice[]> {
  return JSON.parse((await inEditorWebview({ action: 'options', selector: field(key) })) ?? '[]') as ShownChoice[];
}

/** The keys of the fields the editor webview shows that match `selector` (say `.field.invalid`). */
export async function fieldKeys(selector: string): Promise<string[]> {
  return JSON.parse((await inEditorWebview({ action: 'keys', selector })) ?? '[]') as string[];
}
