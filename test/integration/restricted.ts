/**
 * Run in a window whose folder is not trusted (Restricted Mode), by
 * test/e2e/restrictedMode.ts: the folder's .vscode/settings.json sets every
 * setting that steers traffic or writes to a hostile value, and none of them may
 * take effect, while a harmless one (`HARMLESS_SETTING`) does. Not a `.test.ts` suite: the other runs trust their folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MOCHA_LINE_PREFIX } from './index';
import { api, server, signIn, waitFor } from './support';

/** A setting the folder may set in Restricted Mode (it only orders the user's own view). */
export const HARMLESS_SETTING = 'lightfield.sortOrder';

export async function run(): Promise<void> {
  const results: boolean[] = [];
  const check = (ok: boolean, what: string) => {
    console.log(`${MOCHA_LINE_PREFIX}${ok ? '✔' : '✖'} ${what}`);
    results.push(ok);
  };
  check(!vscode.workspace.isTrusted, 'the folder opened in Restricted Mode');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const written = JSON.parse(readFileSync(join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
  // The harmless setting beside the others: VS Code has read the file, and applies what is not restricted.
  await waitFor('VS Code to read the folder\'s settings', () => vscode.workspace.getConfiguration().get(HARMLESS_SETTING) === written[HARMLESS_SETTING]);
  const config = vscode.workspace.getConfiguration();
  for (const [name, value] of Object.entries(written)) {
    if (name === HARMLESS_SETTING) continue;
    check(JSON.stringify(config.get(name)) !== JSON.stringify(value), `${name} from the untrusted folder is ignored (the extension sees ${JSON.stringify(config.get(name))})`);
  }
  await vscode.extensions.getExtension('lightfield-tasks.lightfield-tasks')?.activate();
  check(api().session.capabilities.service === 'lightfield', 'the folder did not switch the service');
  try {
    await vscode.commands.executeCommand('workbench.view.extension.lightfield');
    await signIn();
    await waitFor('the tree', async () => (await api().view.refresh()) && api().store.group('TODO').totalCount !== undefined);
    const listed = api().store.group('TODO').tasks.length;
    check(listed > 1, `the page size is not the folder's 1 (${listed} tasks listed)`);
    const requests = async () => (await server<{ requestsPerKey: number[] }>('GET', '/_test/stats')).requestsPerKey[0];
    const before = await requests();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const during = (await requests()) - before;
    check(during <= 1, `no refresh loop: ${during} requests in 5 s after the tree loaded`);
  } catch (error) {
    check(false, `the extension works in Restricted Mode: ${String(error)}`);
  }
  const failed = results.filter((ok) => !ok).length;
  console.log(`${MOCHA_LINE_PREFIX}integration summary: ${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} Restricted Mode check(s) failed`);
}
