/** Lightfield's wire format, parsed at the edge; only this folder sees it. */
import { array, boolean, enum as zEnum, nullish, number, object, pipe, record, string, transform, union, type ZodMiniType, type output } from 'zod/mini';
import { fieldSchema, type WritableValue } from '../values';

export const relationshipSchema = object({
  cardinality: string(),
  objectType: string(),
  values: array(string()),
});

export const taskSchema = object({
  id: string(),
  createdAt: string(),
  updatedAt: nullish(string()),
  httpLink: nullish(string()),
  externalId: nullish(string()),
  fields: record(string(), fieldSchema),
  relationships: record(string(), relationshipSchema),
});
export type Task = output<typeof taskSchema>;

/** One page of an offset-paged list. */
function pageOf<T extends ZodMiniType>(item: T) {
  return object({ object: string(), data: array(item), totalCount: number() });
}

export const taskPageSchema = pageOf(taskSchema);
export type TaskPage = output<typeof taskPageSchema>;

export const selectOptionSchema = object({
  id: string(),
  label: string(),
  description: nullish(string()),
});

export const fieldDefinitionSchema = object({
  id: nullish(string()),
  label: string(),
  description: nullish(string()),
  /** A known `ValueType`, or a newer one this client shows read-only. */
  valueType: string(),
  readOnly: nullish(boolean()),
  typeConfiguration: nullish(
    object({
      currency: nullish(string()),
      handleService: nullish(string()),
      multipleValues: nullish(boolean()),
      options: nullish(array(selectOptionSchema)),
      unique: nullish(boolean()),
    }),
  ),
});
export type FieldDefinition = output<typeof fieldDefinitionSchema>;

export const relationshipDefinitionSchema = object({
  id: nullish(string()),
  label: string(),
  description: nullish(string()),
  /** `HAS_ONE` or `HAS_MANY` in the definitions, `has_one`/`has_many` where a task's relationship says it: any case; anything else holds a list. */
  cardinality: pipe(
    string(),
    transform((cardinality: string): 'HAS_ONE' | 'HAS_MANY' => (cardinality.toUpperCase() === 'HAS_ONE' ? 'HAS_ONE' : 'HAS_MANY')),
  ),
  objectType: string(),
  /** The name list filters use for this relationship (org-specific, e.g. `$task-account`). */
  slug: nullish(string()),
});
export type RelationshipDefinition = output<typeof relationshipDefinitionSchema>;

export const taskDefinitionsSchema = object({
  objectType: string(),
  fieldDefinitions: record(string(), fieldDefinitionSchema),
  relationshipDefinitions: record(string(), relationshipDefinitionSchema),
});
export type TaskDefinitions = output<typeof taskDefinitionsSchema>;

/** A member as documented: `$name`, `$email`, `$profileImage`, `$role` fields, and no relationships. */
export const memberSchema = object({
  id: string(),
  createdAt: string(),
  updatedAt: nullish(string()),
  httpLink: nullish(string()),
  fields: record(string(), fieldSchema),
});
export type Member = output<typeof memberSchema>;

export const memberPageSchema = pageOf(memberSchema);

export const keyInfoSchema = object({
  active: boolean(),
  scopes: array(string()),
  subjectType: zEnum(['user', 'workspace']),
  tokenType: string(),
});
export type KeyInfo = output<typeof keyInfoSchema>;

export interface TaskCreate {
  fields: Record<string, WritableValue>;
  relationships: Record<string, string | string[]>;
}

export interface RelationshipOperation {
  add?: string | string[];
  remove?: string | string[];
  replace?: string | string[];
}

export interface TaskUpdate {
  fields?: Record<string, WritableValue>;
  relationships?: Record<string, RelationshipOperation>;
}

export interface ListFilter {
  /** A field key, or a relationship key (with `relationship` set): the provider finds the relationship's filter name. */
  key: string;
  relationship?: boolean;
  operator: string;
  value: string;
  negate?: boolean;
}

const errorDetailsSchema = object({
  type: string(),
  message: string(),
  code: nullish(string()),
  param: nullish(string()),
});

type ErrorDetails = output<typeof errorDetailsSchema>;

/**
 * A Lightfield error body, in both printed shapes: wrapped, `{ "error": { type, message, code?, param? } }`
 * (errors page), and bare, `{ type, message }` (the idempotency and rate-limit pages' 409 and 429).
 */
export const errorBodySchema = union([
  pipe(object({ error: errorDetailsSchema }), transform((body: { error: ErrorDetails }) => body.error)),
  errorDetailsSchema,
]);
