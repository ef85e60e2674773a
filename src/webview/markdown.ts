/**
 * A Markdown field: a text area, and a preview rendered by marked and cleaned by
 * DOMPurify (dist/markdown.js, loaded on the first preview) before it touches the
 * page. Links in the preview open through the host (see `interceptLinks` in
 * main.ts), which allows only http(s).
 */

import * as l10n from '@vscode/l10n';
import { withoutBidiControls } from '../shared/bidi';
import { messageOf } from '../shared/messageOf';
import { button, editable, element } from './dom';

/** The page's own script: its nonce lets the renderer's script in under the CSP, and it names where that script is. */
const pageScript = document.currentScript as HTMLScriptElement | null;
let renderer: Promise<(text: string) => DocumentFragment> | undefined;
let markUsable: () => void = () => undefined;
/** Once the form is usable (`formUsable`): a read-only preview's renderer (81 KB to parse) loads after it, never before. */
const usable = new Promise<void>((resolve) => (markUsable = resolve));

export function formUsable(): void {
  markUsable();
}

function loadRenderer(): Promise<(text: string) => DocumentFragment> {
  renderer ??= new Promise((resolve, reject) => {
    const script = element('script', { nonce: pageScript?.nonce ?? '', src: pageScript?.dataset.markdown ?? '' });
    script.addEventListener('load', () => (window.lightfieldMarkdown ? resolve(window.lightfieldMarkdown) : reject(new Error('The Markdown preview did not load.'))));
    script.addEventListener('error', () => {
      renderer = undefined;
      reject(new Error(l10n.t('The Markdown preview did not load.')));
    });
    document.head.append(script);
  });
  return renderer;
}

/** A read-only HTML value, shown as the Markdown preview is: sanitised by DOMPurify, its links through the host. */
export function renderedHtml(id: string, html: string): HTMLElement {
  const view = element('div', { id, className: 'read-only markdown-preview' });
  view.textContent = html ? '…' : '—';
  if (html) {
    usable.then(loadRenderer).then(
      (render) => view.replaceChildren(render(withoutBidiControls(html))),
      (error: unknown) => (view.textContent = messageOf(error)),
    );
  }
  return view;
}

export function markdownEditor(id: string, text: string, onInput: (text: string) => void): HTMLElement {
  const wrapper = element('div', { className: 'markdown' });
  const area = editable('textarea', { id, value: text, rows: 8 });
  const preview = element('div', { className: 'markdown-preview' });
  preview.hidden = true;
  const caption = element('span', { textContent: l10n.t('Preview') });
  const toggle = button(caption, 'preview', 'preview-toggle secondary');
  toggle.addEventListener('click', () => {
    const showing = preview.hidden;
    const flip = () => {
      preview.hidden = !showing;
      area.hidden = showing;
      caption.textContent = showing ? l10n.t('Edit') : l10n.t('Preview');
    };
    if (!showing) return flip();
    loadRenderer().then(
      (render) => {
        // The preview is shown, not edited: no override in it reverses what it shows.
        preview.replaceChildren(render(withoutBidiControls(area.value)));
        flip();
      },
      (error: unknown) => {
        preview.textContent = messageOf(error);
        flip();
      },
    );
  });
  area.addEventListener('input', () => onInput(area.value));
  wrapper.append(area, preview, toggle);
  return wrapper;
}
