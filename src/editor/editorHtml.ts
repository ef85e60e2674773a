import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { editorPage } from './editorPage';

/** The bundle and stylesheet the page inlines, read once: they are part of the installed extension and do not change. */
let inlined: { scriptText: string; styleText: string } | undefined;

function inlinedAssets(extensionUri: vscode.Uri): { scriptText: string; styleText: string } {
  inlined ??= {
    scriptText: readFileSync(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js').fsPath, 'utf8'),
    styleText: readFileSync(vscode.Uri.joinPath(extensionUri, 'media', 'editor.css').fsPath, 'utf8'),
  };
  return inlined;
}

/** The editor page for `webview`, with a fresh nonce on every load, showing `state` (a `show` message as JSON) at once. */
export function editorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, state: string): string {
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return editorPage({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    ...inlinedAssets(extensionUri),
    markdownScript: asset('dist', 'markdown.js'),
    codicons: asset('dist', 'codicons', 'codicon.css'),
    language: vscode.env.language,
    state,
    translations: vscode.l10n.bundle ? JSON.stringify(vscode.l10n.bundle) : undefined,
  });
}

/** Where the webview may load from: the bundles and media, nothing else. */
export function editorResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}
