/**
 * How text from a server or a file is put on each VS Code surface, so that it is
 * only ever text: never a link, a command, an icon, or a reversal of what is
 * around it. One function per surface; no `vscode` import, so the rules are
 * tested in plain Node.
 */
import { withoutBidiControls } from '../shared/bidi';

const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;
/** `$(name)` or `$(name~modifier)`, optionally already escaped with a backslash: what VS Code renders as an icon. */
const THEME_ICON = /(\\)?(\$\([a-z0-9-]+(?:~[a-z0-9-]+)?\))/gi;
/** Every ASCII punctuation character may be backslash-escaped in CommonMark. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

const TAB_TITLE_LENGTH = 60;
const STATUS_BAR_LENGTH = 32;

/** One line, no bidi controls: the base of every single-line surface. */
function singleLine(text: string): string {
  return withoutBidiControls(text).replace(LINE_BREAKS, ' ');
}

/**
 * Notifications and dialogs: VS Code turns `[label](command:…)`, `(https:…)` and
 * `(file:…)` into links there, with no escape syntax. A space between `]` and `(`
 * keeps the text readable and leaves nothing to click.
 */
export function notificationText(text: string): string {
  return singleLine(text).replace(/\]\(/g, '] (');
}

/**
 * Surfaces that render `$(icon)`: quick pick items, CodeLens titles, status bar
 * text. A backslash before `$(` shows it as written (and an existing backslash is
 * doubled, so it shows too).
 */
export function iconText(text: string): string {
  return singleLine(text).replace(THEME_ICON, (_match, escaped: string | undefined, icon: string) => `${escaped ?? ''}\\${icon}`);
}

/** Tree item labels and descriptions: plain text on one line (they render neither links nor icons). */
export function labelText(text: string): string {
  return singleLine(text);
}

/**
 * Text inside a `MarkdownString` (hovers, tooltips): every punctuation character
 * escaped, so no emphasis, link, autolink, HTML or heading comes of it. Use it in
 * strings that do not set `supportThemeIcons`, where `$(…)` is plain text anyway.
 */
export function markdownText(text: string): string {
  return withoutBidiControls(text).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/** One line of at most `length` characters, cut with an ellipsis. */
function shortLine(text: string, length: number): string {
  const line = singleLine(text).trim();
  return line.length > length ? `${line.slice(0, length - 1).trimEnd()}…` : line;
}

/** An editor tab's title: one line, short enough to leave room for other tabs. */
export function tabTitle(text: string): string {
  return shortLine(text, TAB_TITLE_LENGTH);
}

/** A status bar item's text: one short line, with no icon from the text (the status bar renders `$(…)`). */
export function statusBarText(text: string): string {
  return iconText(shortLine(text, STATUS_BAR_LENGTH));
}

/** A `command:` link target for our own Markdown, its arguments encoded so that no `(`, `)` or space can end it early. */
export function commandLinkTarget(command: string, args: unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${encoded}`;
}
