/**
 * Finds the files that hold a TODO tag with VS Code's own ripgrep, the engine its
 * search (and Todo Tree) uses: it honours `.gitignore` files at every depth and
 * reads each file once, natively. No `vscode` here.
 */
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';

/** Where VS Code builds keep ripgrep under their app root: packed, unpacked from asar, or per platform. */
export function ripgrepCandidates(appRoot: string, platform: string = process.platform, arch: string = process.arch): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  return ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe),
    join(appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
  ]);
}

/** The first ripgrep that exists under `appRoot`, or undefined (the scan then reads files itself). */
export async function findRipgrep(appRoot: string): Promise<string | undefined> {
  for (const candidate of ripgrepCandidates(appRoot)) {
    if (await access(candidate).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

export interface RipgrepSearch {
  rg: string;
  /** The folder searched. */
  folder: string;
  /** The tags, matched as whole words. */
  tags: readonly string[];
  /** Glob patterns to leave out (`files.exclude`, `search.exclude`), as VS Code writes them. */
  exclude: readonly string[];
  /** At most this many files; the search stops there. */
  limit: number;
  /** Called with each file as ripgrep reports it, so reading can start before the search ends. */
  onFile?: (path: string) => void;
  signal?: AbortSignal;
}

/**
 * Absolute paths of the files under `folder` that hold a tag, ignored files left out.
 * Files ripgrep cannot read (a folder the user may not open, say) are left out, as
 * in VS Code's search; only an error ripgrep reports (a glob it cannot parse) fails.
 */
export function filesWithTags(search: RipgrepSearch): Promise<string[]> {
  // As VS Code's search: hidden files too, and .gitignore files honoured in a folder that is not a git repository as well.
  const args = ['--files-with-matches', '--no-messages', '--no-config', '--hidden', '--no-require-git', '--glob', '!.git', '--fixed-strings', '--word-regexp', '--max-filesize', '1M'];
  for (const tag of search.tags) args.push('-e', tag);
  for (const pattern of search.exclude) args.push('--glob', `!${pattern}`);
  args.push('--', '.');
  return new Promise((resolve, reject) => {
    const child = spawn(search.rg, args, { cwd: search.folder, signal: search.signal, stdio: ['ignore', 'pipe', 'pipe'] });
    const files: string[] = [];
    const found = (line: string) => {
      const path = join(search.folder, line);
      files.push(path);
      search.onFile?.(path);
    };
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line && files.length < search.limit) found(line);
      }
      if (files.length >= search.limit) child.kill();
    });
    // With --no-messages ripgrep says nothing of the files it could not read, only of errors that stop it.
    let said = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      said = (said + chunk).slice(0, 1_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (rest && files.length < search.limit) found(rest);
      const error = said.trim().split('\n')[0];
      // 1 is "no match"; 2 is "an error occurred", which with nothing said is a file it could not read.
      if (code === 0 || code === 1 || (code === 2 && !error) || files.length >= search.limit) resolve(files);
      else reject(new Error(`ripgrep exited with ${String(code)}${error ? `: ${error}` : ''}`));
    });
  });
}
