/**
 * The bench's rows that need the real VS Code: code-server with the packaged
 * extension installed, opened by headless Chromium, one window after another.
 * Each window runs test/bench/inHost.ts in its extension host; `activate()`'s
 * time comes from the extension's own log. Each window is a fresh start.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, launchChromium } from '../e2e/browser';
import { buildForHost, installFixture, startCodeServer } from '../e2e/codeServer';
import { extensionHostErrors, loggedEditorReadies, loggedTimes } from '../e2e/hostLogs';
import { runInHost } from '../e2e/hostRun';
import { ensureDebianPackages, ensureTooling } from '../e2e/tooling';
import { startLightfieldServer } from '../server/server';
import type { HostFigures, HostPlan } from './inHost';
import { BENCH_LINE_PREFIX, kb, LOGS_VARIABLE, ms, PLAN_VARIABLE, type Row, spread } from './table';
import { barePage } from './barePage';
import { editorPages, pageTimes } from './formPage';
import { generateWorkspace } from './todoScan';
import { temporaryFolder } from '../support/temporaryFolder';

const ROOT = resolve(__dirname, '..', '..');
/** Windows whose first webview is a task editor; one more after them opens a bare webview first. */
const WINDOWS = 3;

/** The rows of the real VS Code; with `todoOnly`, just the TODO view's scan (no webviews: a minute, not eight). */
export async function vscodeRows(rows: Row[], runs: number, todoOnly = false): Promise<void> {
  ensureDebianPackages([{ file: CHROMIUM, pkg: 'chromium' }]);
  const tooling = ensureTooling();
  const home = temporaryFolder('lf-bench-code-server-');
  const planFile = join(home, 'plan.json');
  const extensionPath = buildForHost(tooling, home);
  installFixture(tooling, home, 'bareCustomEditor');
  // 50,000 files, no .gitignore: 5,000 of the user's (one in twenty with a TODO) and 45,000 in node_modules.
  const workspace = generateWorkspace(5_000, 45_000);
  const server = await startLightfieldServer({ tasks: 200, seed: 8, customFields: true });
  const codeServer = await startCodeServer(tooling, {
    home,
    workspace,
    machineSettings: { 'lightfield.baseUrl': server.url },
    env: { LIGHTFIELD_BENCH_RUNS: String(runs), [LOGS_VARIABLE]: join(home, 'user', 'logs'), [PLAN_VARIABLE]: planFile },
  });
  const browser = await launchChromium();
  const pages = todoOnly ? undefined : await editorPages(browser, server);
  const formPage = pages?.form;
  // Chromium alone, no VS Code: the editor's page against the same form with no script, that form with a text box for its
  // date-and-time control, and a bare page.
  const nonce = randomBytes(16).toString('base64');
  const inChromium =
    pages && formPage
      ? await pageTimes(
          browser,
          {
            editor: pages.editor,
            form: barePage(nonce, { form: formPage }),
            formWithoutDateTime: barePage(nonce, { form: { ...formPage, body: formPage.body.replaceAll('type="datetime-local"', 'type="text"') } }),
            bare: barePage(nonce),
          },
          5 * runs,
        )
      : undefined;
  const windows: HostFigures[] = [];
  try {
    // The fourth window, whose first webview is a bare one, only for the webview rows.
    for (let i = 0; i < (todoOnly ? WINDOWS : WINDOWS + 1); i++) {
      const plan: HostPlan = { bareFirst: i === WINDOWS, formPage, todoOnly };
      writeFileSync(planFile, JSON.stringify(plan));
      let figures: HostFigures | undefined;
      const console: string[] = [];
      const { code, page } = await runInHost(browser, {
        workbenchUrl: codeServer.url,
        workspace,
        extensionPath,
        entry: join(ROOT, 'out', 'bench', 'inHost.js'),
        timeoutMs: 5 * 60_000,
        onLine: (line) => {
          console.push(line);
          if (line.startsWith(BENCH_LINE_PREFIX)) figures = JSON.parse(line.slice(BENCH_LINE_PREFIX.length)) as HostFigures;
        },
      });
      await page.close();
      if (code !== 0 || !figures) throw new Error(`the bench window ${i + 1} ended with exit code ${code}; its last console lines:\n${console.slice(-15).join('\n')}`);
      windows.push(figures);
    }
  } finally {
    await browser.close();
    await codeServer.stop();
    await server.close();
  }
  const scan = spread(windows.flatMap((w) => w.todoScan));
  const rescan = spread(windows.flatMap((w) => w.todoRescan));
  const rg = spread(windows.flatMap((w) => w.ripgrep));
  const lexing = spread(windows.flatMap((w) => w.todoLexing));
  const reading = spread(windows.flatMap((w) => w.todoReading));
  const cores = windows.flatMap((w) => (w.ripgrepCores === undefined ? [] : [w.ripgrepCores]));
  const coresBusy = cores.length > 0 ? cores.reduce((sum, each) => sum + each, 0) / cores.length : undefined;
  const scanCpu = spread(windows.flatMap((w) => w.todoScanHostCpu));
  const ripgrepCpu = spread(windows.flatMap((w) => w.ripgrepHostCpu));
  const firstFile = spread(windows.flatMap((w) => w.ripgrepFirstFile));
  // The CPU time the scan adds in the host: it runs beside ripgrep only on the cores ripgrep leaves idle, and only once it reports a file.
  const added = scanCpu.median - ripgrepCpu.median;
  const last = windows[windows.length - 1];
  const where = `code-server, ${WINDOWS} windows`;
  const todoRow: Row = {
    figure: `TODO view scan in the extension host, a workspace's first (nothing found before), 50,000 files, no .gitignore (5,000 own, 45,000 in node_modules; ${where} × ${2 * runs})`,
    measured: `${ms(scan.min)} / ${ms(scan.median)}; ${last.todoFiles} files listed, ${last.todoFilesInDependencies} from node_modules; heap kept by the scan ${kb(last.todoHeapRetained)}; reading the ${kb(last.todoTaggedBytes)} of the tagged files alone ${ms(reading.median)}, lexing them alone ${ms(lexing.median)}; the host's CPU time over a scan ${ms(scanCpu.median)}, over ripgrep alone ${ms(ripgrepCpu.median)}`,
    baseline: `VS Code's ripgrep, same search ${ms(rg.min)} / ${ms(rg.median)}${coresBusy === undefined ? '' : `, keeping ${coresBusy.toFixed(2)} of the ${cpus().length} cores busy`}, its first tagged file reported at ${Math.round(100 * firstFile.median)}% of its run`,
    ratio: `${(scan.median / rg.median).toFixed(2)}× ripgrep; (ripgrep + reading + lexing) / ripgrep ${((rg.median + reading.median + lexing.median) / rg.median).toFixed(2)}; the host's added CPU time / ripgrep ${(added / rg.median).toFixed(2)}`,
  };
  const rescanRow: Row = {
    figure: 'TODO view scan again, its files unchanged since it read them (a rescan, or the workspace\'s next window: not read or lexed again), same workspace',
    measured: `${ms(rescan.min)} / ${ms(rescan.median)}`,
    baseline: `VS Code's ripgrep, same search ${ms(rg.min)} / ${ms(rg.median)}`,
    ratio: `${(rescan.median / rg.median).toFixed(2)}× ripgrep`,
  };
  // With `todoOnly` no editor page was made: the TODO rows are all there are.
  if (!formPage || !inChromium) {
    rows.push(todoRow, rescanRow);
    return;
  }
  const activation = spread(loggedTimes(codeServer.userDataDir, /Activated in ([\d.]+) ms/g));
  const bare = spread(windows.flatMap((w) => w.bareWebview));
  const bareLoad = spread(windows.flatMap((w) => w.bareLoad));
  const bareCustom = spread(windows.flatMap((w) => w.bareCustomEditor));
  const largeBare = spread(windows.flatMap((w) => w.largeBareWebview));
  const formBare = spread(windows.flatMap((w) => w.formWebview));
  // Each window's first editor is its cold one; the rest are warm.
  const editors = loggedEditorReadies(join(codeServer.userDataDir, 'logs')).slice(0, WINDOWS);
  const firstBare = spread(windows.flatMap((w) => (w.firstBare === undefined ? [] : [w.firstBare])));
  const lastBare = spread(windows[WINDOWS].bareWebview);
  const warm = editors.flatMap((each) => each.slice(1));
  const load = spread(warm.map((each) => each.load));
  const page = spread(warm.map((each) => each.page));
  const open = spread(warm.map((each) => each.open));
  const read = spread(warm.map((each) => each.read));
  // From the document read to its page set: VS Code making the editor's panel and asking for its page.
  const panelRound = spread(warm.map((each) => each.open - each.page - each.read));
  const cold = spread(editors.map((each) => each[0].open));
  const errors = extensionHostErrors(codeServer.userDataDir);
  const treeListed = spread(windows.flatMap((w) => w.treeListed));
  const treeAsked = spread(windows.flatMap((w) => w.treeAsked));
  rows.push(
    { figure: `own activate() (${where})`, measured: `${ms(activation.min)} / ${ms(activation.median)}`, baseline: 'goal 20 ms', ratio: `${(activation.median / 20).toFixed(2)}× the goal` },
    { figure: `task editor page, from its start to a usable form, in the webview, warm (${where} × ${runs})`, measured: `${ms(load.min)} / ${ms(load.median)}`, baseline: `bare webview page to its first frame painted ${ms(bareLoad.min)} / ${ms(bareLoad.median)}`, ratio: `${(load.median / bareLoad.median).toFixed(2)}× the bare webview` },
    { figure: `task editor page set to a usable form, warm (${where} × ${runs})`, measured: `${ms(page.min)} / ${ms(page.median)}`, baseline: `bare webview page ready ${ms(bare.min)} / ${ms(bare.median)}`, ratio: `${(page.median / bare.median).toFixed(2)}× the bare webview` },
    {
      figure: `a bare webview whose page is as large as the task editor's (${kb(windows[0].largeBareCharacters)}, an inert comment added; ${where} × ${runs})`,
      measured: `${ms(largeBare.min)} / ${ms(largeBare.median)}`,
      baseline: `bare webview page ready ${ms(bare.min)} / ${ms(bare.median)}`,
      ratio: `${(largeBare.median / bare.median).toFixed(2)}× the bare webview`,
    },
    {
      figure: `a bare webview showing the task editor's form without its script (its elements as the editor rendered them, ${kb(formPage.body.length)}, and its stylesheet, ${kb(formPage.style.length)}; ${where} × ${runs})`,
      measured: `${ms(formBare.min)} / ${ms(formBare.median)}`,
      baseline: `bare webview page ready ${ms(bare.min)} / ${ms(bare.median)}`,
      ratio: `${(formBare.median / bare.median).toFixed(2)}× the bare webview`,
    },
    ...chromiumRows(inChromium, 5 * runs),
    { figure: `task editor open from the tree to a usable form, warm (${where} × ${runs})`, measured: `${ms(open.min)} / ${ms(open.median)}`, baseline: `bare webview page ready ${ms(bare.median)}`, ratio: `${(open.median / bare.median).toFixed(2)}× the bare webview` },
    {
      figure: `… of which its document read (the task, its linked records' names, its form) / VS Code's round from the document to the page set (${where} × ${runs})`,
      measured: `${ms(read.median)} / ${ms(panelRound.median)}`,
      baseline: `the whole open ${ms(open.median)}`,
      ratio: `${((read.median / open.median) * 100).toFixed(0)}% / ${((panelRound.median / open.median) * 100).toFixed(0)}% of it`,
    },
    {
      figure: `task editor open, from its document opened to a usable form, warm, against a bare custom editor (test/fixtures/bareCustomEditor; ${where} × ${runs})`,
      measured: `${ms(open.min)} / ${ms(open.median)}`,
      baseline: `bare custom editor, its document opened to its page's first frame painted ${ms(bareCustom.min)} / ${ms(bareCustom.median)}`,
      ratio: `${(open.median / bareCustom.median).toFixed(2)}× the bare custom editor`,
    },
    { figure: `task editor open, the window's first webview (${where})`, measured: `${ms(cold.min)} / ${ms(cold.median)}`, baseline: `warm ${ms(open.median)}`, ratio: `${(cold.median / open.median).toFixed(2)}× warm` },
    {
      figure: `VS Code's own first webview: a bare one, first in a fourth window (code-server, ${runs} warm after it)`,
      measured: `${ms(firstBare.median)}`,
      baseline: `the same window's warm bare webviews ${ms(lastBare.median)}`,
      ratio: `${(firstBare.median / lastBare.median).toFixed(2)}× warm`,
    },
    todoRow,
    rescanRow,
    {
      figure: `tree refresh, from the Refresh command to VS Code asking the tree for a group's tasks to paint them (no latency; ${where} × ${runs})`,
      measured: `${ms(treeAsked.min)} / ${ms(treeAsked.median)}`,
      baseline: `the refresh's tasks in the store ${ms(treeListed.min)} / ${ms(treeListed.median)}`,
      ratio: `${(treeAsked.median / treeListed.median).toFixed(2)}× the tasks in the store; ${ms(treeAsked.median - treeListed.median)} later`,
    },
    { figure: 'errors from the extension in the extension host log', measured: String(errors.length), baseline: '', ratio: '' },
  );
}

/** The pages' times in Chromium alone, each against the bare page's. */
function chromiumRows(times: Record<string, number[]>, rounds: number): Row[] {
  const bare = spread(times.bare);
  const row = (figure: string, name: string): Row => {
    const time = spread(times[name]);
    return { figure: `${figure} (headless Chromium alone, no VS Code; ${rounds} in turn)`, measured: `${ms(time.min)} / ${ms(time.median)}`, baseline: `a bare page to its first frame painted ${ms(bare.min)} / ${ms(bare.median)}`, ratio: `${(time.median / bare.median).toFixed(2)}× the bare page` };
  };
  return [
    row('the task editor\'s page, from its start to a usable form', 'editor'),
    row('… the same form with no script (its elements and stylesheet), to its first frame painted', 'form'),
    row('… and its date-and-time control a text box', 'formWithoutDateTime'),
  ];
}
