/** What a code-server run left in its logs: the extension's own timings, and errors in the extension host's log. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function logFiles(logs: string, pattern: RegExp): string[] {
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((path) => pattern.test(path))
    // Each window's logs are under a folder named by its start time: in the order the windows opened.
    .sort()
    .map((path) => join(logs, path));
}

/**
 * Errors the extension caused in the extension host's own log (which VS Code shows
 * to nobody): zod's navigator probe, or anything naming the extension. A tree
 * refresh VS Code itself cancels (the window reloading under it) is not one.
 */
export function extensionHostErrors(userDataDir: string): string[] {
  const files = logFiles(join(userDataDir, 'logs'), /exthost\d*[/\\]remoteexthost\.log$/);
  if (files.length === 0) return [`no extension host log in ${join(userDataDir, 'logs')}`];
  return files
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .filter((line) => /PendingMigrationError/.test(line) || (/\[error\]/.test(line) && /lightfield/i.test(line) && !/Unable to refresh tree view lightfield\.\w+: Canceled/.test(line)));
}

/** One task editor's readiness, as the extension logged it: from its page being set, from its page starting to load (in the page), and from the task being opened, in ms. */
export interface EditorReady {
  page: number;
  load: number;
  open: number;
  /** From the task being opened to its document read (the task, its linked records' names, its form). */
  read: number;
  /** The size of its page's HTML, in characters. */
  characters: number;
}

const EDITOR_READY = /Task editor webview ready in ([\d.]+) ms \(its page loaded in ([\d.]+) ms; ([\d.]+) ms since the task was opened; its document read in ([\d.]+) ms; its page (\d+) characters\)/g;

/** Each window's task editors, in the order they became ready (the first is the window's cold open); `logs` is a user data directory's logs folder. */
export function loggedEditorReadies(logs: string): EditorReady[][] {
  return logFiles(logs, /Lightfield Tasks\.log$/).map((file) =>
    [...readFileSync(file, 'utf8').matchAll(EDITOR_READY)].map((match) => ({ page: Number(match[1]), load: Number(match[2]), open: Number(match[3]), read: Number(match[4]), characters: Number(match[5]) })),
  );
}

/** Timings the extension logged in this run (`activate()`, the editor webview's ready), sorted; measured, never asserted. */
export function loggedTimes(userDataDir: string, pattern: RegExp): number[] {
  return logFiles(join(userDataDir, 'logs'), /Lightfield Tasks\.log$/)
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => Number(match[1])))
    .sort((a, b) => a - b);
}
