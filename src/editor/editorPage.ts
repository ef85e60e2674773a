/**
 * The editor page: a strict CSP (nothing by default; script and style only with
 * this load's nonce, or from the extension), with the bundle and the editor's
 * stylesheet inline under that nonce. A webview fetches each file through VS Code
 * (its service worker, then the extension host), and a stylesheet or script that
 * blocks the first paint costs that trip. The codicons and the Markdown renderer
 * load from the extension after the form is up. The form's first state rides in
 * a data attribute of the script (escaped like every attribute), so it paints
 * without waiting for a message. No `vscode` here, so the browser tests serve the
 * very same page.
 */
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
}

function attribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
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
  const state = assets.state === undefined ? '' : ` data-state="${attribute(assets.state)}"`;
  return `<!DOCTYPE html>
<html lang="${attribute(assets.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <style nonce="${nonce}">${inline(assets.styleText, 'style')}</style>
  <title>Lightfield task</title>
</head>
<body>
  <main id="root" aria-busy="true"></main>
  <script nonce="${nonce}" data-markdown="${attribute(assets.markdownScript)}" data-codicons="${attribute(assets.codicons)}"${state}>${inline(assets.scriptText, 'script')}</script>
</body>
</html>`;
}
