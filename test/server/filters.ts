import type { FieldValue, Task, TaskDefinitions, ValueType } from '../../src/api/model';
import { HttpError } from './httpError';

const ORDERED = ['equal', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual'];
const OPERATORS: Partial<Record<ValueType, string[]>> = {
  DATETIME: ORDERED,
  NUMBER: ORDERED,
  CURRENCY: ORDERED,
  TEXT: ['equal', 'startsWith'],
  SINGLE_SELECT: ['equal'],
  CHECKBOX: ['equal'],
  EMAIL: ['contains'],
  URL: ['contains'],
  TELEPHONE: ['contains'],
};

type Predicate = (task: Task) => boolean;

const FILTER_PARAM = /^([^[\]]+)\[(-?)([A-Za-z]+)\]$/;

/** Parses `key[operator]=value` query parameters (a `-` before the operator negates it) into one AND-ed predicate. */
export function parseFilters(definitions: TaskDefinitions, params: URLSearchParams): Predicate {
  const predicates: Predicate[] = [];
  for (const [param, value] of params) {
    if (param === 'offset' || param === 'limit') continue;
    const match = FILTER_PARAM.exec(param);
    if (!match) {
      throw new HttpError(400, `Unknown query parameter ${param}.`, undefined, param);
    }
    const [, key, negate, operator] = match;
    const predicate = fieldPredicate(definitions, key, operator, value, param) ?? relationshipPredicate(definitions, key, operator, value, param);
    predicates.push(negate ? (task) => !predicate(task) : predicate);
  }
  return (task) => predicates.every((predicate) => predicate(task));
}

function fieldPredicate(definitions: TaskDefinitions, key: string, operator: string, raw: string, param: string): Predicate | undefined {
  const definition = definitions.fieldDefinitions[key];
  if (!definition) return undefined;
  const allowed = OPERATORS[definition.valueType];
  if (!allowed?.includes(operator)) {
    throw new HttpError(400, `Field ${key} (${definition.valueType}) cannot be filtered with "${operator}".`, undefined, param);
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
    default:
      return (task) => {
        const value = valueOf(task);
        return typeof value === 'string' && (operator === 'startsWith' ? value.startsWith(raw) : value === raw);
      };
  }
}

/** Relationship filters take the relationship key, or its slug `$task-<name>`. */
function relationshipPredicate(definitions: TaskDefinitions, key: string, operator: string, raw: string, param: string): Predicate {
  const relationshipKey = key.startsWith('$task-') ? `$${key.slice('$task-'.length)}` : key;
  if (!definitions.relationshipDefinitions[relationshipKey]) {
    throw new HttpError(400, `Unknown field or relationship ${key}.`, 'unknown_field', param);
  }
  if (operator !== 'contains') {
    throw new HttpError(400, `Relationship ${key} can only be filtered with "contains".`, undefined, param);
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
