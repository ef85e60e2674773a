/**
 * The Markdown preview's renderer, a bundle of its own (dist/markdown.js): marked
 * and DOMPurify are most of the editor's weight and only a preview needs them, so
 * the page loads this on the first preview (see `markdown.ts`).
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** marked's HTML, cleaned by DOMPurify before it touches the page. */
function renderMarkdown(text: string): DocumentFragment {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  // HTML only (no SVG or MathML), and nothing that styles, submits or takes input.
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'], FORBID_ATTR: ['style'] });
}

window.lightfieldMarkdown = renderMarkdown;
