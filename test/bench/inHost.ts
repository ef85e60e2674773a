/**
 * The bench's rows that need the real VS Code, run inside its extension host
 * (test/bench/vscodeRows.ts loads it into code-server). It opens task editors
 * as the tree does and, as the baselines in the same window, a bare webview and a
 * bare custom editor whose pages only say they are ready. It prints one `[bench] {json}` line and measures,
 * never asserts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { readDiskText } from '../../src/todo/diskText';
import { filesWithTags, findRipgrep } from '../../src/todo/ripgrep';
import { excludedGlobs } from '../../src/todo/workspaceTodos';
import { TASK_EDITOR_VIEW_TYPE, taskEditorUri } from '../../src/editor/taskUri';
import type { Task } from '../../src/api/domain';
import { loggedEditorReadies } from '../e2e/hostLogs';
import { api, signIn, waitFor } from '../integration/support';
import { BENCH_LINE_PREFIX, LOGS_VARIABLE, PLAN_VARIABLE } from './table';
import { barePage, type FormPage } from './barePage';
import { inMemory } from './todoScan';

/** The window's first task editor opens before any webview (VS Code sets up its webview machinery then); the editors' own figures are in the log. */
export interface HostFigures {
  /** The same window's bare webview: created to its page's first frame painted, and that time in the page, in ms. */
  bareWebview: number[];
  bareLoad: number[];
  /** The same window's bare webview with a page as large as its task editor's (inert HTML added): created to its page's first frame painted, in ms. */
  largeBareWebview: number[];
  /** The size of that page (and of the task editor's), in characters. */
  largeBareCharacters: number;
  /** The same window's bare webview showing the task editor's form and stylesheet without its script (formPage.ts): created to its first frame painted, in ms. */
  formWebview: number[];
  /** The same window's bare custom editor (test/fixtures/bareCustomEditor): from its document opened to its page's first frame painted, in ms. */
  bareCustomEditor: number[];
  /** The TODO view's scan of the workspace as its first (nothing found before), and VS Code's ripgrep alone on the same search, interleaved, in ms. */
  todoScan: number[];
  /** The scan again, the files unchanged since it read them. */
  todoRescan: number[];
  ripgrep: number[];
  /** Lexing the text of the files ripgrep finds alone, from memory, in ms, and their size in characters: what a scan cannot go below. */
  todoLexing: number[];
  /** Reading those files alone, as the scan reads them (one a turn, from the page cache), in ms. */
  todoReading: number[];
  todoTaggedBytes: number;
  /** The CPU time ripgrep alone took over its wall time: how many of the machine's cores it kept busy (undefined off Linux). */
  ripgrepCores?: number;
  /** The extension host's own CPU time (all its threads) over each scan and over each ripgrep alone, in ms: what the scan adds beside ripgrep. */
  todoScanHostCpu: number[];
  ripgrepHostCpu: number[];
  /** When ripgrep alone reported its first tagged file, as a share of its run: before it, nothing can be read beside it. */
  ripgrepFirstFile: number[];
  /** Files the view lists, those of them under node_modules, and the heap the scan left behind (after a collection), in bytes. */
  todoFiles: number;
  todoFilesInDependencies: number;
  todoHeapRetained: number;
  /** In the run's last window only: its first webview, a bare one, opened before any task editor, in ms. */
  firstBare?: number;
  /** A refresh of the tree, from its start: its tasks in the store, and VS Code asking the tree for a group's tasks after that (the paint), in ms. */
  treeListed: number[];
  treeAsked: number[];
}

/** What vscodeRows asks of a window: the last one opens a bare webview first, to show what VS Code's first webview costs. */
export interface HostPlan {
  bareFirst: boolean;
  /** The task editor's form as a page of its own (not made for `todoOnly`). */
  formPage?: FormPage;
  /** Only the TODO scan's rows (`--only vscode-todo`): no webviews. */
  todoOnly?: boolean;
}

/** A pause before each timed span, so that neither meets the last one's aftermath (the tree's answer to VS Code, a collection). */
function quiet(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}

type TodoFigures = Pick<
  HostFigures,
  'todoScan' | 'todoRescan' | 'ripgrep' | 'todoLexing' | 'todoReading' | 'todoTaggedBytes' | 'ripgrepCores' | 'todoScanHostCpu' | 'ripgrepHostCpu' | 'ripgrepFirstFile' | 'todoFiles' | 'todoFilesInDependencies' | 'todoHeapRetained'
>;

/** The CPU time of this process's finished children, in ms (Linux: /proc/self/stat's cutime and cstime, in clock ticks of 10 ms). */
function childrenCpu(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  // The fields after the command's closing parenthesis; cutime and cstime are the 16th and 17th of the line.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** This process's CPU time since `since` (all its threads, user and system), in ms. */
function hostCpu(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}

/** The host's garbage collector, for a heap figure that is what stays, not what waits to be collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The TODO view's own scan, as when it is first shown, against ripgrep alone on the same search. */
async function todoScan(runs: number): Promise<TodoFigures> {
  const { todoView } = api();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const rg = await findRipgrep(vscode.env.appRoot);
  if (!rg) throw new Error('no ripgrep under vscode.env.appRoot');
  const search = { rg, folder, tags: ['TODO', 'FIXME', 'HACK', 'XXX'], exclude: excludedGlobs(), limit: 5_000 };
  const gc = collector();
  const figures: TodoFigures = {
    todoScan: [],
    todoRescan: [],
    ripgrep: [],
    todoLexing: [],
    todoReading: [],
    todoTaggedBytes: 0,
    todoScanHostCpu: [],
    ripgrepHostCpu: [],
    ripgrepFirstFile: [],
    todoFiles: 0,
    todoFilesInDependencies: 0,
    todoHeapRetained: 0,
  };
  let ripgrepCpu = 0;
  for (let i = 0; i < 2 * runs; i++) {
    await quiet();
    todoView.rescanFromScratch();
    let cpuBefore = process.cpuUsage();
    let started = performance.now();
    const files = await todoView.getChildren();
    figures.todoScan.push(performance.now() - started);
    figures.todoScanHostCpu.push(hostCpu(cpuBefore));
    figures.todoFiles = files.length;
    figures.todoFilesInDependencies = files.filter((node) => node.kind === 'file' && node.uri.path.includes('/node_modules/')).length;
    // Again, with the files it has read unchanged since: a rescan, or the workspace's next window.
    await quiet();
    todoView.rescan();
    started = performance.now();
    const again = await todoView.getChildren();
    figures.todoRescan.push(performance.now() - started);
    if (again.length !== files.length) throw new Error(`the rescan listed ${again.length} files, the scan ${files.length}`);
    await quiet();
    const cpu = childrenCpu();
    let firstFile: number | undefined;
    cpuBefore = process.cpuUsage();
    started = performance.now();
    await filesWithTags({ ...search, onFile: () => (firstFile ??= performance.now() - started) });
    const took = performance.now() - started;
    figures.ripgrep.push(took);
    figures.ripgrepHostCpu.push(hostCpu(cpuBefore));
    figures.ripgrepFirstFile.push((firstFile ?? took) / took);
    ripgrepCpu += (childrenCpu() ?? 0) - (cpu ?? 0);
  }
  if (childrenCpu() !== undefined) figures.ripgrepCores = ripgrepCpu / figures.ripgrep.reduce((sum, each) => sum + each, 0);
  // The heap the scan keeps, apart from the timed ones: a collection just before a scan slows its spawning ripgrep (the
  // collector's threads still return memory to the system while the host forks).
  // Twice on either side: one collection leaves some of what a last one frees (weak references, their finalizers).
  todoView.rescanFromScratch();
  gc();
  gc();
  const heap = process.memoryUsage().heapUsed;
  await todoView.getChildren();
  gc();
  gc();
  figures.todoHeapRetained = process.memoryUsage().heapUsed - heap;
  const paths = await filesWithTags(search);
  const tagged = await inMemory(paths, search.tags);
  figures.todoTaggedBytes = tagged.bytes;
  for (let i = 0; i < 2 * runs; i++) {
    await quiet();
    let started = performance.now();
    tagged.lexOnly();
    figures.todoLexing.push(performance.now() - started);
    await quiet();
    started = performance.now();
    for (const path of paths) await readDiskText(path, 1_000_000);
    figures.todoReading.push(performance.now() - started);
  }
  return figures;
}

/** A webview whose page does nothing but say it is ready (barePage.ts): what VS Code itself costs. */
async function bareWebview(content: Parameters<typeof barePage>[1] = {}): Promise<{ open: number; load: number }> {
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel('lightfieldBench.bare', 'Bare', vscode.ViewColumn.Active, { enableScripts: true });
  const ready = new Promise<{ open: number; load: number }>((resolve) => panel.webview.onDidReceiveMessage((load: number) => resolve({ open: performance.now() - started, load })));
  panel.webview.html = barePage(randomBytes(16).toString('base64'), content);
  const times = await ready;
  panel.dispose();
  return times;
}

/**
 * A custom editor whose page only says it is ready, opened as the task editor is
 * (`vscode.openWith`): the same span the task editor logs as its open, from its
 * document opened to the page, with VS Code's custom-editor round in it.
 */
async function bareCustomEditor(): Promise<number> {
  const fixture = vscode.extensions.getExtension<{ onReady: vscode.Event<number> }>('lightfield-tests.bare-custom-editor');
  if (!fixture) throw new Error('the bench\'s bare custom editor is not installed');
  const { onReady } = await fixture.activate();
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'), `bench-${Date.now()}.bare`);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const ready = new Promise<number>((resolve) => {
    const once = onReady((open) => {
      once.dispose();
      resolve(open);
    });
  });
  await vscode.commands.executeCommand('vscode.openWith', uri, 'bareCustomEditor.page');
  const open = await ready;
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.workspace.fs.delete(uri);
  return open;
}

/**
 * One refresh of the tree as the Refresh button runs it: when the store holds its
 * answers, and when VS Code next asks the tree for a status group's children, which
 * it does only to paint them. The span between is VS Code's part of the paint. (Its
 * extension host holds a tree change that follows another by less than 200 ms until
 * 200 ms after it, so the refreshes are a second apart, as clicks are.)
 */
async function treeRefresh(): Promise<{ listed: number; asked: number }> {
  const { view, store } = api();
  const tree = view.tree;
  const own = tree.getChildren.bind(tree);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  let listed: number | undefined;
  const started = performance.now();
  const asked = new Promise<number>((resolve) => {
    tree.getChildren = (node) => {
      if (listed !== undefined && node?.kind === 'group') resolve(performance.now() - started);
      return own(node);
    };
  });
  const landed = store.onDidChange(() => {
    if (listed === undefined && store.groups().every((group) => group.listed && !group.loading)) listed = performance.now() - started;
  });
  try {
    await vscode.commands.executeCommand('lightfield.refresh');
    const paint = await Promise.race([asked, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 5_000))]);
    return { listed: listed ?? Number.NaN, asked: paint };
  } finally {
    landed.dispose();
    delete (tree as Partial<typeof tree>).getChildren;
  }
}

/** How many task editors the extension has logged ready, in every window of the run. */
function editorsReady(): number {
  return loggedEditorReadies(process.env[LOGS_VARIABLE] ?? '').flat().length;
}

/** Opens `task` as the tree does and waits until the extension logs its form ready (the figures are read from that log); closes it again. */
async function openEditor(task: Task): Promise<void> {
  const before = editorsReady();
  await vscode.commands.executeCommand('vscode.openWith', taskEditorUri(task), TASK_EDITOR_VIEW_TYPE);
  await waitFor('the editor\'s form, in the log', () => editorsReady() > before, 30_000);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

export async function run(): Promise<void> {
  // A task editor the last window left open comes back with this one: opened again, it would log no new ready.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await signIn();
  // As a user opens it: the tree loads when the view shows.
  await vscode.commands.executeCommand('lightfield.tasks.focus');
  const tasks = await waitFor('the tree to load', () => api().store.loadedTasks().length > 0 && api().store.loadedTasks(), 30_000);
  const runs = Number(process.env.LIGHTFIELD_BENCH_RUNS ?? 5);
  const plan = JSON.parse(readFileSync(process.env[PLAN_VARIABLE] ?? '', 'utf8')) as HostPlan;
  if (plan.todoOnly) {
    const none = { bareWebview: [], bareLoad: [], largeBareWebview: [], largeBareCharacters: 0, formWebview: [], bareCustomEditor: [], treeListed: [], treeAsked: [] };
    console.log(BENCH_LINE_PREFIX + JSON.stringify({ ...none, ...(await todoScan(runs)) }));
    return;
  }
  const firstBare = plan.bareFirst ? (await bareWebview()).open : undefined;
  await openEditor(tasks[0]);
  // The bare page made as large as the task editor's page, as the extension logged it.
  const largeBareCharacters = Math.max(...loggedEditorReadies(process.env[LOGS_VARIABLE] ?? '').flat().map((ready) => ready.characters));
  const figures: Omit<HostFigures, keyof TodoFigures> = { bareWebview: [], bareLoad: [], largeBareWebview: [], largeBareCharacters, formWebview: [], bareCustomEditor: [], treeListed: [], treeAsked: [] };
  for (let i = 0; i < runs; i++) {
    const { listed, asked } = await treeRefresh();
    figures.treeListed.push(listed);
    figures.treeAsked.push(asked);
  }
  // The bare webviews in turn first, second and third: a window's later webviews in a row open faster than its first.
  const bares: (() => Promise<unknown>)[] = [
    async () => {
      const bare = await bareWebview();
      figures.bareWebview.push(bare.open);
      figures.bareLoad.push(bare.load);
    },
    async () => figures.largeBareWebview.push((await bareWebview({ characters: largeBareCharacters })).open),
    async () => figures.formWebview.push((await bareWebview({ form: plan.formPage })).open),
  ];
  for (let i = 1; i <= runs; i++) {
    for (let k = 0; k < bares.length; k++) await bares[(i + k) % bares.length]();
    figures.bareCustomEditor.push(await bareCustomEditor());
    await openEditor(tasks[i % tasks.length]);
  }
  console.log(BENCH_LINE_PREFIX + JSON.stringify({ ...figures, firstBare, ...(await todoScan(runs)) }));
}
