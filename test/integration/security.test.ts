import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, OTHER_ACCOUNT_KEY, server, signIn, signOut, waitFor } from './support';

interface Stats {
  /** In the order of the run's keys: the user's own, then another account's. */
  requestsPerKey: [number, number];
}

/** A server that records what reaches it and refuses everything: where a hostile setting would send the key. */
async function startCaptureServer(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const capture = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"type":"authentication_error","message":"no"}}');
  });
  await new Promise<void>((done) => capture.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(capture.address() as AddressInfo).port}`, seen, close: () => new Promise((done) => capture.close(() => done())) };
}

/** Requests the server has seen with the user's own key and with the other account's. */
async function requestsByAccount(): Promise<{ own: number; other: number }> {
  const [own, other] = (await server<Stats>('GET', '/_test/stats')).requestsPerKey;
  return { own, other };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('security in a real VS Code', () => {
  before(async () => {
    await signIn();
    await waitFor('the tree', () => api().store.group('TODO').totalCount !== undefined);
  });

  after(async () => {
    await signOut();
  });

  it('lightfield.setApiKey run with a key as its argument (as a command: link can) does not change the stored key', async () => {
    const pending = vscode.commands.executeCommand<boolean>('lightfield.setApiKey', OTHER_ACCOUNT_KEY);
    // The password box opens instead; the user dismisses it.
    await sleep(1000);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await pending, false);
    const before = await requestsByAccount();
    assert.equal(await api().view.refresh(), true);
    const after = await requestsByAccount();
    assert.equal(after.other, before.other, 'nothing went out with the other account\'s key');
    assert.ok(after.own > before.own, 'the refresh went out with the user\'s own key');
  });

  it('a base URL in the workspace\'s .vscode/settings.json does not move the key to that server', async () => {
    const capture = await startCaptureServer();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const settingsFolder = join(folder, '.vscode');
    mkdirSync(settingsFolder, { recursive: true });
    try {
      // A harmless setting beside it tells when VS Code has read the file.
      writeFileSync(join(settingsFolder, 'settings.json'), JSON.stringify({ 'lightfield.baseUrl': capture.url, 'lightfield.sortOrder': 'title' }));
      await waitFor('VS Code to read the workspace settings', () => vscode.workspace.getConfiguration('lightfield').inspect('sortOrder')?.workspaceValue === 'title');
      assert.notEqual(vscode.workspace.getConfiguration('lightfield').get('baseUrl'), capture.url, 'a machine setting ignores the workspace');
      await sleep(500);
      assert.equal(await api().view.refresh(), true);
      assert.equal(api().session.signedIn, true);
      assert.deepEqual(capture.seen, [], 'nothing reached the workspace\'s server');
    } finally {
      rmSync(settingsFolder, { recursive: true, force: true });
      await capture.close();
    }
  });

  it('a *.lightfield-task file on disk opens no task: its name sends nothing', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder, 'tsk_fromafile.lightfield-task');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{}'));
    try {
      await vscode.commands.executeCommand('vscode.openWith', file, 'lightfield.taskEditor').then(undefined, () => undefined);
      await sleep(1000);
      const { recent } = await server<{ recent: string[] }>('GET', '/_test/stats');
      assert.deepEqual(recent.filter((line) => line.includes('tsk_fromafile')), [], 'no request for an ID taken from a file name');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(file);
    }
  });

  it('signing out forgets the account\'s task snapshot, so the next key never sees it', async () => {
    const baseUrl = vscode.workspace.getConfiguration('lightfield').get<string>('baseUrl') ?? '';
    assert.equal(await api().view.refresh(), true);
    assert.ok(api().state.snapshot(baseUrl).get(), 'a snapshot was saved');
    await signOut();
    assert.equal(api().state.snapshot(baseUrl).get(), undefined);
    await signIn();
  });

  it('a key is sent only to the origin it was entered for: another base URL needs its own key', async () => {
    const capture = await startCaptureServer();
    const config = vscode.workspace.getConfiguration('lightfield');
    const original = config.get<string>('baseUrl');
    try {
      await config.update('baseUrl', capture.url, vscode.ConfigurationTarget.Global);
      // Settled: the session has read (or not found) a key for the new origin.
      await sleep(1000);
      assert.equal(api().session.signedIn, false, 'the new origin has no key of its own yet');
      await api().view.refresh();
      await sleep(500);
      assert.deepEqual(capture.seen.map((headers) => headers.authorization).filter(Boolean), [], 'no key reached the other origin');
    } finally {
      await config.update('baseUrl', original, vscode.ConfigurationTarget.Global);
      await capture.close();
    }
    await waitFor('the original origin\'s key to come back', () => api().session.signedIn);
  });
});
