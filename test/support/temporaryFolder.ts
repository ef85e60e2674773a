/**
 * Folders the tests and the bench make under the system's temporary folder, removed
 * when the process exits: a bench run's generated workspace alone is 400 MB, and
 * runs left them behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

function removeMade(): void {
  for (const path of made.splice(0)) {
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A child still writing into it (a browser's profile, say) keeps it; the system's cleaning takes it later.
    }
  }
}

/** A new folder `<tmp>/<prefix>XXXXXX`, gone once this process exits. */
export function temporaryFolder(prefix: string): string {
  if (made.length === 0) process.once('exit', removeMade);
  const path = mkdtempSync(join(tmpdir(), prefix));
  made.push(path);
  return path;
}
