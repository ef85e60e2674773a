/**
 * Runs a script inside the extension host of a real VS Code (code-server's
 * workbench, opened by headless Chromium) the way VS Code runs extension tests:
 * the workbench loads with `extensionDevelopmentPath` and `extensionTestsPath`,
 * the host's console reaches the launcher line by line, and the host reports
 * its exit code when the script's `run()` settles.
 */
import { format } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';

export interface HostRun {
  workbenchUrl: string;
  workspace: string;
  /** The extension's folder, as the host loads it (installed or the source tree). */
  extensionPath: string;
  /** The compiled script whose exported `run()` the host calls. */
  entry: string;
  /** Every console line the host prints. */
  onLine: (line: string) => void;
  timeoutMs: number;
  /** Called with the page before the workbench loads (a webview driver acts on it). */
  onPage?: (page: Page) => void;
}

/** Opens the workbench on `page` with the script as its test payload; resolves to the host's exit code, or -1 on timeout. */
export async function runInHost(browser: BrowserContext, options: HostRun): Promise<{ code: number; page: Page }> {
  const page = await browser.newPage();
  options.onPage?.(page);
  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolveExit) => (reportExit = resolveExit));
  // The host forwards console calls as their arguments, format string first.
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => options.onLine(format(...args)));
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${options.extensionPath}`],
    ['extensionTestsPath', `vscode-remote://remote${options.entry}`],
  ];
  await page.goto(`${options.workbenchUrl}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const timeout = new Promise<number>((resolveTimeout) => setTimeout(() => resolveTimeout(-1), options.timeoutMs).unref());
  return { code: await Promise.race([exited, timeout]), page };
}
