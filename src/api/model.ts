/**
 * The task model every provider speaks: an entity with typed field values and
 * relationship ID lists, described by a definitions document. It mirrors
 * Lightfield's wire shape because that shape already carries its own schema
 * (the definitions), which is what a second service needs to describe itself.
 */
import { z } from 'zod';

export const VALUE_TYPES = [
  'ADDRESS',
  'CHECKBOX',
  'CURRENCY',
  'DATETIME',
  'EMAIL',
  'FULL_NAME',
  'MARKDOWN',
  'MULTI_SELECT',
  'NUMBER',
  'SINGLE_SELECT',
  'SOCIAL_HANDLE',
  'TELEPHONE',
  'TEXT',
  'URL',
] as const;
export const valueTypeSchema = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof valueTypeSchema>;

export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

const optionalText = z.string().nullish();
const optionalNumber = z.number().nullish();

// Loose: an object value keeps every part it came with, those of a newer API included.
export const addressSchema = z.looseObject({
  street: optionalText,
  street2: optionalText,
  city: optionalText,
  state: optionalText,
  postalCode: optionalText,
  country: optionalText,
  latitude: optionalNumber,
  longitude: optionalNumber,
});
export type Address = z.infer<typeof addressSchema>;

export const fullNameSchema = z.looseObject({
  firstName: optionalText,
  lastName: optionalText,
});
export type FullName = z.infer<typeof fullNameSchema>;

const stringOrList = z.union([z.string(), z.array(z.string())]);

/** Each value type with the one value shape it carries on read (`null` when unset). */
const typedFieldSchema = z.discriminatedUnion('valueType', [
  z.object({ valueType: z.literal('ADDRESS'), value: addressSchema.nullable() }),
  z.object({ valueType: z.literal('CHECKBOX'), value: z.boolean().nullable() }),
  z.object({ valueType: z.literal('CURRENCY'), value: z.number().nullable() }),
  z.object({ valueType: z.literal('DATETIME'), value: z.string().nullable() }),
  z.object({ valueType: z.literal('EMAIL'), value: stringOrList.nullable() }),
  z.object({ valueType: z.literal('FULL_NAME'), value: fullNameSchema.nullable() }),
  z.object({ valueType: z.literal('MARKDOWN'), value: z.string().nullable() }),
  z.object({ valueType: z.literal('MULTI_SELECT'), value: z.array(z.string()).nullable() }),
  z.object({ valueType: z.literal('NUMBER'), value: z.number().nullable() }),
  z.object({ valueType: z.literal('SINGLE_SELECT'), value: z.string().nullable() }),
  z.object({ valueType: z.literal('SOCIAL_HANDLE'), value: z.string().nullable() }),
  z.object({ valueType: z.literal('TELEPHONE'), value: stringOrList.nullable() }),
  z.object({ valueType: z.literal('TEXT'), value: z.string().nullable() }),
  z.object({ valueType: z.literal('URL'), value: z.string().nullable() }),
]);
export type TypedField = z.infer<typeof typedFieldSchema>;
export type FieldValue = TypedField['value'];

/**
 * A field the client cannot read as its type says: a value type newer than this
 * client, or a value of the wrong shape for its type. It never fails the task or
 * the page around it; it shows read-only with its raw value, and `problem` names
 * what was wrong (the provider logs it with the field's path).
 */
export interface UnreadableField {
  valueType: string;
  value: null;
  /** The value as the service sent it, as JSON. */
  raw: string;
  problem: string;
}

export type Field = TypedField | UnreadableField;

export function isUnreadable(field: Field | undefined): field is UnreadableField {
  return field !== undefined && 'problem' in field;
}

export const fieldSchema = z.object({ valueType: z.string(), value: z.unknown() }).transform((raw): Field => {
  const typed = typedFieldSchema.safeParse(raw);
  if (typed.success) return typed.data;
  const known = (VALUE_TYPES as readonly string[]).includes(raw.valueType);
  const problem = known ? `not a ${raw.valueType} value (${typed.error.issues.map((issue) => issue.message).join('; ')})` : `value type ${raw.valueType} is newer than this extension`;
  return { valueType: raw.valueType, value: null, raw: JSON.stringify(raw.value) ?? 'null', problem };
});

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

/** A value as it is written: bare, `null` clears. */
export type WritableValue = Exclude<FieldValue, null> | null;

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
