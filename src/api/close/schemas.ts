/** Close's wire format, parsed at the edge; only this folder sees it. */
import { z } from 'zod';

const optionalText = z.string().nullish();

/** A task as resources/tasks lists its properties; extra properties are ignored. */
export const closeTaskSchema = z.object({
  id: z.string(),
  _type: z.string(),
  text: z.string().nullish(),
  lead_id: optionalText,
  lead_name: optionalText,
  assigned_to: optionalText,
  assigned_to_name: optionalText,
  /** A date (`2026-11-25`) or a date-time. */
  date: optionalText,
  is_complete: z.boolean(),
  is_dateless: z.boolean().nullish(),
  priority: optionalText,
  resolution: optionalText,
  date_created: z.string(),
  date_updated: optionalText,
});
export type CloseTask = z.infer<typeof closeTaskSchema>;

/** Close pages say whether there is more, never how many. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean() });
}

export const closeUserSchema = z.object({
  id: z.string(),
  first_name: optionalText,
  last_name: optionalText,
  email: optionalText,
});
export type CloseUser = z.infer<typeof closeUserSchema>;

export const closeLeadSchema = z.object({ id: z.string(), display_name: optionalText, name: optionalText });

/** An update answers 200 with an empty body in the seed; a full task where a server sends one. */
export const updateAnswerSchema = z.union([closeTaskSchema, z.looseObject({})]);

/**
 * Close's error body: a message in `error` (a string, or an object in some answers) and
 * per-field messages in `field-errors`; a 429's deprecated `rate_reset` in seconds.
 */
export const closeErrorSchema = z.object({
  error: z.union([z.string(), z.looseObject({ message: z.string().optional() })]).nullish(),
  'field-errors': z.record(z.string(), z.union([z.string(), z.array(z.string())])).nullish(),
  rate_reset: z.number().nullish(),
});
