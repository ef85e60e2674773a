/**
 * Typed field values, the one vocabulary every service's fields are read into:
 * a value type and the value shape it carries. A service whose type is newer
 * than this client, or whose value does not match its type, yields an
 * `UnreadableField` instead of failing the task around it.
 */
import { array, pipe, boolean, discriminatedUnion, enum as zEnum, literal, looseObject, null as zNull, nullable, nullish, number, object, string, transform, union, unknown, type output } from 'zod/mini';

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
  // The newest spec: rich text the service renders; shown sanitised and read-only.
  'HTML',
] as const;
export const valueTypeSchema = zEnum(VALUE_TYPES);
export type ValueType = output<typeof valueTypeSchema>;

const optionalText = nullish(string());
const optionalNumber = nullish(number());

// Loose: an object value keeps every part it came with, those of a newer API included.
export const addressSchema = looseObject({
  street: optionalText,
  street2: optionalText,
  city: optionalText,
  state: optionalText,
  postalCode: optionalText,
  country: optionalText,
  latitude: optionalNumber,
  longitude: optionalNumber,
});
export type Address = output<typeof addressSchema>;

export const fullNameSchema = looseObject({
  firstName: optionalText,
  lastName: optionalText,
});
export type FullName = output<typeof fullNameSchema>;

const stringOrList = union([string(), array(string())]);

/** Each value type with the one value shape it carries on read (`null` when unset). */
const typedFieldSchema = discriminatedUnion('valueType', [
  /** A link to other objects (members, accounts, leads) by ID. */
  object({ valueType: literal('RELATIONSHIP'), value: array(string()) }),
  object({ valueType: literal('ADDRESS'), value: nullable(addressSchema) }),
  object({ valueType: literal('CHECKBOX'), value: nullable(boolean()) }),
  object({ valueType: literal('CURRENCY'), value: nullable(number()) }),
  object({ valueType: literal('DATETIME'), value: nullable(string()) }),
  object({ valueType: literal('EMAIL'), value: nullable(stringOrList) }),
  object({ valueType: literal('FULL_NAME'), value: nullable(fullNameSchema) }),
  object({ valueType: literal('MARKDOWN'), value: nullable(string()) }),
  object({ valueType: literal('MULTI_SELECT'), value: nullable(array(string())) }),
  object({ valueType: literal('NUMBER'), value: nullable(number()) }),
  object({ valueType: literal('SINGLE_SELECT'), value: nullable(string()) }),
  object({ valueType: literal('SOCIAL_HANDLE'), value: nullable(string()) }),
  object({ valueType: literal('TELEPHONE'), value: nullable(stringOrList) }),
  object({ valueType: literal('TEXT'), value: nullable(string()) }),
  object({ valueType: literal('URL'), value: nullable(string()) }),
  object({ valueType: literal('HTML'), value: nullable(string()) }),
]);
export type TypedField = output<typeof typedFieldSchema>;
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

const rawFieldSchema = object({ valueType: string(), value: unknown() });

export const fieldSchema = pipe(rawFieldSchema, transform((raw: output<typeof rawFieldSchema>): Field => {
  const typed = typedFieldSchema.safeParse(raw);
  if (typed.success) return typed.data;
  const known = (VALUE_TYPES as readonly string[]).includes(raw.valueType);
  const problem = known ? `not a ${raw.valueType} value (${typed.error.issues.map((issue) => issue.message).join('; ')})` : `value type ${raw.valueType} is newer than this extension`;
  return { valueType: raw.valueType, value: null, raw: JSON.stringify(raw.value) ?? 'null', problem };
}));

/** A field as stored in a snapshot: typed, or unreadable with what was wrong. */
export const storedFieldSchema = union([
  object({ valueType: string(), value: zNull(), raw: string(), problem: string() }),
  fieldSchema,
]);

/** A value as it is written: bare, `null` clears. */
export type WritableValue = Exclude<FieldValue, null> | null;
