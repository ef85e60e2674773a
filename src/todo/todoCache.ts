/**
 * What the TODO scan found in each file it read from disk, by path, with the file's
 * modification time and size: a file unchanged since is neither read nor lexed
 * again, in this window's rescans (sign-in teaches the view the service's ID shape,
 * and it rescans) and, saved in the workspace's storage, in the workspace's next
 * window. Git's index trusts a file's stat the same way. No `vscode` here.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { array, boolean, number, object, optional, record, string, type ZodMiniType } from 'zod/mini';
import type { TodoComment } from './detect';

/** A file's stat, as the cache compares it. */
export interface FileStat {
  path: string;
  mtimeMs: number;
  size: number;
}

/**
 * A file written this close to its read may be written again within the clock's
 * granularity with the same size and the same time: such a file is read again.
 */
const SETTLED_MS = 2_000;

const todoSchema: ZodMiniType<TodoComment> = object({
  line: number(),
  endLine: number(),
  tag: string(),
  tagStart: number(),
  tagEnd: number(),
  text: string(),
  reference: optional(string()),
  openerStart: optional(number()),
  closerEnd: optional(number()),
  lineComment: boolean(),
});

const savedSchema = object({
  key: string(),
  files: record(string(), object({ mtimeMs: number(), size: number(), todos: array(todoSchema) })),
});

type Entry = { mtimeMs: number; size: number; todos: TodoComment[] };

export class TodoCache {
  private files = new Map<string, Entry>();
  private key = '';
  /** The paths the latest scan asked for: only those are saved. */
  private asked = new Set<string>();
  private loaded: Promise<void> | undefined;
  private saving = Promise.resolve();

  constructor(
    /** The file it is saved in, or undefined to keep it for this window only. */
    private readonly savedAt: string | undefined,
    /** Says what could not be read back or written. */
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * Starts a scan under `key` (what the TODOs found depend on besides the text: the
   * tags, the reference format, the extension's version): what was found under
   * another key is dropped. The saved cache is read the first time.
   */
  async beginScan(key: string): Promise<void> {
    await (this.loaded ??= this.load());
    if (key !== this.key) this.files.clear();
    this.key = key;
    this.asked = new Set();
  }

  /** The TODOs found in the file when it last had this stat, if it has not changed since. */
  lookup(file: FileStat): TodoComment[] | undefined {
    this.asked.add(file.path);
    const entry = this.files.get(file.path);
    return entry && entry.mtimeMs === file.mtimeMs && entry.size === file.size ? entry.todos : undefined;
  }

  /** Keeps the TODOs read from the file with this stat; one written in the last moments is not kept. */
  remember(file: FileStat, todos: TodoComment[], readAt: number = Date.now()): void {
    this.asked.add(file.path);
    if (readAt - file.mtimeMs < SETTLED_MS) this.files.delete(file.path);
    else this.files.set(file.path, { mtimeMs: file.mtimeMs, size: file.size, todos });
  }

  /** Forgets every file, those saved by an earlier window too: the next scan reads every file, as a workspace's first one. */
  clear(): void {
    this.loaded = Promise.resolve();
    this.files.clear();
  }

  /** Drops a file that changed or went: the next scan reads it. */
  forget(path: string): void {
    this.files.delete(path);
  }

  /** Saves what the latest scan asked for, and drops the rest (files that lost their tags, or went). */
  save(): Promise<void> {
    for (const path of this.files.keys()) if (!this.asked.has(path)) this.files.delete(path);
    const savedAt = this.savedAt;
    if (!savedAt) return Promise.resolve();
    const text = JSON.stringify({ key: this.key, files: Object.fromEntries(this.files) });
    // One save at a time, each written beside the file and then renamed over it: a window closed mid-write, or two
    // scans ending together, never leave half a file.
    this.saving = this.saving.then(async () => {
      try {
        await mkdir(dirname(savedAt), { recursive: true });
        await writeFile(`${savedAt}.new`, text);
        await rename(`${savedAt}.new`, savedAt);
      } catch (error) {
        this.warn(`The TODO view could not save what it found (${String(error)}); the next window reads every file again.`);
      }
    });
    return this.saving;
  }

  private async load(): Promise<void> {
    if (!this.savedAt) return;
    let text: string;
    try {
      text = await readFile(this.savedAt, 'utf8');
    } catch {
      // Nothing saved yet.
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const saved = savedSchema.safeParse(json);
    if (!saved.success) {
      this.warn('The TODO view\'s saved findings could not be read; it reads every file again.');
      return;
    }
    this.key = saved.data.key;
    this.files = new Map(Object.entries(saved.data.files));
  }
}
