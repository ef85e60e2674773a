/**
 * The TODO rows of the bench: the view's scan (VS Code's ripgrep finds the files
 * with a tag, and each is read as the view reads it and lexed as it is found, 16
 * at a time) against ripgrep alone over the same files, and against reading and
 * lexing every file (the scan without ripgrep), on a generated workspace or a
 * given folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { dirname, join } from 'node:path';
import { boundedRunner, mapConcurrently } from '../../src/api/paging';
import { languageForPath, syntaxFor } from '../../src/todo/commentSyntax';
import { findTodos, textLines } from '../../src/todo/detect';
import { readDiskText } from '../../src/todo/diskText';
import { filesWithTags, type RipgrepSearch } from '../../src/todo/ripgrep';
import { temporaryFolder } from '../support/temporaryFolder';

const TAGS = ['TODO', 'FIXME', 'HACK', 'XXX'];
const EXCLUDE = ['**/.git', '**/node_modules'];

/** A workspace of `files` source files, one in twenty with a TODO, and a node_modules of dependencies. */
export function generateWorkspace(files: number, dependencies: number): string {
  const root = temporaryFolder('lf-todo-bench-');
  const body = Array.from({ length: 120 }, (_, i) => `export const value${i} = compute(${i}, \`x \${${i}}\`); // step ${i}`).join('\n');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (let i = 0; i < files; i++) write(`src/m${i % 40}/file${i}.ts`, `${body}\n${i % 20 === 0 ? `// TODO: item ${i}\n` : ''}`);
  for (let i = 0; i < dependencies; i++) write(`node_modules/dep${i % 100}/index${i}.js`, `${body}\n// TODO: a dependency's own\n`);
  return root;
}

/** Every file of the workspace (excludes applied), as the JS scan lists them. */
function allFiles(rg: string, root: string): string[] {
  const args = ['--files', '--hidden', '--no-require-git', ...EXCLUDE.flatMap((pattern) => ['--glob', `!${pattern}`]), '.'];
  return execFileSync(rg, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean).map((line) => join(root, line));
}

/** The TODOs in one file, as the view reads it. */
async function lexFile(path: string): Promise<number> {
  const language = languageForPath(path);
  if (!language) return 0;
  const text = await readDiskText(path, 1_000_000);
  if (text === undefined) return 0;
  return findTodos(textLines(text), syntaxFor(language), { tags: TAGS }).length;
}

async function lex(paths: string[]): Promise<number> {
  return (await mapConcurrently(paths, 16, lexFile)).reduce((sum, count) => sum + count, 0);
}

/** As the view scans: each file read, 16 at a time, as ripgrep reports it. */
async function scanAsFound(search: Omit<RipgrepSearch, 'onFile'>): Promise<number> {
  const run = boundedRunner(16);
  const reads: Promise<void>[] = [];
  const counts: number[] = [];
  await filesWithTags({ ...search, onFile: (path) => reads.push(run(async () => void counts.push(await lexFile(path)))) });
  await Promise.all(reads);
  return counts.reduce((sum, count) => sum + count, 0);
}

export interface ScanRuns {
  /** Files in the workspace, excludes applied. */
  files: number;
  /** The view's scan; resolves with the TODOs found. */
  scan: () => Promise<number>;
  /** The scan without ripgrep: every file read and lexed. */
  readEverything: () => Promise<number>;
  /** ripgrep alone, the same search: the baseline. */
  ripgrepOnly: () => Promise<number>;
  /** The files ripgrep finds, read into memory: `lexOnly` then times the lexing of their text alone. */
  readFound: () => Promise<{ bytes: number; lexOnly: () => number }>;
}

export function todoScan(rg: string, root: string): ScanRuns {
  const files = allFiles(rg, root);
  const search = { rg, folder: root, tags: TAGS, exclude: EXCLUDE, limit: 5_000 };
  const withTags = () => filesWithTags(search);
  return {
    files: files.length,
    scan: () => scanAsFound(search),
    readEverything: () => lex(files),
    ripgrepOnly: async () => (await withTags()).length,
    readFound: async () => inMemory(await withTags()),
  };
}

/** The files' text read into memory: `lexOnly` then lexes it as the view does, to time the lexing alone. */
export async function inMemory(paths: string[], tags: readonly string[] = TAGS): Promise<{ bytes: number; lexOnly: () => number }> {
  const texts = await Promise.all(paths.map(async (path) => ({ language: languageForPath(path), text: await readFile(path, 'utf8') })));
  return {
    bytes: texts.reduce((sum, { text }) => sum + text.length, 0),
    lexOnly: () => texts.reduce((sum, { language, text }) => sum + (language ? findTodos(textLines(text), syntaxFor(language), { tags }).length : 0), 0),
  };
}
