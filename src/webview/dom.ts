/** Small builders for the editor's elements: properties and text only, never HTML. */

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** A checkbox or radio button with its label as text beside it, the whole line clickable. */
export function labelledInput(input: HTMLInputElement, text: string, className: string): HTMLLabelElement {
  const label = element('label', { className });
  label.append(input, element('span', { textContent: text }));
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
