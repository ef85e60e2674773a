import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { Commands } from '../constants';
import { describeError } from './describeError';
import { showError } from './notify';

/** The same message is shown at most once in this window of time: no storms of notifications. */
const QUIET_PERIOD_MS = 60_000;

/** Says what went wrong once, with the action that can fix it, and logs it. */
export class ErrorReporter {
  private lastShown = new Map<string, number>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** A one-line description of `error` for a user. */
  describe(error: unknown): string {
    return describeError(error);
  }

  report(what: string, error: unknown, retry?: () => void): void {
    if (error instanceof ApiError && error.kind === 'aborted') return;
    const message = `${what}: ${this.describe(error)}`;
    this.log.error(message);
    const now = Date.now();
    if (now - (this.lastShown.get(message) ?? 0) < QUIET_PERIOD_MS) return;
    this.lastShown.set(message, now);
    const actions: { title: string; run: () => void }[] = [];
    if (retry) actions.push({ title: vscode.l10n.t('Retry'), run: retry });
    if (error instanceof ApiError && error.status === 401) {
      actions.push({ title: vscode.l10n.t('Set API Key'), run: () => void vscode.commands.executeCommand(Commands.setApiKey) });
    }
    if (error instanceof ApiError && (error.kind === 'network' || error.kind === 'config' || error.kind === 'schema')) {
      actions.push({ title: vscode.l10n.t('Open Settings'), run: () => void vscode.commands.executeCommand('workbench.action.openSettings', 'lightfield') });
    }
    actions.push({ title: vscode.l10n.t('Show Log'), run: () => this.log.show() });
    void showError(message, ...actions.map((a) => a.title)).then((choice) => actions.find((a) => a.title === choice)?.run());
  }
}
