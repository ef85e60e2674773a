/**
 * A Markdown field: a text area, and a preview rendered by marked and cleaned by
 * DOMPurify before it touches the page. Links in the preview open through the
 * host (see `interceptLinks` in main.ts), which allows only http(s).
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function renderMarkdown(text: string): DocumentFragment {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  // HTML only (no SVG or MathML), and nothing that styles, submits or takes input.
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'], FORBID_ATTR: ['style'] });
}

/** Text areas do not resize: the grip is a data: image, which the strict CSP refuses. */
export function markdownEditor(id: string, text: string, onInput: (text: string) => void): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'markdown';
  const area = Object.assign(document.createElement('vscode-textarea'), { id, value: text, rows: 8, resize: 'none' }) as HTMLElement & { value: string };
  const preview = document.createElement('div');
  preview.className = 'markdown-preview';
  preview.hidden = true;
  const toggle = Object.assign(document.createElement('vscode-button'), { secondary: true, icon: 'preview' }) as HTMLElement;
  toggle.className = 'preview-toggle';
  toggle.textContent = 'Preview';
  toggle.addEventListener('click', () => {
    const showing = preview.hidden;
    if (showing) preview.replaceChildren(renderMarkdown(area.value));
    preview.hidden = !showing;
    area.hidden = showing;
    toggle.textContent = showing ? 'Edit' : 'Preview';
  });
  area.addEventListener('input', () => onInput(area.value));
  wrapper.append(area, preview, toggle);
  return wrapper;
}
