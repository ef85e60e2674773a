import { z } from 'zod';

/** Every Lightfield error body: `{ "error": { type, message, code?, param? } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    type: z.string(),
    message: z.string(),
    code: z.string().nullish(),
    param: z.string().nullish(),
  }),
});
