/** The one http(s) check, for links from a server (host) and links typed in the form (webview). No `vscode`, no DOM. */

/** A link from a server that may open in a browser: an http(s) URL, normalised; anything else gives undefined. */
export function webLinkOf(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
