/** Lightfield's wire format, parsed at the edge; only this folder sees it. */
import { z } from 'zod';
import { fieldSchema, type WritableValue } from '../values';

export const relationshipSchema = z.object({
  cardinality: z.string(),
  objectType: z.string(),
  values: z.array(z.string()),
});
export type Relationship = z.infer<typeof relationshipSchema>;

export const taskSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  httpLink: z.string().nullish(),
  externalId: z.string().nullish(),
  fields: z.record(z.string(), fieldSchema),
  relationships: z.record(z.string(), relationshipSchema),
});
export type Task = z.infer<typeof taskSchema>;

/** One page of an offset-paged list. */
function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ object: z.string(), data: z.array(item), totalCount: z.number() });
}

export const taskPageSchema = pageOf(taskSchema);
export type TaskPage = z.infer<typeof taskPageSchema>;

export const selectOptionSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string().nullish(),
});
export type SelectOption = z.infer<typeof selectOptionSchema>;

export const fieldDefinitionSchema = z.object({
  id: z.string().nullish(),
  label: z.string(),
  description: z.string().nullish(),
  /** A known `ValueType`, or a newer one this client shows read-only. */
  valueType: z.string(),
  readOnly: z.boolean().nullish(),
  typeConfiguration: z
    .object({
      currency: z.string().nullish(),
      handleService: z.string().nullish(),
      multipleValues: z.boolean().nullish(),
      options: z.array(selectOptionSchema).nullish(),
      unique: z.boolean().nullish(),
    })
    .nullish(),
});
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

export const relationshipDefinitionSchema = z.object({
  id: z.string().nullish(),
  label: z.string(),
  description: z.string().nullish(),
  cardinality: z.enum(['HAS_ONE', 'HAS_MANY']),
  objectType: z.string(),
  /** The name list filters use for this relationship (org-specific, e.g. `$task-account`). */
  slug: z.string().nullish(),
});
export type RelationshipDefinition = z.infer<typeof relationshipDefinitionSchema>;

export const taskDefinitionsSchema = z.object({
  objectType: z.string(),
  fieldDefinitions: z.record(z.string(), fieldDefinitionSchema),
  relationshipDefinitions: z.record(z.string(), relationshipDefinitionSchema),
});
export type TaskDefinitions = z.infer<typeof taskDefinitionsSchema>;

/** A member as documented: `$name`, `$email`, `$profileImage`, `$role` fields, and no relationships. */
export const memberSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  httpLink: z.string().nullish(),
  fields: z.record(z.string(), fieldSchema),
});
export type Member = z.infer<typeof memberSchema>;

export const memberPageSchema = pageOf(memberSchema);
export type MemberPage = z.infer<typeof memberPageSchema>;

export const keyInfoSchema = z.object({
  active: z.boolean(),
  scopes: z.array(z.string()),
  subjectType: z.enum(['user', 'workspace']),
  tokenType: z.string(),
});
export type KeyInfo = z.infer<typeof keyInfoSchema>;


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

export interface ListQuery {
  offset?: number;
  limit?: number;
  filters?: readonly ListFilter[];
}

const errorDetailsSchema = z.object({
  type: z.string(),
  message: z.string(),
  code: z.string().nullish(),
  param: z.string().nullish(),
});

/**
 * A Lightfield error body, in both printed shapes: wrapped, `{ "error": { type, message, code?, param? } }`
 * (errors page), and bare, `{ type, message }` (the idempotency and rate-limit pages' 409 and 429).
 */
export const errorBodySchema = z.union([
  z.object({ error: errorDetailsSchema }).transform((body) => body.error),
  errorDetailsSchema,
]);
