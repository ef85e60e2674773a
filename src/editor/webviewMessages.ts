/**
 * What the task editor's webview may send, as the host parses it: the page is
 * untrusted input, so anything else is ignored. Host side only: the page has the
 * types (`WebviewMessage` in shared/protocol) without zod.
 */
import { array, boolean, discriminatedUnion, int, literal, maxLength, null as zNull, number, object, record, string, union, type ZodMiniType } from 'zod/mini';
import type { FormValue } from '../shared/form';

const formValueSchema: ZodMiniType<FormValue> = union([
  string().check(maxLength(100_000)),
  number(),
  boolean(),
  array(string().check(maxLength(10_000))).check(maxLength(100)),
  record(string().check(maxLength(50)), union([string().check(maxLength(10_000)), number(), zNull()])),
  zNull(),
]);

const valuesSchema = record(string().check(maxLength(200)), formValueSchema);

export const webviewMessageSchema = discriminatedUnion('type', [
  /** The form is usable; `pageMs` after the page began to load (the host logs it). */
  object({ type: literal('ready'), pageMs: number() }),
  object({ type: literal('edit'), values: valuesSchema }),
  object({ type: literal('save'), requestId: int() }),
  object({ type: literal('openLink'), url: string().check(maxLength(4_000)) }),
  /** Finds records by name for a searchable field (accounts, say); answered by `searchResult`. */
  object({ type: literal('search'), requestId: int(), key: string().check(maxLength(200)), text: string().check(maxLength(200)) }),
]);
