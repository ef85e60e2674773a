/** Close's wire format, parsed at the edge; only this folder sees it. */
import { array, boolean, looseObject, nullish, number, object, optional, string, union, unknown, type ZodMiniType, type output } from 'zod/mini';

const optionalText = nullish(string());

/** A task as resources/tasks lists its properties; extra properties are ignored. */
export const closeTaskSchema = object({
  id: string(),
  _type: string(),
  text: nullish(string()),
  organization_id: optionalText,
  lead_id: optionalText,
  lead_name: optionalText,
  assigned_to: optionalText,
  assigned_to_name: optionalText,
  /** A date (`2026-11-25`) or a date-time. */
  date: optionalText,
  is_complete: boolean(),
  is_dateless: nullish(boolean()),
  priority: optionalText,
  resolution: optionalText,
  date_created: string(),
  date_updated: optionalText,
  // What the other task types carry instead of `text`.
  subject: optionalText,
  phone: optionalText,
  remote_phone: optionalText,
  contact_name: optionalText,
  object_type: optionalText,
});
export type CloseTask = output<typeof closeTaskSchema>;

/** Close pages say whether there is more, never how many. */
export function pageOf<T extends ZodMiniType>(item: T) {
  return object({ data: array(item), has_more: boolean() });
}

export const closeUserSchema = object({
  id: string(),
  first_name: optionalText,
  last_name: optionalText,
  email: optionalText,
});
export type CloseUser = output<typeof closeUserSchema>;

export const closeLeadSchema = object({ id: string(), display_name: optionalText, name: optionalText, html_url: optionalText });

/** `GET /me/`: the user, with the organisations they belong to. */
export const closeMeSchema = object({ ...closeUserSchema.def.shape, organizations: nullish(array(object({ id: string() }))) });

/** `GET /organization/{id}/`: its active members (those who left are in `inactive_memberships`). */
export const closeOrganizationSchema = object({ id: string(), memberships: array(object({ user_id: string() })) });

/** An Advanced Filtering answer: the records found, with the `_fields` asked for. */
export const closeSearchSchema = object({ data: array(closeLeadSchema) });

/** An update answers 200 with an empty body in the seed; a full task where a server sends one. */
export const updateAnswerSchema = union([closeTaskSchema, looseObject({})]);

/**
 * Close's error body: a message in `error` (a string, or an object, where the old 429
 * kept `rate_reset`), an `errors` list, and per-field messages in `field-errors`,
 * whose values may be lists or nest (`{"contacts": {"errors": {"0": {"field-errors": {...}}}}}`);
 * read loosely, since any part may be missing.
 */
export const closeErrorSchema = looseObject({
  error: optional(unknown()),
  errors: optional(unknown()),
  'field-errors': optional(unknown()),
  rate_reset: nullish(number()),
});
