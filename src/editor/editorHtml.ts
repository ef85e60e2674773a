import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { editorPage } from './editorPage';

/** The editor page for `webview`, with a fresh nonce on every load, showing `state` (a `show` message as JSON) at once. */
export function editorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, state: string): string {
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return editorPage({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    script: asset('dist', 'webview.js'),
    markdownScript: asset('dist', 'markdown.js'),
    codicons: asset('dist', 'codicons', 'codicon.css'),
    stylesheet: asset('media', 'editor.css'),
    language: vscode.env.language,
    state,
  });
}

/** Where the webview may load from: the bundles and media, nothing else. */
export function editorResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}
