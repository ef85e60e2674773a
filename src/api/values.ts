/**
 * Typed field values, the one vocabulary every service's fields are read into:
 * a value type and the value shape it carries. A service whose type is newer
 * than this client, or whose value does not match its type, yields an
 * `UnreadableField` instead of failing the task around it.
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
  /** A link to other objects (members, accounts, leads) by ID. */
  z.object({ valueType: z.literal('RELATIONSHIP'), value: z.array(z.string()) }),
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

/** Whether this client can edit a value of this type (else it shows it read-only). */
export function isKnownValueType(valueType: string): boolean {
  return valueType === 'RELATIONSHIP' || (VALUE_TYPES as readonly string[]).includes(valueType);
}

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

/** A field as stored in a snapshot: typed, or unreadable with what was wrong. */
export const storedFieldSchema = z.union([
  z.object({ valueType: z.string(), value: z.null(), raw: z.string(), problem: z.string() }),
  fieldSchema,
]);

/** A value as it is written: bare, `null` clears. */
export type WritableValue = Exclude<FieldValue, null> | null;
