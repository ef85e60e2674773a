/**
 * Checks driven like a user, in the same workbench the suites ran in: clicks,
 * what is visible, screenshots to look at. Each check reports pass or fail.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { CheckResult } from './runIntegration';
import { log } from './tooling';

interface UiCheck {
  name: string;
  run: (page: Page, results: string) => Promise<void>;
}

const CHECKS: UiCheck[] = [
  {
    name: 'the Lightfield icon in the activity bar opens its view, which shows the welcome content',
    run: async (page, results) => {
      await page.locator('.activitybar [aria-label^="Lightfield"]').first().click();
      await page.locator('.sidebar .title-label', { hasText: /Lightfield/ }).first().waitFor({ timeout: 15_000 });
      await page.locator('.sidebar .welcome-view-content', { hasText: 'Your Lightfield tasks will show here.' }).waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(results, 'sidebar-welcome.png') });
    },
  },
];

/** `developmentPath` loads the extension from a folder; without it, the installed extension runs, as for a user. */
export async function runUiChecks(browser: BrowserContext, workbenchUrl: string, workspace: string, results: string, developmentPath?: string): Promise<CheckResult> {
  const page = await browser.newPage();
  const payload = developmentPath ? `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://remote${developmentPath}`]]))}` : '';
  await page.goto(`${workbenchUrl}/?folder=${encodeURIComponent(workspace)}${payload}`);
  await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
  let passed = 0;
  let failed = 0;
  for (const check of CHECKS) {
    try {
      await check.run(page, results);
      passed += 1;
      log(`UI ✔ ${check.name}`);
    } catch (error) {
      failed += 1;
      const shot = join(results, `ui-failure-${failed}.png`);
      await page.screenshot({ path: shot });
      log(`UI ✖ ${check.name}: ${String(error)}\n      screenshot: ${shot}`);
    }
  }
  await page.close();
  return { passed, failed };
}
