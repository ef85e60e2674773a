/**
 * Small builders for the editor's elements: properties and text only, never HTML.
 * Text that is shown (labels, captions, messages) loses its bidi controls, so no
 * override from a server reverses it; a value the user edits keeps every
 * character and is isolated instead (`dir="auto"`, see `editable`).
 */
import { withoutBidiControls } from '../shared/bidi';

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** An element showing `text` (bidi controls removed). */
export function textElement<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return element(tag, { ...props, textContent: withoutBidiControls(text) });
}

/** Sets what `node` shows to `text` (bidi controls removed). */
export function showText(node: HTMLElement, text: string): void {
  node.textContent = withoutBidiControls(text);
}

/** An input or text area holding a value the user edits: every character kept, its direction its own. */
export function editable<K extends 'input' | 'textarea'>(tag: K, props: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K] {
  return element(tag, { ...props, dir: 'auto' });
}

/** A checkbox or radio button with its label as text beside it, the whole line clickable. */
export function labelledInput(input: HTMLInputElement, text: string, className: string): HTMLLabelElement {
  const label = element('label', { className });
  label.append(input, textElement('span', text));
  return label;
}

/** A button with a codicon before its caption (a span the caller may retitle). */
export function button(caption: HTMLSpanElement, icon: string, className: string): HTMLButtonElement {
  const node = element('button', { type: 'button', className });
  const glyph = element('span', { className: `codicon codicon-${icon}` });
  glyph.setAttribute('aria-hidden', 'true');
  node.append(glyph, caption);
  return node;
}
