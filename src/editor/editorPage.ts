/**
 * The editor page: a strict CSP (nothing by default; scripts only with this
 * load's nonce; styles, fonts and images only from the extension), the bundle,
 * and the codicon and editor stylesheets. No inline script or style. The form's
 * first state rides in a data attribute of the script (escaped like every
 * attribute), so it paints without waiting for a message. No `vscode` here, so
 * the browser tests serve the very same page.
 */
export interface EditorPageAssets {
  /** The origin the webview may load extension files from (`webview.cspSource`). */
  cspSource: string;
  nonce: string;
  script: string;
  /** The Markdown preview's renderer, loaded on first use with the same nonce. */
  markdownScript: string;
  codicons: string;
  stylesheet: string;
  language: string;
  /** What the form shows first (a `show` message as JSON), so it renders without waiting for a message. */
  state?: string;
}

function attribute(text: string): string {
  return text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function editorPage(assets: EditorPageAssets): string {
  const csp = [
    "default-src 'none'",
    `style-src ${assets.cspSource}`,
    `font-src ${assets.cspSource}`,
    `img-src ${assets.cspSource}`,
    `script-src 'nonce-${assets.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${attribute(assets.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attribute(assets.codicons)}" id="vscode-codicon-stylesheet">
  <link rel="stylesheet" href="${attribute(assets.stylesheet)}">
  <title>Lightfield task</title>
</head>
<body>
  <main id="root" aria-busy="true"></main>
  <script nonce="${attribute(assets.nonce)}" src="${attribute(assets.script)}" data-markdown="${attribute(assets.markdownScript)}"${assets.state === undefined ? '' : ` data-state="${attribute(assets.state)}"`}></script>
</body>
</html>`;
}
