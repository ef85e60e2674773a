/**
 * The task form as host and webview both see it: fields described by the
 * server's definitions, values in an editable shape, and validation. No `vscode`
 * and no DOM here, so both sides and plain-Node tests share it.
 */
import * as l10n from '@vscode/l10n';
import type { ValueType } from '../api/values';
import { DUE_DAY, readDue } from './dueDates';
import { webLinkOf } from './webLink';

export type FormValue = string | number | boolean | string[] | { [part: string]: string | number | null } | null;

export interface FormOption {
  id: string;
  label: string;
}

export interface FormField {
  key: string;
  kind: 'field' | 'relationship';
  label: string;
  description?: string;
  /** `UNKNOWN`: a value type newer than this client, shown read-only as the service sent it. */
  valueType: ValueType | 'RELATIONSHIP' | 'UNKNOWN';
  required: boolean;
  readOnly: boolean;
  /** Holds a list: MULTI_SELECT, TELEPHONE, multi-value EMAIL, HAS_MANY. */
  multiple: boolean;
  /** Select options, or the members a member relationship may point at. */
  options?: FormOption[];
  currency?: string;
  handleService?: string;
  objectType?: string;
  /** For relationships to objects other than members: the ID prefix, e.g. `acc_`. */
  idPrefix?: string;
  /** Records the service names (accounts, say): the options are the linked ones, more are found by searching their names. */
  searchable?: boolean;
  /** A DATETIME that also takes a day, all day (`2026-11-25`). */
  allDay?: boolean;
  /** The most records a relationship may link to, where the service sets a bound. */
  maxLinks?: number;
}

export interface FormModel {
  mode: 'edit' | 'create';
  taskId?: string;
  title: string;
  updatedAt?: string;
  httpLink?: string;
  /** The service's name, for "Open in …". */
  serviceName: string;
  fields: FormField[];
  /** The values as the server has them (or a new task's defaults). */
  values: Record<string, FormValue>;
}

export const ADDRESS_PARTS = ['street', 'street2', 'city', 'state', 'postalCode', 'country', 'latitude', 'longitude'] as const;
export const NAME_PARTS = ['firstName', 'lastName'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{3,}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The element ID of a field's control in the editor webview (tests find fields by it too). */
export function fieldElementId(key: string): string {
  return `field-${key.replace(/[^\w-]/g, '_')}`;
}

/** Empty strings, lists and objects are "no value". */
export function normalize(value: FormValue | undefined): FormValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (Array.isArray(value)) {
    const items = value.map((item) => item.trim()).filter(Boolean);
    return items.length === 0 ? null : items;
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value).filter(([, part]) => part !== null && part !== '');
    return parts.length === 0 ? null : Object.fromEntries(parts);
  }
  return value;
}

export function sameValue(a: FormValue | undefined, b: FormValue | undefined): boolean {
  const left = normalize(a);
  const right = normalize(b);
  if (Array.isArray(left) && Array.isArray(right)) {
    const sortedRight = [...right].sort();
    return left.length === right.length && [...left].sort().every((item, i) => item === sortedRight[i]);
  }
  return JSON.stringify(left) === JSON.stringify(right);
}

function listOf(value: FormValue): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** The problem with one field's value, or undefined. Messages are short, shown at the field. */
export function validateField(field: FormField, raw: FormValue | undefined): string | undefined {
  if (field.readOnly) return undefined;
  const value = normalize(raw);
  if (value === null) return field.required ? l10n.t('Required.') : undefined;
  const optionIds = new Set((field.options ?? []).map((option) => option.id));
  switch (field.valueType) {
    case 'NUMBER':
    case 'CURRENCY':
      if (typeof value !== 'number' || !Number.isFinite(value)) return l10n.t('Enter a number.');
      return Math.abs(Math.round(value * 100) - value * 100) > 1e-6 ? l10n.t('At most two decimals.') : undefined;
    case 'CHECKBOX':
      return typeof value === 'boolean' ? undefined : l10n.t('Choose yes or no.');
    case 'DATETIME':
      if (field.allDay && typeof value === 'string' && DUE_DAY.test(value)) return readDue(value) ? undefined : l10n.t('Enter a date.');
      return typeof value === 'string' && ISO_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : field.allDay ? l10n.t('Enter a date, and a time unless it is all day.') : l10n.t('Enter a date and time.');
    case 'EMAIL':
      return listOf(value).every((item) => EMAIL.test(item)) ? undefined : l10n.t('Enter valid email addresses, one per line.');
    case 'TELEPHONE':
      return listOf(value).every((item) => PHONE.test(item)) ? undefined : l10n.t('Enter telephone numbers, one per line.');
    case 'URL':
    case 'SOCIAL_HANDLE':
      return typeof value === 'string' && webLinkOf(value) !== undefined ? undefined : l10n.t('Enter an http(s) link.');
    case 'SINGLE_SELECT':
      return typeof value === 'string' && optionIds.has(value) ? undefined : l10n.t('Choose one of the options.');
    case 'MULTI_SELECT':
      return listOf(value).every((id) => optionIds.has(id)) ? undefined : l10n.t('Choose from the options.');
    case 'ADDRESS': {
      const address = value as Record<string, string | number | null>;
      if (address.country && !/^[A-Z]{2}$/.test(String(address.country))) return l10n.t('Country: a two-letter code such as US or FR.');
      for (const [part, limit] of [['latitude', 90], ['longitude', 180]] as const) {
        const coordinate = address[part];
        if (coordinate !== undefined && coordinate !== null && (typeof coordinate !== 'number' || Math.abs(coordinate) > limit)) {
          return part === 'latitude' ? l10n.t('Latitude: a number from -{0} to {0}.', limit) : l10n.t('Longitude: a number from -{0} to {0}.', limit);
        }
      }
      return undefined;
    }
    case 'RELATIONSHIP': {
      const ids = listOf(value);
      if (!field.multiple && ids.length > 1) return l10n.t('Choose one.');
      if (field.maxLinks !== undefined && ids.length > field.maxLinks) return l10n.t('At most {0}.', field.maxLinks);
      if (field.idPrefix && !ids.every((id) => id.startsWith(field.idPrefix ?? ''))) return l10n.t('IDs start with {0}.', field.idPrefix);
      if (field.options && !ids.every((id) => optionIds.has(id))) return l10n.t('Choose from the list.');
      return undefined;
    }
    default:
      return typeof value === 'string' ? undefined : l10n.t('Enter text.');
  }
}

export function validateValues(model: FormModel, values: Record<string, FormValue>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of model.fields) {
    const problem = validateField(field, values[field.key]);
    if (problem) errors[field.key] = problem;
  }
  return errors;
}

/** Keys whose value differs from the model's. */
export function changedKeys(model: FormModel, values: Record<string, FormValue>): string[] {
  return model.fields.filter((field) => !field.readOnly && !sameValue(model.values[field.key], values[field.key])).map((field) => field.key);
}
