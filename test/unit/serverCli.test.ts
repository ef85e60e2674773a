import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');

/** Starts `npm run server -- ARGS` (without npm's own banner) and returns its first two lines. */
async function banner(args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'server', 'cli.ts'), '--port', '0', '--tasks', '5', ...args], { cwd: ROOT });
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout });
  for await (const line of reader) {
    lines.push(line);
    if (lines.length === 2) break;
  }
  child.kill('SIGTERM');
  await once(child, 'exit');
  return lines;
}

describe('the local server\'s command line', () => {
  it('prints the listening line first', async () => {
    const [first] = await banner([]);
    assert.match(first, /^Lightfield-compatible server listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('with --service close, starts the Close-compatible server and says so first', async () => {
    const [first] = await banner(['--service', 'close']);
    assert.match(first, /^Close-compatible server listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('prints the demo\'s documented key, and never a key given with --key', async () => {
    assert.match((await banner([])).join('\n'), /sk_lf_local/);
    const lines = await banner(['--key', 'sk_lf_a_real_secret_1234']);
    assert.doesNotMatch(lines.join('\n'), /sk_lf_a_real_secret_1234/);
  });
});
