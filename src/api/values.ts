/**
 * Typed field values, the one vocabulary every service's fields are read into:
 * a value type and the value shape it carries. A service whose type is newer
 * than this client, or whose value does not match its type, yields an
 * `UnreadableField` instead of failing the task around it.
 */
import { array, pipe, boolean, enum as zEnum, looseObject, null as zNull, nullable, nullish, number, object, string, transform, union, unknown, type output } from 'zod/mini';

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

/**
 * Each value type with the one value shape it carries on read (`null` when unset). A field is
 * read by its type's schema alone: a page holds some twenty fields a task, and a union of
 * sixteen object schemas cost as much again per field.
 */
const VALUE_SCHEMAS = {
  /** A link to other objects (members, accounts, leads) by ID. */
  RELATIONSHIP: array(string()),
  ADDRESS: nullable(addressSchema),
  CHECKBOX: nullable(boolean()),
  CURRENCY: nullable(number()),
  DATETIME: nullable(string()),
  EMAIL: nullable(stringOrList),
  FULL_NAME: nullable(fullNameSchema),
  MARKDOWN: nullable(string()),
  MULTI_SELECT: nullable(array(string())),
  NUMBER: nullable(number()),
  SINGLE_SELECT: nullable(string()),
  SOCIAL_HANDLE: nullable(string()),
  TELEPHONE: nullable(stringOrList),
  TEXT: nullable(string()),
  URL: nullable(string()),
  HTML: nullable(string()),
};
type ValueSchemas = typeof VALUE_SCHEMAS;
export type TypedField = { [Type in keyof ValueSchemas]: { valueType: Type; value: output<ValueSchemas[Type]> } }[keyof ValueSchemas];
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
  const schema = Object.hasOwn(VALUE_SCHEMAS, raw.valueType) ? VALUE_SCHEMAS[raw.valueType as keyof ValueSchemas] : undefined;
  const typed = schema?.safeParse(raw.value);
  // The value passed its own type's schema: the pair is that type's.
  if (typed?.success) return { valueType: raw.valueType, value: typed.data } as TypedField;
  const problem = typed ? `not a ${raw.valueType} value (${typed.error.issues.map((issue) => issue.message).join('; ')})` : `value type ${raw.valueType} is newer than this extension`;
  return { valueType: raw.valueType, value: null, raw: JSON.stringify(raw.value) ?? 'null', problem };
}));

/** A field as stored in a snapshot: typed, or unreadable with what was wrong. */
export const storedFieldSchema = union([
  object({ valueType: string(), value: zNull(), raw: string(), problem: string() }),
  fieldSchema,
]);

/** A value as it is written: bare, `null` clears. */
export type WritableValue = Exclude<FieldValue, null> | null;
