/**
 * `npm run bench:chaos` in a real VS Code: code-server with the packaged extension,
 * one window per service, each running test/bench/chaosInHost.ts against its local
 * server while that server fails often (answers 500/503, connections dropped before
 * and after the write, answers cut short), answers bursts of 429, and (Lightfield)
 * lists a change only 2 s after it was made. Then it compares the server with what
 * the user asked for, what the user was told with what happened, and the TODO
 * files with what was created. Every mismatch should be 0.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { join, resolve } from 'node:path';
import type { ServiceId } from '../../src/api/domain';
import { CHROMIUM, launchChromium } from '../e2e/browser';
import { buildForHost, startCodeServer } from '../e2e/codeServer';
import { extensionHostErrors } from '../e2e/hostLogs';
import { runInHost } from '../e2e/hostRun';
import { ensureDebianPackages, ensureTooling } from '../e2e/tooling';
import { DRIVER_VARIABLE, startWebviewDriver } from '../e2e/webviewDriver';
import { startCloseServer } from '../server/close/closeServer';
import type { Faults } from '../server/faults';
import { startLightfieldServer } from '../server/server';
import { CHAOS_FAULTS } from './chaos';
import type { ChaosPlan, ChaosTold } from './chaosInHost';
import { BENCH_LINE_PREFIX, PLAN_VARIABLE } from './table';
import { temporaryFolder } from '../support/temporaryFolder';

const ROOT = resolve(__dirname, '..', '..');

export interface VsCodeChaosReport {
  service: ServiceId;
  requests: number;
  faults: Record<string, number>;
  /** Answers 429 from the server's own rate limit (the bursts are among the faults). */
  refused: number;
  loaded: number;
  statuses: number;
  edits: number;
  todos: number;
  /** Reported done, but the server does not have it. */
  lost: number;
  /** Reported failed, but the server has it. */
  falselyFailed: number;
  /** Tasks made more than once for one TODO, or an edit applied more than once (Lightfield counts applied writes). */
  duplicates: number;
  /** TODO lines not rewritten exactly once with the created task's ID (or rewritten after a failure). */
  todosMisrewritten: number;
  /** Failures the user was told about that were real. */
  trueFailures: number;
  /** Each mismatch and each true failure, by what it was. */
  details: string[];
}

export interface ChaosSize {
  statuses: number;
  edits: number;
  todos: number;
}

/** What one service's server holds, read without faults, for the comparison. */
interface Truth {
  complete(id: string): boolean;
  title(id: string): string | undefined;
  titled(title: string): string[];
  applied(id: string): number | undefined;
  requests(): { status?: number }[];
  faults: Faults;
  todoAnswers: Record<string, unknown>;
}

/** `lines` holds each TODO file's first line before the run and after it. */
function judge(service: ServiceId, told: ChaosTold, truth: Truth, appliedBefore: Map<string, number>, lines: Map<string, { before: string; after: string }>): VsCodeChaosReport {
  const report: VsCodeChaosReport = {
    service,
    requests: truth.requests().length,
    faults: { ...truth.faults.counts },
    refused: truth.requests().filter((request) => request.status === 429).length - (truth.faults.counts['429'] ?? 0),
    loaded: told.loaded,
    statuses: told.statuses.length,
    edits: told.edits.length,
    todos: told.todos.length,
    lost: 0,
    falselyFailed: 0,
    duplicates: 0,
    todosMisrewritten: 0,
    trueFailures: 0,
    details: [],
  };
  const tally = (what: string, toldDone: boolean, happened: boolean) => {
    if (toldDone && !happened) report.lost++;
    if (!toldDone && happened) report.falselyFailed++;
    if (!toldDone && !happened) report.trueFailures++;
    if (!toldDone || !happened) report.details.push(`${what}: told ${toldDone ? 'done' : 'failed'}, ${happened ? 'applied' : 'not applied'}`);
  };
  for (const change of told.statuses) tally(`complete ${change.id}`, change.told, truth.complete(change.id));
  for (const edit of told.edits) {
    const applied = truth.title(edit.id) === edit.title;
    tally(`edit ${edit.id}${edit.message ? ` (${edit.message})` : ''}`, edit.told, applied);
    const writes = truth.applied(edit.id);
    if (writes !== undefined && writes - (appliedBefore.get(edit.id) ?? 0) > 1) report.duplicates++;
  }
  for (const todo of told.todos) {
    const made = truth.titled(todo.title);
    tally(`TODO ${todo.title}`, todo.told, made.length > 0);
    report.duplicates += Math.max(0, made.length - 1);
    const { before, after } = lines.get(todo.file) ?? { before: '', after: '' };
    const references = after.match(/TODO\(/g)?.length ?? 0;
    const rewritten = todo.told ? references === 1 && after.includes(`TODO(${todo.id}):`) && made.includes(todo.id ?? '') : after === before;
    if (!rewritten) {
      report.todosMisrewritten++;
      report.details.push(`TODO ${todo.title}: told ${todo.told ? `done (${todo.id})` : 'failed'}, the line reads ${JSON.stringify(after)}`);
    }
  }
  return report;
}

export async function runChaosInVsCode(size: ChaosSize): Promise<{ reports: VsCodeChaosReport[]; hostErrors: string[] }> {
  ensureDebianPackages([{ file: CHROMIUM, pkg: 'chromium' }]);
  const tooling = ensureTooling();
  const home = temporaryFolder('lf-chaos-code-server-');
  const extensionPath = buildForHost(tooling, home);
  const workspace = temporaryFolder('lf-chaos-workspace-');
  const firstLines = new Map<string, string>();
  const todoFiles = (service: ServiceId) =>
    Array.from({ length: size.todos }, (_, index) => {
      const file = join(workspace, `${service}-todo-${index}.ts`);
      firstLines.set(file, `// TODO: follow up on ${service} item ${index}`);
      writeFileSync(file, `${firstLines.get(file)}\nexport const item${index} = ${index};\n`);
      return file;
    });
  const planFile = join(home, 'chaos-plan.json');
  const lightfield = await startLightfieldServer({ tasks: 200, seed: 21, indexLagMs: 2_000 });
  const close = await startCloseServer({ tasks: 120, seed: 21 });
  const truths: Record<ServiceId, Truth> = {
    lightfield: {
      complete: (id) => lightfield.index.get(id)?.fields.$status?.value === 'COMPLETE',
      title: (id) => lightfield.index.get(id)?.fields.$title?.value as string | undefined,
      titled: (title) => lightfield.index.stored().filter((task) => task.fields.$title?.value === title).map((task) => task.id),
      applied: (id) => lightfield.appliedWrites.get(id) ?? 0,
      requests: () => lightfield.requests,
      faults: lightfield.faults,
      todoAnswers: { assignee: lightfield.members[0].id },
    },
    close: {
      complete: (id) => close.tasks.get(id)?.is_complete === true,
      title: (id) => close.tasks.get(id)?.text,
      titled: (title) => [...close.tasks.values()].filter((task) => task.text === title).map((task) => task.id),
      applied: () => undefined,
      requests: () => close.requests,
      faults: close.faults,
      todoAnswers: { parent: close.leads[0].id },
    },
  };
  const driver = await startWebviewDriver();
  const codeServer = await startCodeServer(tooling, {
    home,
    workspace,
    settings: { 'files.autoSave': 'off' },
    machineSettings: { 'lightfield.baseUrl': lightfield.url, 'lightfield.close.baseUrl': `${close.url}/api/v1` },
    env: { [DRIVER_VARIABLE]: driver.url, [PLAN_VARIABLE]: planFile },
  });
  const browser = await launchChromium();
  const reports: VsCodeChaosReport[] = [];
  try {
    for (const service of ['lightfield', 'close'] as const) {
      const truth = truths[service];
      const files = todoFiles(service);
      const plan: ChaosPlan = { service, statuses: size.statuses, edits: size.edits, todoFiles: files, todoAnswers: truth.todoAnswers };
      writeFileSync(planFile, JSON.stringify(plan));
      const appliedBefore = new Map(service === 'lightfield' ? lightfield.appliedWrites : []);
      Object.assign(truth.faults.rates, CHAOS_FAULTS);
      // Bursts of 429: every five seconds, one second in which every request is refused.
      const bursts = setInterval(() => {
        truth.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1, times: Number.MAX_SAFE_INTEGER });
        setTimeout(() => truth.faults.clearQueued(), 1_000);
      }, 5_000);
      let told: ChaosTold | undefined;
      const console: string[] = [];
      try {
        const { code, page } = await runInHost(browser, {
          workbenchUrl: codeServer.url,
          workspace,
          extensionPath,
          entry: join(ROOT, 'out', 'bench', 'chaosInHost.js'),
          timeoutMs: 20 * 60_000,
          onPage: (opened) => (driver.page = opened),
          onLine: (line) => {
            console.push(line);
            if (line.startsWith(BENCH_LINE_PREFIX)) told = JSON.parse(line.slice(BENCH_LINE_PREFIX.length)) as ChaosTold;
          },
        });
        await page.close();
        if (code !== 0 || !told) throw new Error(`the ${service} chaos window ended with exit code ${code}; its last console lines:\n${console.slice(-15).join('\n')}`);
      } finally {
        clearInterval(bursts);
        truth.faults.clear();
      }
      const lines = new Map(files.map((file) => [file, { before: firstLines.get(file) ?? '', after: readFileSync(file, 'utf8').split('\n')[0] }]));
      reports.push(judge(service, told, truth, appliedBefore, lines));
    }
  } finally {
    await browser.close();
    await codeServer.stop();
    await lightfield.close();
    await close.close();
    await driver.close();
  }
  return { reports, hostErrors: extensionHostErrors(codeServer.userDataDir) };
}
