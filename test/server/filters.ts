import { type Task, type TaskDefinitions } from '../../src/api/lightfield/schemas';
import { type FieldValue, type ValueType } from '../../src/api/values';
import { HttpError } from './httpError';

const ORDERED = ['equal', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual'];
const OPERATORS: Partial<Record<ValueType | (string & {}), string[]>> = {
  DATETIME: ORDERED,
  NUMBER: ORDERED,
  CURRENCY: ORDERED,
  TEXT: ['equal', 'startsWith'],
  FULL_NAME: ['equal', 'startsWith'],
  SOCIAL_HANDLE: ['equal', 'startsWith'],
  ADDRESS: ['equal', 'startsWith'],
  SINGLE_SELECT: ['equal'],
  CHECKBOX: ['equal'],
  EMAIL: ['contains'],
  URL: ['contains'],
  TELEPHONE: ['contains'],
};

type Predicate = (task: Task) => boolean;

/** How relationship filters are taken (see `LightfieldServerOptions.relationshipFilters`). */
export const RELATIONSHIP_FILTERS = ['slugs', 'noSlugs', 'refused', 'assigneeIgnored'] as const;
export type RelationshipFilters = (typeof RELATIONSHIP_FILTERS)[number];

const FILTER_PARAM = /^([^[\]]+)(?:\[(-?)([A-Za-z]+)\])?$/;

/**
 * Parses `key[operator]=value` query parameters (a `-` before the operator negates
 * it; with no operator, `equal` where the type allows it, else `contains`) into one
 * AND-ed predicate. Fields go by key, relationships by their definition's slug.
 */
export function parseFilters(definitions: TaskDefinitions, params: URLSearchParams, relationships: RelationshipFilters = 'slugs'): Predicate {
  const predicates: Predicate[] = [];
  for (const [param, value] of params) {
    if (param === 'offset' || param === 'limit') continue;
    const match = FILTER_PARAM.exec(param);
    if (!match) {
      throw new HttpError(400, `Unknown query parameter ${param}.`, 'unknown_field', param);
    }
    const [, key, negate, written] = match;
    const valueType = definitions.fieldDefinitions[key]?.valueType;
    const operator = written ?? (valueType && OPERATORS[valueType]?.includes('equal') ? 'equal' : 'contains');
    const field = fieldPredicate(definitions, key, operator, value, param);
    if (!field && relationships === 'refused') throw new HttpError(400, `Tasks cannot be filtered by relationship ${key}.`, 'unknown_relationship', param);
    const predicate = field ?? relationshipPredicate(definitions, key, operator, value, param);
    if (!field && relationships === 'assigneeIgnored' && relationshipKeyOf(definitions, key) === '$assignedTo') continue;
    predicates.push(negate ? (task) => !predicate(task) : predicate);
  }
  return (task) => predicates.every((predicate) => predicate(task));
}

function fieldPredicate(definitions: TaskDefinitions, key: string, operator: string, raw: string, param: string): Predicate | undefined {
  const definition = definitions.fieldDefinitions[key];
  if (!definition) return undefined;
  const allowed = OPERATORS[definition.valueType];
  if (!allowed?.includes(operator)) {
    throw new HttpError(400, `Field ${key} (${definition.valueType}) cannot be filtered with "${operator}".`, 'invalid_type', param);
  }
  const valueOf = (task: Task): FieldValue => task.fields[key]?.value ?? null;
  switch (definition.valueType) {
    case 'DATETIME':
    case 'NUMBER':
    case 'CURRENCY': {
      const toNumber = (value: FieldValue | string) =>
        typeof value === 'number' ? value : typeof value === 'string' ? (definition.valueType === 'DATETIME' ? Date.parse(value) : Number(value)) : NaN;
      const target = toNumber(raw);
      if (Number.isNaN(target)) {
        throw new HttpError(400, `Filter ${param} expects a ${definition.valueType === 'DATETIME' ? 'date-time' : 'number'}.`, 'invalid_type', param);
      }
      return (task) => {
        const value = valueOf(task);
        return value !== null && compare(toNumber(value), target, operator);
      };
    }
    case 'CHECKBOX':
      return (task) => (valueOf(task) === true ? 'true' : 'false') === raw;
    case 'EMAIL':
    case 'URL':
    case 'TELEPHONE':
      return (task) => {
        const value = valueOf(task);
        const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
        return items.some((item) => item.toLowerCase().includes(raw.toLowerCase()));
      };
    case 'FULL_NAME':
    case 'ADDRESS':
      return (task) => {
        const text = objectText(valueOf(task));
        return text !== '' && (operator === 'startsWith' ? text.toLowerCase().startsWith(raw.toLowerCase()) : text === raw);
      };
    default:
      return (task) => {
        const value = valueOf(task);
        return typeof value === 'string' && (operator === 'startsWith' ? value.startsWith(raw) : value === raw);
      };
  }
}

/** A name or an address as one line, the way a startsWith filter reads it. */
function objectText(value: FieldValue): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
  const parts = 'firstName' in value || 'lastName' in value ? [value.firstName, value.lastName] : [value.street, value.city, value.postalCode, value.country];
  return parts.filter((part) => typeof part === 'string' && part).join(' ');
}

/** Relationship filters name the relationship by its definition's slug only: the key itself is refused, as a guessed slug is. */
function relationshipKeyOf(definitions: TaskDefinitions, slug: string): string | undefined {
  return Object.entries(definitions.relationshipDefinitions).find(([, definition]) => definition.slug === slug)?.[0];
}

function relationshipPredicate(definitions: TaskDefinitions, slug: string, operator: string, raw: string, param: string): Predicate {
  const relationshipKey = relationshipKeyOf(definitions, slug);
  if (!relationshipKey) {
    throw new HttpError(400, `Unknown field or relationship ${slug}.`, 'unknown_relationship', param);
  }
  if (operator !== 'contains') {
    throw new HttpError(400, `Relationship ${slug} can only be filtered with "contains".`, 'invalid_type', param);
  }
  return (task) => task.relationships[relationshipKey]?.values.includes(raw) ?? false;
}

function compare(value: number, target: number, operator: string): boolean {
  switch (operator) {
    case 'greaterThan':
      return value > target;
    case 'greaterThanOrEqual':
      return value >= target;
    case 'lessThan':
      return value < target;
    case 'lessThanOrEqual':
      return value <= target;
    default:
      return value === target;
  }
}
