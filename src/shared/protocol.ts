/**
 * Messages between the task editor host and its webview, defined once for both
 * sides. The webview is untrusted input: the host parses every message it gets
 * with `webviewMessageSchema` and ignores anything else.
 */
import { z } from 'zod';
import type { FormModel, FormValue } from './form';

const formValueSchema: z.ZodType<FormValue> = z.union([
  z.string().max(100_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(10_000)).max(100),
  z.record(z.string().max(50), z.union([z.string().max(10_000), z.number(), z.null()])),
  z.null(),
]);

const valuesSchema = z.record(z.string().max(200), formValueSchema);

export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('edit'), values: valuesSchema }),
  z.object({ type: z.literal('save'), requestId: z.number().int() }),
  z.object({ type: z.literal('openLink'), url: z.string().max(4_000) }),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

export type HostMessage =
  /** The form, the values being edited, and errors to show at fields. */
  | { type: 'show'; model: FormModel; values: Record<string, FormValue>; errors: Record<string, string>; message?: string }
  /** Answers a `save`: whether it went through, and what to show if not. */
  | { type: 'saveResult'; requestId: number; ok: boolean; errors: Record<string, string>; message?: string };

/** The state the webview keeps with `setState`, so a hidden panel comes back as it was. */
export interface WebviewState {
  values: Record<string, FormValue>;
}
