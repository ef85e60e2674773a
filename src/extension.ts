import * as vscode from 'vscode';
import { Commands } from './constants';
import { createLog } from './log';

export function activate(context: vscode.ExtensionContext): void {
  try {
    const log = createLog();
    context.subscriptions.push(log, vscode.commands.registerCommand(Commands.showLog, () => log.show()));
  } catch (error) {
    // VS Code shows nothing of a failed activation on its own.
    void vscode.window.showErrorMessage(vscode.l10n.t('Lightfield Tasks failed to start: {0}', String(error)));
    throw error;
  }
}

export function deactivate(): void {}
