import * as vscode from 'vscode';

/** The extension's log channel. The API layer writes here too; it never writes the key. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Lightfield Tasks', { log: true });
}
