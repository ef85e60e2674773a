/**
 * Messages between the task editor host and its webview, defined once for both
 * sides. The webview is untrusted input: the host parses every message it gets
 * with `webviewMessageSchema` and ignores anything else.
 */
import { array, boolean, discriminatedUnion, int, literal, maxLength, null as zNull, number, object, record, string, union, type ZodMiniType, type output } from 'zod/mini';
import type { FormModel, FormOption, FormValue } from './form';

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

export type WebviewMessage = output<typeof webviewMessageSchema>;

/** The form, the values being edited, and errors to show at fields. */
export interface ShowMessage {
  type: 'show';
  model: FormModel;
  values: Record<string, FormValue>;
  errors: Record<string, string>;
  message?: string;
}

export type HostMessage =
  | ShowMessage
  /** Answers a `save`: whether it went through, and what to show if not. */
  | { type: 'saveResult'; requestId: number; ok: boolean; errors: Record<string, string>; message?: string }
  /** Answers a `search`: the records found, as options of that field. */
  | { type: 'searchResult'; requestId: number; key: string; options: FormOption[] };

/** The page's JSON data block that holds the form's first state (a `show` message). */
export const FIRST_STATE_ID = 'first-state';
/** The page's JSON data block with VS Code's translations of the extension's strings, where the display language has them. */
export const L10N_BUNDLE_ID = 'l10n-bundle';

/** The state the webview keeps with `setState`, so a hidden panel comes back as it was. */
export interface WebviewState {
  values: Record<string, FormValue>;
}
