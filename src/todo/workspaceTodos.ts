/**
 * The TODO view's knowledge of the workspace: its untracked TODOs by file. The first
 * scan runs when the view is first shown (this module loads then); after that only
 * changed files are read again (file watcher, and unsaved edits of open documents).
 */
import type { Ignore } from 'ignore';
import * as vscode from 'vscode';
import { Views } from '../constants';
import { onFirstUse } from '../lazy';
import { boundedRunner } from '../api/paging';
import { isPrefixedTaskId } from '../api/taskIds';
import { type CommentSyntax, languageForPath, syntaxFor } from './commentSyntax';
import { type DetectOptions, findTodos, type TodoComment, textLines } from './detect';
import { diskFile, readDiskText, textOf } from './diskText';
import type { DocumentTodos } from './documentTodos';
import { filesWithTags, findRipgrep } from './ripgrep';
import { TodoCache } from './todoCache';
import { Disposable } from '../lifecycle';

/** The .gitignore matcher, loaded with the view's first scan. */
const gitignoreMatcher = onFirstUse(async () => (await import('ignore')).default);

/** The files read at most, counted after ignored and excluded ones are left out. */
const MAX_FILES = 5_000;
const MAX_FILE_BYTES = 1_000_000;
/** Files read at once: enough to keep the disk busy, few enough to keep memory flat. */
const READ_CONCURRENCY = 16;

/**
 * A file's text, or undefined when it is not a file or is too large. Files on disk
 * are read with Node's own fs, in this process; `vscode.workspace.fs` (every other
 * scheme) costs a round trip through the workbench per call.
 */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme === 'file') return readDiskText(uri.fsPath, MAX_FILE_BYTES);
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type !== vscode.FileType.File || stat.size > MAX_FILE_BYTES) return undefined;
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The open documents by their URI's string. */
function openDocumentsByUri(): Map<string, vscode.TextDocument> {
  return new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
}

/** What the user keeps out of searches: `files.exclude` and `search.exclude` (which leaves out `node_modules` by default). */
export function excludedGlobs(): string[] {
  const enabled = (section: string) =>
    Object.entries(vscode.workspace.getConfiguration(section).get<Record<string, unknown>>('exclude') ?? {})
      .filter(([, on]) => on === true)
      .map(([pattern]) => pattern);
  return [...new Set([...enabled('files'), ...enabled('search')])];
}

/** Where what the scan found is kept between windows, and what it was found with. */
export interface SavedScan {
  /** The file, or undefined (no workspace storage): kept for the window only. */
  file: string | undefined;
  /** The extension's version: another one may lex differently. */
  version: string;
}

export class WorkspaceTodos extends Disposable {
  private readonly found = new Map<string, { uri: vscode.Uri; todos: TodoComment[] }>();
  private readonly ignores = new Map<string, Ignore>();
  /** Each folder's own .gitignore (undefined when it has none), read once per scan, for files that change later. */
  private readonly gitignores = new Map<string, Promise<Ignore | undefined>>();
  private scanned: Promise<void> | undefined;
  private watching = false;
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private ripgrep: Promise<string | undefined> | undefined;
  private readonly cache: TodoCache;
  /** Files the latest scan read from disk, not known unchanged. */
  private readFromDisk = 0;

  constructor(
    private readonly documentTodos: DocumentTodos,
    private readonly options: () => DetectOptions,
    private readonly log: vscode.LogOutputChannel,
    /** Says the view's content changed. */
    private readonly changed: () => void,
    private readonly saved: SavedScan,
  ) {
    super();
    this.cache = new TodoCache(saved.file, (message) => this.log.warn(message));
    this.register(
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (this.scanned) this.later(document.uri, () => Promise.resolve(this.readDocument(document)));
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.scanned && (event.affectsConfiguration('files.exclude') || event.affectsConfiguration('search.exclude'))) this.rescan();
      }),
    );
  }

  /** Watches the whole workspace only once the view was first shown: before, nothing needs keeping up to date. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidCreate((uri) => this.changedOnDisk(uri)));
    this.register(watcher.onDidChange((uri) => this.changedOnDisk(uri)));
    this.register(watcher.onDidDelete((uri) => this.forget(uri)));
    // What the watcher says changed is read again by the next scan, whatever its stat says.
    for (const event of [watcher.onDidCreate, watcher.onDidChange, watcher.onDidDelete]) this.register(event((uri) => this.cache.forget(uri.fsPath)));
  }

  private changedOnDisk(uri: vscode.Uri): void {
    // Until the view was first shown there is nothing to keep up to date.
    if (!this.scanned) return;
    // A changed .gitignore changes which files count: scan again.
    if (uri.path.endsWith('/.gitignore')) this.rescan();
    else this.later(uri, async () => (await this.keptOut(uri)) ? this.forget(uri) : this.readFile(uri));
  }

  /** Rescans with nothing found before, every file read: as a workspace's first scan (what the bench's first-scan row times). */
  rescanFromScratch(): void {
    this.cache.clear();
    this.rescan();
  }

  /** Rescans everything, as after the tags changed; files unchanged since they were read are not read again. */
  rescan(): void {
    this.found.clear();
    this.gitignores.clear();
    this.scanned = undefined;
    this.changed();
  }

  /** The files with TODOs, in path order, once the scan (the latest one asked for) has ended. */
  async files(): Promise<vscode.Uri[]> {
    // A rescan asked for while a scan runs (a .gitignore written meanwhile, say) replaces it: answer from the latest.
    let scanned: Promise<void>;
    do {
      scanned = this.scanned ??= Promise.resolve(vscode.window.withProgress({ location: { viewId: Views.todos } }, () => this.scan()));
      await scanned;
    } while (scanned !== this.scanned);
    return [...this.found.values()]
      .filter((file) => file.todos.length > 0)
      .map((file) => file.uri)
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  todosOf(uri: vscode.Uri): TodoComment[] {
    return this.found.get(uri.toString())?.todos ?? [];
  }

  private async scan(): Promise<void> {
    const started = performance.now();
    this.watch();
    const { tags, reference } = this.options();
    await this.cache.beginScan(JSON.stringify([this.saved.version, tags, reference?.format]));
    this.readFromDisk = 0;
    // ripgrep honours the .gitignore files itself: only the scan without it, and the watcher, wait for them.
    const ignoresLoaded = Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.loadIgnore(folder)));
    // Files are read as the search reports them, not after it has ended.
    const run = boundedRunner(READ_CONCURRENCY);
    const reads: Promise<void>[] = [];
    // Looked up once for the scan, not once per file.
    const openDocuments = openDocumentsByUri();
    const how = await this.candidates((uri) => reads.push(run(() => this.readFile(uri, false, openDocuments))), ignoresLoaded);
    await Promise.all([...reads, ignoresLoaded]);
    this.log.info(`TODO scan: ${reads.length} files (${how}; ${this.readFromDisk} read, the rest unchanged since they were), ${this.found.size} with TODOs, in ${(performance.now() - started).toFixed(1)} ms`);
    // The view answers now; the findings are written behind it.
    void this.cache.save();
  }

  /**
   * Hands each file to read to `onFile`: with VS Code's ripgrep, only those holding
   * a tag (every `.gitignore` honoured), as it finds them; without it, every file,
   * the root `.gitignore` applied.
   * Either way the excludes apply before the cap, so dependencies never crowd out
   * the user's own files.
   */
  private async candidates(onFile: (uri: vscode.Uri) => void, ignoresLoaded: Promise<unknown>): Promise<'found by ripgrep' | 'every file'> {
    const exclude = excludedGlobs();
    const folders = vscode.workspace.workspaceFolders ?? [];
    // VS Code's ripgrep stays where it is for the session: looked up once.
    this.ripgrep ??= findRipgrep(vscode.env.appRoot);
    const rg = folders.length > 0 && folders.every((folder) => folder.uri.scheme === 'file') ? await this.ripgrep : undefined;
    if (rg) {
      try {
        const { tags } = this.options();
        let left = MAX_FILES;
        const take = (path: string) => {
          if (left-- > 0) onFile(vscode.Uri.file(path));
        };
        await Promise.all(folders.map((folder) => filesWithTags({ rg, folder: folder.uri.fsPath, tags, exclude, limit: MAX_FILES, onFile: take })));
        return 'found by ripgrep';
      } catch (error) {
        this.log.warn(`ripgrep would not run (${String(error)}): the TODO scan reads every file instead.`);
      }
    }
    await ignoresLoaded;
    const all = await vscode.workspace.findFiles('**/*', exclude.length > 0 ? `{${exclude.join(',')}}` : undefined);
    for (const uri of all.filter((file) => !this.ignored(file)).slice(0, MAX_FILES)) onFile(uri);
    return 'every file';
  }

  private async loadIgnore(folder: vscode.WorkspaceFolder): Promise<void> {
    // No .gitignore: only the excludes apply.
    const [rules, ignore] = await Promise.all([readText(vscode.Uri.joinPath(folder.uri, '.gitignore')).catch(() => undefined), gitignoreMatcher()]);
    this.ignores.set(folder.uri.toString(), ignore().add('.git').add(rules ?? ''));
  }

  /**
   * Whether a file that changed after the scan is one the scan leaves out: excluded
   * by `files.exclude` or `search.exclude`, or ignored by a .gitignore at any depth.
   */
  private async keptOut(uri: vscode.Uri): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || this.ignored(uri)) return true;
    const relative = vscode.workspace.asRelativePath(uri, false);
    const exclude = excludedGlobs();
    if (exclude.length > 0 && (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, relative), `{${exclude.join(',')}}`, 1)).length === 0) return true;
    const parts = relative.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const matcher = await this.gitignoreOf(folder, parts.slice(0, depth).join('/'));
      if (matcher?.ignores(parts.slice(depth).join('/'))) return true;
    }
    return false;
  }

  private gitignoreOf(folder: vscode.WorkspaceFolder, directory: string): Promise<Ignore | undefined> {
    const key = `${folder.uri.toString()}/${directory}`;
    let read = this.gitignores.get(key);
    if (!read) {
      const uri = vscode.Uri.joinPath(folder.uri, directory, '.gitignore');
      read = Promise.all([readText(uri), gitignoreMatcher()]).then(
        ([rules, ignore]) => (rules === undefined ? undefined : ignore().add(rules)),
        () => undefined,
      );
      this.gitignores.set(key, read);
    }
    return read;
  }

  private ignored(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return true;
    const relative = vscode.workspace.asRelativePath(uri, false);
    return this.ignores.get(folder.uri.toString())?.ignores(relative) ?? false;
  }

  /** Reads a file (an open document's own text if it is open); ignored files never get here: the scan's and the watcher's rules leave them out first. */
  private async readFile(uri: vscode.Uri, notify = true, openDocuments = openDocumentsByUri()): Promise<void> {
    if (!this.scanned) return;
    const open = openDocuments.get(uri.toString());
    if (open) return this.readDocument(open, notify);
    const language = languageForPath(uri.path);
    if (!language) return;
    try {
      const todos = await this.todosIn(uri, syntaxFor(language));
      if (todos) this.store(uri, todos, notify);
    } catch {
      this.forget(uri);
    }
  }

  /** A file's TODOs, or undefined when it is not a file or is too large. */
  private async todosIn(uri: vscode.Uri, syntax: CommentSyntax): Promise<TodoComment[] | undefined> {
    if (uri.scheme === 'file') return this.todosOnDisk(uri.fsPath, syntax);
    const text = await readText(uri);
    return text === undefined ? undefined : this.lex(text, syntax).todos;
  }

  /** A file's TODOs from disk: those found before while its stat is the same, else read and lexed. */
  private async todosOnDisk(path: string, syntax: CommentSyntax): Promise<TodoComment[] | undefined> {
    const file = await diskFile(path, MAX_FILE_BYTES);
    if (!file) return undefined;
    const known = this.cache.lookup(file);
    if (known) return known;
    this.readFromDisk += 1;
    const { todos, askedForIds } = this.lex(textOf(file), syntax);
    // Whether a name in parentheses is a task ID changes as the service's ID shape is learned: such a file is read again.
    if (!askedForIds) this.cache.remember(file, todos);
    return todos;
  }

  /** The text's TODOs, and whether reading them asked if a name is a task ID. */
  private lex(text: string, syntax: CommentSyntax): { todos: TodoComment[]; askedForIds: boolean } {
    if (text.includes('\0')) return { todos: [], askedForIds: false };
    const options = this.options();
    const isTaskId = options.isTaskId ?? isPrefixedTaskId;
    let askedForIds = false;
    const todos = findTodos(textLines(text), syntax, {
      ...options,
      isTaskId: (id) => {
        askedForIds = true;
        return isTaskId(id);
      },
    });
    return { todos, askedForIds };
  }

  private readDocument(document: vscode.TextDocument, notify = true): void {
    if (!this.scanned || document.uri.scheme !== 'file' || this.ignored(document.uri)) return;
    this.store(document.uri, this.documentTodos.all(document), notify);
  }

  private store(uri: vscode.Uri, todos: TodoComment[], notify: boolean): void {
    const untracked = todos.filter((todo) => !todo.reference);
    const before = this.found.get(uri.toString())?.todos ?? [];
    this.found.set(uri.toString(), { uri, todos: untracked });
    if (notify && JSON.stringify(before) !== JSON.stringify(untracked)) this.changed();
  }

  private forget(uri: vscode.Uri): void {
    if (this.found.delete(uri.toString())) this.changed();
  }

  /** Coalesces bursts of changes to one file. */
  private later(uri: vscode.Uri, work: () => Promise<void>): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void work().finally(() => this.timers.delete(key)), 300));
  }

  override dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    super.dispose();
  }
}
