import { type FieldDefinition } from '../../src/api/lightfield/schemas';
import { type FieldValue } from '../../src/api/values';
import { HttpError } from './httpError';

/** Any ISO 8601 date-time, as the docs allow: the offset may be left out (then it is UTC), and written with or without a colon. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ADDRESS_TEXT_KEYS = ['street', 'street2', 'city', 'state', 'postalCode', 'country'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(key: string, expected: string): HttpError {
  return new HttpError(400, `Field ${key} expects ${expected}.`, 'invalid_type', `fields.${key}`);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}

function stringList(key: string, value: unknown, check: (item: string) => boolean, expected: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && check(item))) {
    throw invalid(key, expected);
  }
  return list as string[];
}

/**
 * Checks a written value against its definition and returns it as it is stored
 * (dates normalised to UTC, single values of list types wrapped in a list).
 */
export function coerceWrittenValue(key: string, definition: FieldDefinition, value: unknown): FieldValue {
  if (value === null) {
    return null;
  }
  const options = definition.typeConfiguration?.options ?? [];
  switch (definition.valueType) {
    case 'TEXT':
    case 'MARKDOWN':
      if (typeof value !== 'string') throw invalid(key, 'a string');
      return value;
    case 'NUMBER':
    case 'CURRENCY':
      if (typeof value !== 'number' || !Number.isFinite(value) || !hasAtMostTwoDecimals(value)) {
        throw invalid(key, 'a number with at most two decimals');
      }
      return value;
    case 'CHECKBOX':
      if (typeof value !== 'boolean') throw invalid(key, 'true or false');
      return value;
    case 'DATETIME':
      if (typeof value !== 'string' || !ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
        throw invalid(key, 'an ISO 8601 date-time, e.g. 2026-03-01T09:00:00Z');
      }
      return new Date(value).toISOString();
    case 'URL':
    case 'SOCIAL_HANDLE':
      if (typeof value !== 'string' || !isHttpUrl(value)) throw invalid(key, 'an http(s) URL');
      return value;
    case 'EMAIL': {
      const emails = stringList(key, value, (item) => EMAIL.test(item), 'an email address or a list of them');
      return definition.typeConfiguration?.multipleValues ? emails : (emails[0] ?? null);
    }
    case 'TELEPHONE':
      return stringList(key, value, (item) => /^\+?[\d\s().-]{3,}$/.test(item), 'a list of telephone numbers');
    case 'SINGLE_SELECT':
      if (typeof value !== 'string' || !options.some((option) => option.id === value)) {
        throw invalid(key, `one of ${options.map((option) => option.id).join(', ')}`);
      }
      return value;
    case 'MULTI_SELECT':
      if (!Array.isArray(value) || !value.every((item) => options.some((option) => option.id === item))) {
        throw invalid(key, 'a list of option IDs from its definition');
      }
      return [...new Set(value as string[])];
    case 'ADDRESS':
      return coerceAddress(key, value);
    case 'FULL_NAME': {
      if (!isPlainObject(value) || !Object.entries(value).every(([k, v]) => ['firstName', 'lastName'].includes(k) && (v === null || typeof v === 'string'))) {
        throw invalid(key, 'an object with firstName and lastName');
      }
      return { firstName: (value.firstName) ?? null, lastName: (value.lastName) ?? null };
    }
    default:
      throw invalid(key, `a value of type ${definition.valueType}, which this server cannot write`);
  }
}

function coerceAddress(key: string, value: unknown): FieldValue {
  if (!isPlainObject(value)) throw invalid(key, 'an address object');
  for (const [part, partValue] of Object.entries(value)) {
    const isText = (ADDRESS_TEXT_KEYS as readonly string[]).includes(part);
    const isCoordinate = part === 'latitude' || part === 'longitude';
    if (!isText && !isCoordinate) throw invalid(key, `an address object without "${part}"`);
    if (partValue === null) continue;
    if (isText && typeof partValue !== 'string') throw invalid(`${key}.${part}`, 'a string');
    if (isCoordinate && (typeof partValue !== 'number' || !Number.isFinite(partValue))) throw invalid(`${key}.${part}`, 'a number');
  }
  if (typeof value.country === 'string' && !/^[A-Z]{2}$/.test(value.country)) {
    throw invalid(`${key}.country`, 'a two-letter ISO 3166-1 country code');
  }
  return value;
}
