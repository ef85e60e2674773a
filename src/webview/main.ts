/**
 * The browser side of the task editor. It knows nothing of HTTP or keys: it
 * renders the form the page came with, says `ready`, renders any later form the
 * host sends, reports every edit, and asks the host to save. Its state survives
 * the panel being hidden (setState).
 */
import * as l10n from '@vscode/l10n';
import { fieldElementId, type FormModel, type FormOption, type FormValue, sameValue, validateField } from '../shared/form';
import { FIRST_STATE_ID, type HostMessage, L10N_BUNDLE_ID, type WebviewMessage, type WebviewState } from '../shared/protocol';
import { createControl } from './controls';
import { button, element, showText, textElement } from './dom';
import { formUsable } from './markdown';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
// The page's words in VS Code's display language, where the extension has them (the host sends its bundle).
const translations = document.getElementById(L10N_BUNDLE_ID)?.textContent;
if (translations) l10n.config({ contents: JSON.parse(translations) as Record<string, string> });
/** The page's own script: it says where the icons are. */
const pageScript = document.currentScript as HTMLScriptElement | null;
const root = document.getElementById('root') as HTMLElement;
let model: FormModel | undefined;
let values: Record<string, FormValue> = {};
/** The values the host last sent: what differs from them now is the user's. */
let rendered: Record<string, FormValue> = {};
let nextRequestId = 1;
/** Searches waiting for the host's answer, by request ID. */
const searches = new Map<number, (options: FormOption[]) => void>();

function findRecords(key: string, text: string): Promise<FormOption[]> {
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    searches.set(requestId, resolve);
    post({ type: 'search', requestId, key, text });
  });
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function openLink(url: string): void {
  post({ type: 'openLink', url });
}

function showFieldError(key: string, message: string | undefined): void {
  const slot = root.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(key)}"]`);
  if (!slot) return;
  showText(slot, message ?? '');
  slot.hidden = !message;
  slot.closest('.field')?.classList.toggle('invalid', Boolean(message));
  // A screen reader says the control is invalid, and reads the message with it.
  const control = document.getElementById(fieldElementId(key));
  if (!control) return;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

function showBanner(message: string | undefined): void {
  const banner = root.querySelector<HTMLElement>('.banner');
  if (!banner) return;
  showText(banner, message ?? '');
  banner.hidden = !message;
}

function edit(key: string, value: FormValue): void {
  values = { ...values, [key]: value };
  vscode.setState({ values });
  post({ type: 'edit', values });
  const field = model?.fields.find((f) => f.key === key);
  if (field) showFieldError(key, validateField(field, value));
}

function save(): void {
  post({ type: 'save', requestId: nextRequestId++ });
}

function render(message: Extract<HostMessage, { type: 'show' }>): void {
  // A newer version while the user edits: their changes since the last render stay, and the host hears of them on it.
  const mine = message.keepEdits ? Object.keys(values).filter((key) => !sameValue(values[key], rendered[key])) : [];
  model = message.model;
  values = { ...message.values, ...Object.fromEntries(mine.map((key) => [key, values[key]])) };
  rendered = { ...message.values };
  if (mine.length > 0) post({ type: 'edit', values });
  vscode.setState({ values });
  const header = element('header', { className: 'header' });
  const heading = element('div', { className: 'heading' });
  const title = textElement('h1', model.title, { className: 'title' });
  title.title = title.textContent ?? '';
  heading.append(title, textElement('span', model.mode === 'create' ? l10n.t('New task') : (model.taskId ?? ''), { className: 'subtitle' }));
  const actions = element('div', { className: 'actions' });
  const saveButton = button(textElement('span', model.mode === 'create' ? l10n.t('Create Task') : l10n.t('Save')), 'save', 'save');
  saveButton.addEventListener('click', save);
  actions.append(saveButton);
  if (model.httpLink) {
    const link = model.httpLink;
    const open = button(textElement('span', l10n.t('Open in {0}', model.serviceName)), 'link-external', 'open-link secondary');
    open.addEventListener('click', () => openLink(link));
    actions.append(open);
  }
  header.append(heading, actions);
  const banner = element('div', { className: 'banner', hidden: true });
  banner.setAttribute('role', 'alert');
  const form = element('form', { className: 'fields' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  for (const field of model.fields) {
    const id = fieldElementId(field.key);
    const row = element('div', { className: `field type-${field.valueType.toLowerCase()}` });
    row.dataset.key = field.key;
    if (field.valueType !== 'CHECKBOX' || field.readOnly) {
      const label = textElement('label', field.label, { className: 'label', htmlFor: id });
      label.classList.toggle('required', field.required && !field.readOnly);
      row.append(label);
    }
    // As in VS Code's Settings editor: label, then description, then the control.
    if (field.description) row.append(textElement('div', field.description, { className: 'help', id: `${id}-help` }));
    const control = createControl(id, field, values[field.key] ?? null, (value) => edit(field.key, value), (text) => findRecords(field.key, text));
    row.append(control);
    // Read with the control: its description, and its error once there is one.
    const input = control.id === id ? control : control.querySelector(`#${CSS.escape(id)}`);
    input?.setAttribute('aria-describedby', [field.description ? `${id}-help` : '', `${id}-error`].filter(Boolean).join(' '));
    const error = element('div', { className: 'field-error', hidden: true, id: `${id}-error` });
    error.dataset.errorFor = field.key;
    error.setAttribute('role', 'alert');
    row.append(error);
    form.append(row);
  }
  root.replaceChildren(header, banner, form);
  root.removeAttribute('aria-busy');
  for (const [key, text] of Object.entries(message.errors)) showFieldError(key, text);
  showBanner(message.message);
}

/**
 * Every click on a link goes to the host's checked `openLink`, and no further: VS Code's
 * own webview script also opens clicked links (from a bubbling listener on the window),
 * so the event stops here, in the capture phase, before it gets there.
 */
function interceptLinks(event: MouseEvent): void {
  const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
  if (!link) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  if (event.type === 'click' || event.button === 1) openLink(link.getAttribute('href') ?? '');
}
window.addEventListener('click', interceptLinks, true);
window.addEventListener('auxclick', interceptLinks, true);

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message?.type === 'show') {
    render(message);
  } else if (message?.type === 'searchResult') {
    searches.get(message.requestId)?.(message.options);
    searches.delete(message.requestId);
  } else if (message?.type === 'saveResult') {
    for (const field of model?.fields ?? []) showFieldError(field.key, message.errors[field.key]);
    showBanner(message.ok ? undefined : message.message);
  }
});

// The first state came with the page: the form renders before any message. It is usable once its
// controls have rendered and painted: after the next frame (a task queued from it runs after the paint).
const firstState = document.getElementById(FIRST_STATE_ID)?.textContent;
if (firstState) render(JSON.parse(firstState) as Extract<HostMessage, { type: 'show' }>);
requestAnimationFrame(() =>
  setTimeout(() => {
    post({ type: 'ready', pageMs: performance.now() });
    formUsable();
    // The buttons' icons: a stylesheet and a font from the extension, fetched once the form is up.
    const codicons = pageScript?.dataset.codicons;
    if (codicons) document.head.append(element('link', { rel: 'stylesheet', href: codicons }));
  }),
);
