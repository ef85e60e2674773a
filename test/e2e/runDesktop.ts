/**
 * The same suites through @vscode/test-electron, for a machine that can download
 * VS Code (a desktop developer's). Starts the local Lightfield server first and
 * points the extension at it through the settings of a fresh user-data folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startLightfieldServer } from '../server/server';
import { temporaryFolder } from '../support/temporaryFolder';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const server = await startLightfieldServer({ tasks: 40, customFields: true });
  const userData = temporaryFolder('lf-desktop-');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'lightfield.baseUrl': server.url }));
  const workspace = temporaryFolder('lf-workspace-');
  try {
    for (const version of ['1.106.0', 'stable']) {
      await runTests({
        version,
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'out', 'integration', 'index.js'),
        launchArgs: [workspace, '--user-data-dir', userData, '--disable-extensions', '--disable-workspace-trust'],
      });
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
