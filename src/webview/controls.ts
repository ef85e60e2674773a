/**
 * One control per value type, as the browser's own form elements in VS Code's
 * theme colours (media/editor.css): they render at once, where a component
 * library's custom elements each set up a shadow root first. Every string from
 * the server (labels, option names, values) goes in as text or as an element
 * property, never as HTML.
 */
import * as l10n from '@vscode/l10n';
import { withoutBidiControls } from '../shared/bidi';
import { readDue } from '../shared/dueDates';
import { ADDRESS_PARTS, type FormField, type FormOption, type FormValue, NAME_PARTS } from '../shared/form';
import { editable, element, labelledInput, showText, textElement } from './dom';
import { markdownEditor, renderedHtml } from './markdown';

export type OnChange = (value: FormValue) => void;
/** Asks the host for records whose names start with the text (a searchable field's). */
export type FindRecords = (text: string) => Promise<FormOption[]>;

/** How long typing pauses before a search goes out. */
const SEARCH_PAUSE_MS = 250;



function textOf(value: FormValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('\n');
  return typeof value === 'object' ? '' : String(value);
}


/** `<input type="datetime-local">` speaks local time without offset; the API wants ISO 8601 with one. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function localInputToIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return local;
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${isoToLocalInput(date.toISOString())}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/**
 * A day or a time on it, for a date that may be all day (Close's): the day, an
 * "All day" box, and the time while it is not all day. A day is written as a day,
 * never as a midnight somewhere.
 */
function dayOrTime(id: string, value: FormValue, onChange: OnChange): HTMLElement {
  const due = typeof value === 'string' ? readDue(value) : undefined;
  const local = due && 'at' in due ? isoToLocalInput(value as string) : '';
  const emit = () => {
    if (!day.value) return onChange(null);
    if (allDay.checked) return onChange(day.value);
    // Without a time it is no instant: validation asks for one.
    onChange(time.value ? localInputToIso(`${day.value}T${time.value}`) : `${day.value}T`);
  };
  const day = textField(id, due ? ('day' in due ? due.day : local.slice(0, 10)) : '', 'date', emit);
  const time = textField(`${id}-time`, local.slice(11, 16), 'time', emit);
  time.setAttribute('aria-label', l10n.t('Time'));
  const allDay = element('input', { type: 'checkbox', id: `${id}-all-day`, checked: !due || 'day' in due });
  time.hidden = allDay.checked;
  allDay.addEventListener('change', () => {
    time.hidden = allDay.checked;
    if (!allDay.checked && !time.value) time.value = DEFAULT_TIME;
    emit();
  });
  const wrapper = element('div', { className: 'day-or-time' });
  wrapper.append(day, time, labelledInput(allDay, l10n.t('All day'), 'checkbox'));
  return wrapper;
}

/** The time a task given one after being all day starts with: the start of a working day. */
const DEFAULT_TIME = '09:00';

function numberOrText(text: string): FormValue {
  if (text.trim() === '') return null;
  const number = Number(text);
  // Kept as text when it is not a number, so validation can say so.
  return Number.isFinite(number) ? number : text;
}

function textField(id: string, value: string, type: string, onInput: (text: string) => void, placeholder?: string): HTMLInputElement {
  const field = editable('input', { id, type, value, placeholder: withoutBidiControls(placeholder ?? '') });
  field.addEventListener('input', () => onInput(field.value));
  return field;
}

function lines(text: string): string[] {
  return text.split(/[\n,]/).map((line) => line.trim()).filter(Boolean);
}

function select(id: string, field: FormField, value: FormValue, onChange: OnChange): HTMLElement {
  const options = field.options ?? [];
  if (field.multiple) {
    // Each choice a checkbox: every option in sight, one click each, no list to open.
    const chosen = new Set(Array.isArray(value) ? value : []);
    const group = element('div', { id, className: 'choices' });
    group.setAttribute('role', 'group');
    for (const o of options) {
      const box = element('input', { type: 'checkbox', value: o.id, checked: chosen.has(o.id) });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(o.id);
        else chosen.delete(o.id);
        onChange(options.filter((each) => chosen.has(each.id)).map((each) => each.id));
      });
      group.append(labelledInput(box, o.label, 'choice'));
    }
    return group;
  }
  const current = Array.isArray(value) ? (value[0] ?? '') : textOf(value);
  // A few short, required choices read best as radio buttons (a status, say).
  if (field.kind === 'field' && field.required && options.length > 0 && options.length <= 4 && options.every((o) => o.label.length <= 24)) {
    const group = element('div', { id, className: 'choices horizontal' });
    group.setAttribute('role', 'radiogroup');
    for (const o of options) {
      const radio = element('input', { type: 'radio', name: id, value: o.id, checked: o.id === current });
      radio.addEventListener('change', () => radio.checked && onChange(o.id));
      group.append(labelledInput(radio, o.label, 'choice'));
    }
    return group;
  }
  const single = element('select', { id });
  single.append(element('option', { value: '', textContent: '—' }), ...options.map((o) => textElement('option', o.label, { value: o.id })));
  single.value = current;
  single.addEventListener('change', () => {
    const picked = single.value;
    onChange(field.kind === 'relationship' ? (picked ? [picked] : []) : picked || null);
  });
  return single;
}

/** Linked records by name (accounts, say): the linked ones to choose from, and a search that adds those it finds. */
function recordPicker(id: string, field: FormField, value: FormValue, onChange: OnChange, find: FindRecords): HTMLElement {
  const known = [...(field.options ?? [])];
  let current = value;
  const change = (next: FormValue) => {
    current = next;
    onChange(next);
  };
  const search = editable('input', { id: `${id}-search`, type: 'search', placeholder: withoutBidiControls(field.objectType ? l10n.t('Find {0} by name…', field.objectType) : l10n.t('Find a record by name…')) });
  search.setAttribute('aria-label', withoutBidiControls(l10n.t('Find {0} by name', field.label)));
  let list = select(id, { ...field, options: known }, current, change);
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void find(search.value).then((found) => {
        const added = found.filter((option) => !known.some((each) => each.id === option.id));
        if (added.length === 0) return;
        known.push(...added);
        const next = select(id, { ...field, options: known }, current, change);
        list.replaceWith(next);
        list = next;
      });
    }, SEARCH_PAUSE_MS);
  });
  const picker = element('div', { className: 'record-picker' });
  picker.append(search, list);
  return picker;
}

function parts(id: string, names: readonly string[], value: FormValue, numeric: readonly string[], onChange: OnChange): HTMLElement {
  const group = element('div', { className: 'parts' });
  const current: Record<string, string | number | null> = value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  for (const name of names) {
    const label = element('label', { className: 'part' });
    const caption = element('span', { className: 'part-label', textContent: name.replace(/([A-Z0-9])/g, ' $1').replace(/^./, (c) => c.toUpperCase()) });
    const isNumber = numeric.includes(name);
    const input = textField(`${id}-${name}`, current[name] === null || current[name] === undefined ? '' : String(current[name]), isNumber ? 'number' : 'text', (text) => {
      current[name] = isNumber ? (numberOrText(text) as number | null) : text;
      onChange({ ...current });
    });
    label.append(caption, input);
    group.append(label);
  }
  return group;
}

/** The control for `field`, showing `value`; `onChange` gets the edited value in its form shape. */
export function createControl(id: string, field: FormField, value: FormValue, onChange: OnChange, find: FindRecords = () => Promise.resolve([])): HTMLElement {
  if (field.readOnly && field.valueType === 'HTML') return renderedHtml(id, textOf(value));
  if (field.readOnly) {
    const shown = element('div', { id, className: 'read-only' });
    // A chosen option or a linked object reads by its label where the form knows it.
    const labels = new Map((field.options ?? []).map((option) => [option.id, option.label]));
    const named = Array.isArray(value) ? value.map((item) => labels.get(item) ?? item) : typeof value === 'string' ? (labels.get(value) ?? value) : value;
    showText(shown, textOf(named) || '—');
    return shown;
  }
  if (field.searchable) return recordPicker(id, field, value, onChange, find);
  if (field.options || field.valueType === 'SINGLE_SELECT' || field.valueType === 'MULTI_SELECT') {
    return select(id, field, value, onChange);
  }
  switch (field.valueType) {
    case 'MARKDOWN':
      return markdownEditor(id, textOf(value), (text) => onChange(text));
    case 'DATETIME':
      if (field.allDay) return dayOrTime(id, value, onChange);
      return textField(id, typeof value === 'string' ? isoToLocalInput(value) : '', 'datetime-local', (text) => onChange(localInputToIso(text)));
    case 'NUMBER':
    case 'CURRENCY': {
      const input = textField(id, textOf(value), 'number', (text) => onChange(numberOrText(text)));
      input.setAttribute('step', '0.01');
      if (!field.currency) return input;
      const wrapper = element('div', { className: 'with-suffix' });
      wrapper.append(input, textElement('span', field.currency, { className: 'suffix' }));
      return wrapper;
    }
    case 'CHECKBOX': {
      const box = element('input', { type: 'checkbox', id, checked: value === true });
      box.addEventListener('change', () => onChange(box.checked));
      return labelledInput(box, field.label, 'checkbox');
    }
    case 'ADDRESS':
      return parts(id, ADDRESS_PARTS, value, ['latitude', 'longitude'], onChange);
    case 'FULL_NAME':
      return parts(id, NAME_PARTS, value, [], onChange);
    case 'EMAIL':
    case 'TELEPHONE':
    case 'URL':
    case 'RELATIONSHIP': {
      if (field.multiple || field.valueType === 'RELATIONSHIP') {
        const hint = field.idPrefix ? l10n.t('{0}…, one per line', field.idPrefix) : l10n.t('One per line');
        const area = editable('textarea', { id, value: textOf(value), rows: 3, placeholder: withoutBidiControls(hint) });
        area.addEventListener('input', () => onChange(lines(area.value)));
        return area;
      }
      const type = field.valueType === 'EMAIL' ? 'email' : field.valueType === 'URL' ? 'url' : 'tel';
      return textField(id, textOf(value), type, (text) => onChange(text));
    }
    case 'SOCIAL_HANDLE':
      return textField(id, textOf(value), 'url', (text) => onChange(text), field.handleService ? l10n.t('Profile link on {0}', field.handleService.toLowerCase()) : l10n.t('Profile link'));
    default:
      return textField(id, textOf(value), 'text', (text) => onChange(text));
  }
}
