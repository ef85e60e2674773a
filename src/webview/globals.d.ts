/** Set by dist/markdown.js once the page has loaded it. */
interface Window {
  lightfieldMarkdown?: (text: string) => DocumentFragment;
}
