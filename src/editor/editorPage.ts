/**
 * The editor page: a strict CSP (nothing by default; script and style only with
 * this load's nonce, or from the extension), with the bundle and the editor's
 * stylesheet inline under that nonce. A webview fetches each file through VS Code
 * (its service worker, then the extension host), and a stylesheet or script that
 * blocks the first paint costs that trip. The codicons and the Markdown renderer
 * load from the extension after the form is up. The form's first state rides in
 * a JSON data block of its own (`#first-state`), so it paints without waiting for
 * a message. Server text never goes into an attribute of the nonced script:
 * Chromium drops the nonce of a script any of whose attributes holds `<script` or
 * `<style` (its guard against nonce theft through dangling markup), and the CSP
 * then blocks the whole editor. No `vscode` here, so the browser tests serve the
 * very same page.
 */
import { FIRST_STATE_ID, L10N_BUNDLE_ID } from '../shared/protocol';

export interface EditorPageAssets {
  /** The origin the webview may load extension files from (`webview.cspSource`). */
  cspSource: string;
  nonce: string;
  /** The webview bundle's text (dist/webview.js; esbuild escapes `</script` in its output). */
  scriptText: string;
  /** The editor stylesheet's text (media/editor.css). */
  styleText: string;
  /** The Markdown preview's renderer, loaded on first use with the same nonce. */
  markdownScript: string;
  /** The codicon stylesheet, loaded once the form has painted. */
  codicons: string;
  language: string;
  /** What the form shows first (a `show` message as JSON), so it renders without waiting for a message. */
  state?: string;
  /** The translations of the page's words (`vscode.l10n.bundle` as JSON); none in English. */
  translations?: string;
}

function attribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that stays inside a data block whatever it holds: with no `<` there is no
 * `</script` to end it and no `<!--` to change how the parser reads it. The line
 * and paragraph separators are escaped for engines that once ended strings there.
 */
export function jsonDataBlock(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text that must not close the element it is inlined in, whatever it holds. */
function inline(text: string, element: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1');
}

export function editorPage(assets: EditorPageAssets): string {
  const nonce = attribute(assets.nonce);
  const csp = [
    "default-src 'none'",
    `style-src ${assets.cspSource} 'nonce-${assets.nonce}'`,
    `font-src ${assets.cspSource}`,
    `img-src ${assets.cspSource}`,
    `script-src 'nonce-${assets.nonce}'`,
  ].join('; ');
  const dataBlock = (id: string, json: string | undefined) => (json === undefined ? '' : `\n  <script type="application/json" id="${id}">${jsonDataBlock(json)}</script>`);
  const state = dataBlock(L10N_BUNDLE_ID, assets.translations) + dataBlock(FIRST_STATE_ID, assets.state);
  return `<!DOCTYPE html>
<html lang="${attribute(assets.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <style nonce="${nonce}">${inline(assets.styleText, 'style')}</style>
  <title>Task</title>
</head>
<body>
  <main id="root" aria-busy="true"></main>${state}
  <script nonce="${nonce}" data-markdown="${attribute(assets.markdownScript)}" data-codicons="${attribute(assets.codicons)}">${inline(assets.scriptText, 'script')}</script>
</body>
</html>`;
}
