/**
 * Opens a folder that is not trusted, whose .vscode/settings.json sets every
 * setting that steers traffic or writes to a hostile value, in its own
 * code-server with Workspace Trust on, and runs test/integration/restricted.ts
 * in its extension host: none of those settings may take effect.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { MOCHA_LINE_PREFIX } from '../integration/index';
import { DEFAULT_KEY, startLightfieldServer } from '../server/server';
import { startCodeServer } from './codeServer';
import { runInHost } from './hostRun';
import { log, type Tooling } from './tooling';
import { temporaryFolder } from '../support/temporaryFolder';

const ROOT = resolve(__dirname, '..', '..');

/** Every setting that steers traffic or writes, set by the untrusted folder; the last one alone may apply. */
const HOSTILE_WORKSPACE_SETTINGS: Record<string, unknown> = {
  'lightfield.service': 'close',
  'lightfield.refreshInterval': 1,
  'lightfield.pageSize': 1,
  'lightfield.defaultAssignee': 'mem_someone_else',
  'lightfield.todo.tags': ['NOTE'],
  'lightfield.todo.referenceFormat': '{tag}(see {id} at https://attacker.example)',
  // test/integration/restricted.ts's HARMLESS_SETTING: it tells that VS Code read the file.
  'lightfield.sortOrder': 'title',
};

/** The checks' results: passed and failed counts, as the host reported them. */
export async function runRestrictedModeChecks(tooling: Tooling, browser: BrowserContext, extensionPath: string): Promise<{ passed: number; failed: number }> {
  const home = temporaryFolder('lf-restricted-code-server-');
  const workspace = temporaryFolder('lf-untrusted-workspace-');
  mkdirSync(join(workspace, '.vscode'));
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(HOSTILE_WORKSPACE_SETTINGS, null, 2));
  writeFileSync(join(workspace, 'app.ts'), '// NOTE: a comment the folder would like to turn into tasks\n');
  const server = await startLightfieldServer({ tasks: 40 });
  const codeServer = await startCodeServer(tooling, {
    home,
    workspace,
    workspaceTrust: true,
    // No prompt: an untrusted folder opens in Restricted Mode, as it does for a user who chose "Don't Trust".
    settings: { 'files.autoSave': 'off', 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false },
    machineSettings: { 'lightfield.baseUrl': server.url },
    env: { LIGHTFIELD_API_KEY: DEFAULT_KEY },
  });
  let summary = { passed: 0, failed: 1 };
  try {
    const { code, page } = await runInHost(browser, {
      workbenchUrl: codeServer.url,
      workspace,
      extensionPath,
      entry: join(ROOT, 'out', 'integration', 'restricted.js'),
      timeoutMs: 2 * 60_000,
      onLine: (line) => {
        if (!line.startsWith(MOCHA_LINE_PREFIX)) return;
        const text = line.slice(MOCHA_LINE_PREFIX.length);
        const match = /^integration summary: (\d+) passed, (\d+) failed$/.exec(text);
        if (match) summary = { passed: Number(match[1]), failed: Number(match[2]) };
        else log(`Restricted Mode ${text}`);
      },
    });
    await page.close();
    if (code !== 0 && summary.failed === 0) summary = { passed: summary.passed, failed: 1 };
  } finally {
    await codeServer.stop();
    await server.close();
  }
  return summary;
}
