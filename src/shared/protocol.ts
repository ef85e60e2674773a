/**
 * Messages between the task editor host and its webview, defined once for both
 * sides. The webview is untrusted input: the host parses every message it gets
 * with `webviewMessageSchema` (host side only, so zod stays out of the page) and
 * ignores anything else.
 */
import type { FormModel, FormOption, FormValue } from './form';
import type { output } from 'zod/mini';
import type { webviewMessageSchema } from '../editor/webviewMessages';

export type WebviewMessage = output<typeof webviewMessageSchema>;

/** The form, the values being edited, and errors to show at fields. */
export interface ShowMessage {
  type: 'show';
  model: FormModel;
  values: Record<string, FormValue>;
  errors: Record<string, string>;
  message?: string;
  /**
   * The service's newer version of what the page shows: what the user changed since the
   * page last rendered stays on top of it (an edit may be on its way to the host).
   */
  keepEdits?: boolean;
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
