/**
 * Runs the integration suites inside a real VS Code (code-server's workbench and
 * Node extension host, driven by headless Chromium), then the UI checks, against
 * the local Lightfield-compatible server. Exits with the result.
 *
 *   npm run test:integration            the packaged .vsix, installed into code-server
 *   npm run test:integration -- --dev   the source folder as the extension under development
 *   npm run test:integration -- --grep TEXT   only the suites' tests whose titles match, and no UI checks
 *   npm run test:integration -- --suites-only   every suite, and no UI checks, Restricted Mode window or chaos sessions
 *                                             (`npm test` runs those in its first zone only: they do not depend on it)
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';

import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { GREP_VARIABLE, MOCHA_LINE_PREFIX } from '../integration/index';
import { startCloseServer } from '../server/close/closeServer';
import { DEFAULT_CLOSE_KEY, NO_READ_KEY, OTHER_ACCOUNT_KEY, READ_ONLY_KEY } from '../server/keys';
import { DEFAULT_KEY, startLightfieldServer } from '../server/server';
import { CHROMIUM, launchChromium } from './browser';
import { buildForHost, installFixture, startCodeServer } from './codeServer';
import { extensionHostErrors, loggedTimes } from './hostLogs';
import { runInHost } from './hostRun';
import { ensureDebianPackages, ensureTooling, log } from './tooling';
import { runChaosInVsCode } from '../bench/chaosVsCode';
import { runRestrictedModeChecks } from './restrictedMode';
import { runUiChecks } from './uiChecks';
import { DRIVER_VARIABLE, startWebviewDriver, type WebviewDriver } from './webviewDriver';
import { temporaryFolder } from '../support/temporaryFolder';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const SUITE_TIMEOUT_MS = 5 * 60_000;

export interface CheckResult {
  passed: number;
  failed: number;
}

/** Runs the suites in the workbench and relays mocha until the host reports its exit code. */
async function runSuites(browser: BrowserContext, workbenchUrl: string, workspace: string, extensionPath: string, driver: WebviewDriver): Promise<CheckResult & { page: Page }> {
  let summary: CheckResult | undefined;
  const started = Date.now();
  const { code, page } = await runInHost(browser, {
    workbenchUrl,
    workspace,
    extensionPath,
    entry: join(ROOT, 'out', 'integration', 'index.js'),
    timeoutMs: SUITE_TIMEOUT_MS,
    onPage: (page) => (driver.page = page),
    onLine: (line) => {
      appendFileSync(join(RESULTS, 'workbench.log'), `${line}\n`);
      if (!line.startsWith(MOCHA_LINE_PREFIX)) return;
      const text = line.slice(MOCHA_LINE_PREFIX.length);
      const match = /^integration summary: (\d+) passed, (\d+) failed$/.exec(text);
      if (match) summary = { passed: Number(match[1]), failed: Number(match[2]) };
      else console.log(text);
    },
  });
  log(`integration suites finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
  if (code === -1) return { passed: summary?.passed ?? 0, failed: (summary?.failed ?? 0) + 1, page };
  if (!summary) return { passed: 0, failed: code === 0 ? 0 : 1, page };
  // A non-zero exit with no failing test (say, a suite that failed to load) still fails.
  return { passed: summary.passed, failed: code !== 0 && summary.failed === 0 ? 1 : summary.failed, page };
}

/** Counts a check that passes when it found no problem, and logs it as the UI checks do. */
function record(result: CheckResult, problems: string[], passed: string, failed: string): void {
  if (problems.length === 0) {
    result.passed += 1;
    log(`UI ✔ ${passed}`);
  } else {
    result.failed += 1;
    log(`UI ✖ ${failed}:\n      ${problems.slice(0, 5).join('\n      ')}`);
  }
}

function reportTimes(what: string, times: number[]): void {
  if (times.length > 0) log(`${what}: median ${times[Math.floor(times.length / 2)]} ms, min ${times[0]} ms, max ${times[times.length - 1]} ms over ${times.length}`);
}

function sampleWorkspace(): string {
  const workspace = temporaryFolder('lf-workspace-');
  writeFileSync(join(workspace, 'app.ts'), '// TODO: send the renewal quote to Acme\nexport const answer = 42;\n');
  return workspace;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dev = process.argv.includes('--dev');
  const grepAt = process.argv.indexOf('--grep');
  const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
  const uiChecks = !grep && !process.argv.includes('--suites-only');
  ensureDebianPackages([{ file: CHROMIUM, pkg: 'chromium' }]);
  const tooling = ensureTooling();
  const home = temporaryFolder('lf-code-server-');
  const extensionPath = buildForHost(tooling, home, dev);
  installFixture(tooling, home, 'agentStandIn');
  const server = await startLightfieldServer({ tasks: 40, customFields: true, keys: [{ key: DEFAULT_KEY }, { key: OTHER_ACCOUNT_KEY, memberIndex: 1 }, { key: NO_READ_KEY, scopes: ['members:read'] }, { key: READ_ONLY_KEY, scopes: ['tasks:read', 'members:read'] }] });
  const closeServer = await startCloseServer({ tasks: 40 });
  const driver = await startWebviewDriver();
  const workspace = sampleWorkspace();
  // VS Code for the Web auto-saves after a delay by default; the suites save explicitly.
  // The keys in the environment too, as the demo has them: the signed-out view then offers one.
  const codeServer = await startCodeServer(tooling, {
    home,
    workspace,
    // The watcher leaves out unwatched/: the TODO scan's cache test changes files there that only a scan sees.
    settings: { 'files.autoSave': 'off', 'files.watcherExclude': { '**/unwatched/**': true } },
    // The base URLs are machine settings: a remote window (code-server's) reads them from the machine's settings.
    machineSettings: { 'lightfield.baseUrl': server.url, 'lightfield.close.baseUrl': `${closeServer.url}/api/v1` },
    env: { LIGHTFIELD_API_KEY: DEFAULT_KEY, CLOSE_API_KEY: DEFAULT_CLOSE_KEY, [DRIVER_VARIABLE]: driver.url, [GREP_VARIABLE]: grep ?? '' },
  });
  const browser = await launchChromium();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'workbench.log'), '');
  let suites: CheckResult;
  const ui: CheckResult = { passed: 0, failed: 0 };
  try {
    const { page, ...result } = await runSuites(browser, codeServer.url, workspace, extensionPath, driver);
    suites = result;
    if (suites.failed > 0) {
      const shot = join(RESULTS, 'integration-failure.png');
      await page.screenshot({ path: shot });
      log(`screenshot of the failed run: ${shot}`);
    }
    await page.close();
    if (uiChecks) {
      Object.assign(
        ui,
        await runUiChecks(browser, {
          workbenchUrl: codeServer.url,
          workspace,
          results: RESULTS,
          settingsFile: join(codeServer.userDataDir, 'User', 'settings.json'),
          apiKey: DEFAULT_KEY,
          serverUrl: server.url,
          developmentPath: dev ? ROOT : undefined,
        }),
      );
      reportTimes('activate()', loggedTimes(codeServer.userDataDir, /Activated in ([\d.]+) ms/g));
      reportTimes('task editor webview ready', loggedTimes(codeServer.userDataDir, /Task editor webview ready in ([\d.]+) ms/g));
      record(ui, extensionHostErrors(codeServer.userDataDir), 'the extension host log holds no error from the extension', 'the extension host log holds errors from the extension');
      const restricted = await runRestrictedModeChecks(tooling, browser, extensionPath);
      log(`Restricted Mode: ${restricted.passed} passed, ${restricted.failed} failed`);
      suites = { passed: suites.passed + restricted.passed, failed: suites.failed + restricted.failed };
    }
  } finally {
    await browser.close();
    await codeServer.stop();
    await server.close();
    await closeServer.close();
    await driver.close();
  }
  if (uiChecks) {
    // A small `npm run bench:chaos` session for each service, in its own code-server: no mismatch may remain.
    const chaos = await runChaosInVsCode({ statuses: 6, edits: 2, todos: 3 }).then(
      ({ reports, hostErrors }) => {
        const mismatches = reports.flatMap((report) => (report.lost + report.falselyFailed + report.duplicates + report.todosMisrewritten > 0 ? [`${report.service}: ${JSON.stringify(report)}`] : []));
        return [...mismatches, ...hostErrors];
      },
      (error: unknown) => [String(error)],
    );
    record(ui, chaos, 'a small chaos session in VS Code, for each service: nothing lost, doubled, or told failed that was applied; TODOs rewritten once', 'the small chaos session in VS Code found mismatches');
  }
  const passed = suites.passed + ui.passed;
  const failed = suites.failed + ui.failed;
  log(`integration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printSummary(passed, failed);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

/** The runner's last line, with the zone the suites ran in (`npm test` runs them in America/Los_Angeles and in UTC). */
function printSummary(passed: number, failed: number): void {
  console.log(`integration (${Intl.DateTimeFormat().resolvedOptions().timeZone}): ${passed} passed, ${failed} failed`);
}

main().catch((error: unknown) => {
  console.error(error);
  printSummary(0, 1);
  process.exit(1);
});
