/**
 * A Markdown field: a text area, and a preview rendered by marked and cleaned by
 * DOMPurify (dist/markdown.js, loaded on the first preview) before it touches the
 * page. Links in the preview open through the host (see `interceptLinks` in
 * main.ts), which allows only http(s).
 */

/** The page's own script: its nonce lets the renderer's script in under the CSP, and it names where that script is. */
const pageScript = document.currentScript as HTMLScriptElement | null;
let renderer: Promise<(text: string) => DocumentFragment> | undefined;

function loadRenderer(): Promise<(text: string) => DocumentFragment> {
  renderer ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = pageScript?.nonce ?? '';
    script.src = pageScript?.dataset.markdown ?? '';
    script.addEventListener('load', () => (window.lightfieldMarkdown ? resolve(window.lightfieldMarkdown) : reject(new Error('The Markdown preview did not load.'))));
    script.addEventListener('error', () => {
      renderer = undefined;
      reject(new Error('The Markdown preview did not load.'));
    });
    document.head.append(script);
  });
  return renderer;
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
    const flip = () => {
      preview.hidden = !showing;
      area.hidden = showing;
      toggle.textContent = showing ? 'Edit' : 'Preview';
    };
    if (!showing) return flip();
    loadRenderer().then(
      (render) => {
        preview.replaceChildren(render(area.value));
        flip();
      },
      (error: unknown) => {
        preview.textContent = String(error instanceof Error ? error.message : error);
        flip();
      },
    );
  });
  area.addEventListener('input', () => onInput(area.value));
  wrapper.append(area, preview, toggle);
  return wrapper;
}
