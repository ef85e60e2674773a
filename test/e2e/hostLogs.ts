/** What a code-server run left in its logs: the extension's own timings, and errors in the extension host's log. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function logFiles(userDataDir: string, pattern: RegExp): string[] {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((path) => pattern.test(path))
    .map((path) => join(logs, path));
}

/**
 * Errors the extension caused in the extension host's own log (which VS Code shows
 * to nobody): zod's navigator probe, or anything naming the extension. A tree
 * refresh VS Code itself cancels (the window reloading under it) is not one.
 */
export function extensionHostErrors(userDataDir: string): string[] {
  const files = logFiles(userDataDir, /exthost\d*[/\\]remoteexthost\.log$/);
  if (files.length === 0) return [`no extension host log in ${join(userDataDir, 'logs')}`];
  return files
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
    .filter((line) => /PendingMigrationError/.test(line) || (/\[error\]/.test(line) && /lightfield/i.test(line) && !/Unable to refresh tree view lightfield\.\w+: Canceled/.test(line)));
}

/** Timings the extension logged in this run (`activate()`, the editor webview's ready), sorted; measured, never asserted. */
export function loggedTimes(userDataDir: string, pattern: RegExp): number[] {
  return logFiles(userDataDir, /Lightfield Tasks\.log$/)
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => Number(match[1])))
    .sort((a, b) => a - b);
}
