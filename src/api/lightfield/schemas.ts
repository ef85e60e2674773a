import { z } from 'zod';

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
