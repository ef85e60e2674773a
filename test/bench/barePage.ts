/**
 * The bench's bare pages: they only say they are ready, under a CSP as strict as the
 * task editor's, padded or holding the editor's form where a row asks. No imports:
 * the extension host's bench script and the Chromium rows share it.
 */

export interface FormPage {
  /** The editor's stylesheet (media/editor.css). */
  style: string;
  /** The form's root element as the page rendered it (values set as properties are not in it). */
  body: string;
}

/** The bare pages say they are ready as the task editor's does: after their first frame is painted (a task queued from it runs after the paint). */
const AFTER_FIRST_PAINT = 'requestAnimationFrame(() => setTimeout(() => acquireVsCodeApi().postMessage(performance.now())));';

/**
 * A page that does nothing but say it is ready, under a CSP as strict as the editor's.
 * `characters`: that large, by an inert comment; `form`: the task editor's form and
 * stylesheet in it, with no script of the editor's.
 */
export function barePage(nonce: string, content: { characters?: number; form?: FormPage } = {}): string {
  const { characters = 0, form } = content;
  const page = (padding: string) =>
    `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'">${form ? `<style nonce="${nonce}">${form.style}</style>` : ''}</head><body>${form?.body ?? ''}${padding}<script nonce="${nonce}">${AFTER_FIRST_PAINT}</script></body></html>`;
  const bare = page('');
  return characters > bare.length + 7 ? page(`<!--${'x'.repeat(characters - bare.length - 7)}-->`) : bare;
}
