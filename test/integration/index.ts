/**
 * The suite entry both runners load inside a real extension host: code-server
 * (test/e2e/runIntegration.ts) and @vscode/test-electron (test/e2e/runDesktop.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Marks mocha's lines, so a launcher can tell them from the workbench's own console. */
export const MOCHA_LINE_PREFIX = '[mocha] ';
/** Runs only the tests whose titles match (`npm run test:integration -- --grep TEXT`). */
export const GREP_VARIABLE = 'LIGHTFIELD_TEST_GREP';

function report(...args: unknown[]): void {
  console.log(MOCHA_LINE_PREFIX + format(...args));
}

export function run(): Promise<void> {
  // The extension host's console cannot be replaced; mocha's reporters print through this hook instead.
  Mocha.reporters.Base.consoleLog = report;
  // Generous: a test that types into the webview goes through the launcher's browser for every step.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env[GREP_VARIABLE] || undefined });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The launchers read this line for the closing summary.
      report(`integration summary: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
