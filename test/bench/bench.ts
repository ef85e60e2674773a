/**
 * `npm run bench`: measures, never asserts. Each row is a figure beside its bound
 * or a baseline measured in the same run, and their ratio; the table goes to
 * stdout and `bench/results.md`. The rows run in plain Node against the local
 * servers over loopback, with the adapters, store and bundles the extension ships.
 */
// zod set as the extension sets it (its compiled parsers off), so the rows parse as the extension does.
import '../../src/api/zodSetup';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Metafile } from 'esbuild';
import type { TaskQuery, TaskStatus } from '../../src/api/domain';
import { type FoundTasks, findTasks, type TaskFilter } from '../../src/agent/taskSearch';
import type { ProviderOptions, TaskProvider } from '../../src/api/provider';
import { LightfieldProvider } from '../../src/api/lightfield/client';
import { linkedRecords } from '../../src/editor/linkedRecords';
import { LIGHTFIELD_API_VERSION } from '../../src/api/lightfield/http';
import { keyInfoSchema, taskDefinitionsSchema, taskPageSchema } from '../../src/api/lightfield/schemas';
import { TaskStore } from '../../src/tasks/taskStore';
import { findRipgrep } from '../../src/todo/ripgrep';
import { ensureTooling } from '../e2e/tooling';
import { generateWorkspace, todoScan } from './todoScan';
import { DEFAULT_KEY } from '../server/keys';
import { kb, ms, type Row, type Spread, spread } from './table';
import { vscodeRows } from './vscodeRows';
import { type LightfieldServer, startLightfieldServer } from '../server/server';

const ROOT = resolve(__dirname, '..', '..');

/** min / median of `runs` timings of `run`, in ms; `prepare` runs before each, off the clock, and hands `run` what it made. */
async function timed<T = undefined>(runs: number, run: (prepared: T) => Promise<unknown>, prepare?: () => Promise<T>): Promise<Spread> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const prepared = (await prepare?.()) as T;
    const started = performance.now();
    await run(prepared);
    times.push(performance.now() - started);
  }
  return spread(times);
}


function client(server: LightfieldServer): LightfieldProvider {
  return new LightfieldProvider({ baseUrl: server.url, getKey: () => DEFAULT_KEY });
}

/** Waits out the server's rate window, so one row's requests do not cost the next. */
const settle = () => new Promise((resolveSettle) => setTimeout(resolveSettle, 1100));

/**
 * Every task listed, against the bound the service's rate limit sets (pages at its limit a second):
 * at the documented 25 a second, and at 10 (X-RateLimit-Limit says so; the least kind server's).
 */
async function listEverything(rows: Row[], runs: number): Promise<void> {
  const cases = [
    { tasks: 5000, latencyMs: 50, perSecond: 25 },
    { tasks: 5000, latencyMs: 200, perSecond: 25 },
    { tasks: 2000, latencyMs: 50, perSecond: 10 },
  ];
  for (const { tasks, latencyMs, perSecond } of cases) {
    const server = await startLightfieldServer({ tasks, seed: 5, rateLimitPerSecond: perSecond, faults: { latencyMs } });
    try {
      const pages = Math.ceil(tasks / 25);
      const bound = (pages / perSecond) * 1000;
      let requests = 0;
      let refused = 0;
      const time = await timed(
        runs,
        async (provider) => {
          const start = server.requests.length;
          await provider.listAllTasks();
          const sent = server.requests.slice(start);
          requests = sent.length;
          refused = sent.filter((request) => request.status === 429).length;
        },
        // Off the clock: the last run's rate window passes, and the adapter reads its definitions.
        async () => {
          await settle();
          const provider = client(server);
          await provider.describeTasks();
          return provider;
        },
      );
      rows.push({
        figure: `list all ${tasks.toLocaleString('en')} tasks @${latencyMs} ms, the service's limit ${perSecond} a second`,
        measured: `${ms(time.min)} / ${ms(time.median)} (min / median), ${requests} requests, ${refused} × 429`,
        baseline: `rate bound ${ms(bound)} (${pages} pages at ${perSecond}/s)`,
        ratio: `${Math.round((bound / time.median) * 100)}% of the bound`,
      });
    } finally {
      await server.close();
    }
  }
}

/** A local Lightfield server in a process of its own (`npm run server`), as a service is: its work is not the client's. */
async function serverProcess(args: string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'server', 'cli.ts'), '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      seen += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(seen);
      if (listening) resolveUrl(listening[1]);
    });
    child.on('exit', (code) => reject(new Error(`the local server stopped (exit code ${String(code)}): ${seen}`)));
  });
  return { url, stop: () => void child.kill() };
}

/** The requests `run` makes through `fetch`: each path (with its query) under the server, and its method and headers. */
async function recordedRequests(run: () => Promise<unknown>): Promise<{ path: string; init: RequestInit }[]> {
  const real = globalThis.fetch;
  const seen: { path: string; init: RequestInit }[] = [];
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const request = input instanceof Request ? input : undefined;
    seen.push({ path: `${url.pathname}${url.search}`, init: { method: init?.method ?? request?.method, headers: new Headers(init?.headers ?? request?.headers) } });
    return real(input, init);
  };
  try {
    await run();
  } finally {
    globalThis.fetch = real;
  }
  return seen;
}

/**
 * First paint and editor open, as TaskView and the editor compose them: the key
 * check with the four lists; the task with members and the description. The
 * baseline is one round trip (one request on a new connection) at the same latency.
 * The same calls against the same server with no latency say what is left: the work.
 */
async function roundTrips(rows: Row[], runs: number): Promise<void> {
  // A user paints once, not fifteen times a second: the servers allow more than the documented 25 a second, so
  // that no run meets the last one's 429s (a floor answered by them would be a floor of smaller answers).
  const common = ['--tasks', '200', '--seed', '6', '--custom-fields', '--rate-limit', '100000'];
  const [slow, fast] = await Promise.all([serverProcess([...common, '--latency', '50']), serverProcess([...common, '--latency', '0'])]);
  try {
    const connect = (baseUrl: string, memory?: ProviderOptions['memory']) => new LightfieldProvider({ baseUrl, getKey: () => DEFAULT_KEY, memory });
    const { tasks: [first] } = await connect(fast.url).listTasks({ limit: 1 });
    const id = first?.id ?? '';
    const oneTrip = await timed(runs, async () => {
      const response = await fetch(`${slow.url}/v1/auth/validate`, { headers: { Authorization: `Bearer ${DEFAULT_KEY}`, 'Lightfield-Version': LIGHTFIELD_API_VERSION, Connection: 'close' } });
      await response.text();
    });
    const paint = async (provider: TaskProvider) => {
      const store = new TaskStore(() => provider, { pageSize: 25, statuses: ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'] });
      await Promise.all([provider.checkKey(), store.refresh()]);
    };
    // As the extension opens one from the tree: the tree's load has read the description ahead, and a task opened before had its records named.
    const description = await connect(fast.url).describeTasks();
    const named = new Map<string, LightfieldProvider>();
    for (const url of [slow.url, fast.url]) {
      const provider = connect(url);
      await linkedRecords(provider, description, first);
      named.set(url, provider);
    }
    // A later start: the definitions remembered from the last one (as the extension keeps them per connection).
    let remembered: unknown;
    await connect(fast.url, { read: () => undefined, write: (value) => void (remembered = value) }).describeTasks();
    const kept = { read: () => remembered, write: () => undefined };
    // The floors: each start's requests, recorded as it sends them, sent again by bare fetch, each answer read and
    // JSON.parse'd (under any client), and then parsed by the schema the client parses it with (under one that, as
    // ours must, trusts no answer it has not parsed).
    const firstSent = await recordedRequests(() => paint(connect(fast.url)));
    const laterSent = await recordedRequests(() => paint(connect(fast.url, kept)));
    const schemaOf = (path: string) => (path.startsWith('/v1/auth/') ? keyInfoSchema : path.startsWith('/v1/tasks/definitions') ? taskDefinitionsSchema : taskPageSchema);
    const bare = (sent: typeof firstSent, parsed: boolean) => (url: string) =>
      Promise.all(
        sent.map(async ({ path, init }) => {
          const body = JSON.parse(await (await fetch(`${url}${path}`, init)).text()) as unknown;
          return parsed ? schemaOf(path).parse(body) : body;
        }),
      );
    const calls: [string, (url: string) => Promise<unknown>][] = [
      [`the same requests by bare fetch and JSON.parse @50 ms (the first start's ${firstSent.length}: a floor under any client)`, bare(firstSent, false)],
      [`… and each answer parsed by the client's schema for it (a floor under a client that trusts no unparsed answer)`, bare(firstSent, true)],
      ['tree first paint, first start of a connection @50 ms (key check, definitions and four lists)', (url) => paint(connect(url))],
      [`the same requests by bare fetch and JSON.parse @50 ms (the later start's ${laterSent.length}: a floor under any client)`, bare(laterSent, false)],
      [`… and each answer parsed by the client's schema for it (a floor under a client that trusts no unparsed answer)`, bare(laterSent, true)],
      ['tree first paint, a later start @50 ms (definitions remembered)', (url) => paint(connect(url, kept))],
      ['editor open, the first time @50 ms (task, members, description, then its linked records\' names)', async (url) => {
        const provider = connect(url);
        const [task, , described] = await Promise.all([provider.getTask(id), provider.listMembers(), provider.describeTasks()]);
        return linkedRecords(provider, described, task);
      }],
      // A task read before: the editor shows the copy the store holds in full and reads it again behind the form.
      ['editor open again @50 ms (a task read before: its copy held in full, read again behind the form; its linked records\' names known)', (url) => linkedRecords(named.get(url), description, first)],
    ];
    for (const [figure, call] of calls) {
      const time = await timed(runs, () => call(slow.url));
      const work = await timed(runs, () => call(fast.url));
      rows.push({
        figure,
        measured: `${ms(time.min)} / ${ms(time.median)}; with no latency ${ms(work.median)}`,
        baseline: `one round trip ${ms(oneTrip.median)}`,
        ratio: `${(time.median / oneTrip.median).toFixed(2)} round trips; ${((time.median - work.median) / oneTrip.median).toFixed(2)} waiting`,
      });
    }
  } finally {
    slow.stop();
    fast.stop();
  }
}

/**
 * The agent's "find tasks" (findTasks, as the tool calls it) after the tree's load, at 50 ms: from the
 * store when it holds every task the filter can match, else from the service; requests and round trips.
 */
async function agentFind(rows: Row[], runs: number): Promise<void> {
  const statuses: TaskStatus[] = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];
  const cases: { figure: string; tasks: number; filter: (me: string) => TaskFilter }[] = [
    { figure: 'my tasks to do, 60 tasks on the server: every group loaded in full', tasks: 60, filter: (me) => ({ statuses: ['TODO'], assignee: me }) },
    { figure: 'open tasks due this week, 60 tasks on the server: every group loaded in full', tasks: 60, filter: () => ({ statuses: ['TODO', 'IN_PROGRESS'], due: 'week' }) },
    { figure: 'my tasks to do, 1,000 tasks on the server: the groups\' first pages loaded', tasks: 1000, filter: (me) => ({ statuses: ['TODO'], assignee: me }) },
    { figure: 'open tasks due this week, 1,000 tasks on the server: the groups\' first pages loaded', tasks: 1000, filter: () => ({ statuses: ['TODO', 'IN_PROGRESS'], due: 'week' }) },
  ];
  for (const { figure, tasks, filter } of cases) {
    const server = await startLightfieldServer({ tasks, seed: 9, faults: { latencyMs: 50 } });
    try {
      const provider = client(server);
      const store = new TaskStore(() => provider, { pageSize: 25, statuses });
      const [account] = await Promise.all([provider.checkKey(), store.refresh()]);
      const me = account.me ?? '';
      const oneTrip = await timed(runs, () => provider.getTask(store.loadedTasks()[0].id));
      let requests = 0;
      let found: FoundTasks | undefined;
      const time = await timed(runs, async () => {
        const before = server.requests.length;
        found = await findTasks(store, provider, filter(me), { limit: 20 });
        requests = server.requests.length - before;
      });
      rows.push({
        figure: `agent "find tasks", ${figure}`,
        measured: `${requests} requests, ${found?.tasks.length ?? 0} tasks from the ${found?.source ?? ''}; ${ms(time.min)} / ${ms(time.median)}`,
        baseline: `one round trip ${ms(oneTrip.median)}`,
        ratio: `${(time.median / oneTrip.median).toFixed(2)} round trips`,
      });
    } finally {
      await server.close();
    }
  }
}

/** Heap the store holds per task with 10,000 loaded, against the same tasks as JSON. */
async function heapPerTask(rows: Row[]): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    rows.push({ figure: 'heap per task, 10,000 loaded', measured: 'not measured: run with node --expose-gc (npm run bench does)', baseline: '', ratio: '' });
    return;
  }
  const server = await startLightfieldServer({ tasks: 10_000, seed: 7, customFields: true });
  try {
    const provider = client(server);
    const all = await provider.listAllTasks();
    const json = JSON.stringify(all).length / all.length;
    const pages = new Map<string, (typeof all)[number][]>();
    for (const task of all) pages.set(task.status ?? '', [...(pages.get(task.status ?? '') ?? []), task]);
    // The adapter, answering lists from memory: the figure is the store's, not the network's.
    const fake: TaskProvider = Object.assign(Object.create(provider) as TaskProvider, {
      listTasks: (query: TaskQuery = {}) => {
        const list = pages.get(query.status ?? '') ?? [];
        const offset = query.offset ?? 0;
        // Copies, as answers parsed from the network are.
        const tasks = list.slice(offset, offset + (query.limit ?? 25)).map((task) => structuredClone(task));
        return Promise.resolve({ tasks, total: list.length, hasMore: offset + tasks.length < list.length });
      },
    });
    gc();
    const before = process.memoryUsage().heapUsed;
    const store = new TaskStore(() => fake, { pageSize: 10_000, statuses: ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'] });
    await store.refresh();
    gc();
    const perTask = (process.memoryUsage().heapUsed - before) / all.length;
    rows.push({
      figure: `heap per task, ${store.loadedTasks().length.toLocaleString('en')} loaded in the store`,
      measured: `${(perTask / 1024).toFixed(2)} KB`,
      baseline: `the same tasks as JSON ${(json / 1024).toFixed(2)} KB`,
      ratio: `${(perTask / json).toFixed(2)}×`,
    });
  } finally {
    await server.close();
  }
}

/** Where each input's bytes come from: its package, or `src`. */
function byPackage(outputs: Metafile['outputs'][string][]): string {
  const sizes = new Map<string, number>();
  for (const output of outputs) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const from = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'src';
      sizes.set(from, (sizes.get(from) ?? 0) + input.bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([from, bytes]) => `${from} ${kb(bytes)}`).join(', ');
}

/** The outputs a module loads before it runs: itself and what it imports statically, transitively. */
function loadedWith(meta: Metafile, starts: string[]): string[] {
  const loaded = new Set<string>();
  const next = [...starts];
  for (let file = next.pop(); file !== undefined; file = next.pop()) {
    if (loaded.has(file)) continue;
    loaded.add(file);
    for (const imported of meta.outputs[file].imports) if (imported.kind === 'import-statement' && meta.outputs[imported.path]) next.push(imported.path);
  }
  return [...loaded];
}

/**
 * Each bundle as `npm run build -- --production` makes it, with its largest contributors from esbuild's
 * metafile. The extension is split: what loads before the tree's first paint (the core, and the chosen
 * service's adapter, which the first list loads) is measured against the goal; what loads on first use beside it.
 */
function bundles(rows: Row[]): void {
  execFileSync('node', ['esbuild.mjs', '--production', '--metafile'], { cwd: ROOT, stdio: 'inherit' });
  const goal = 150 * 1024;
  const extension = JSON.parse(readFileSync(join(ROOT, 'out', 'extension.meta.json'), 'utf8')) as Metafile;
  const chunkOf = (entry: string) => Object.keys(extension.outputs).find((file) => extension.outputs[file].entryPoint === entry) ?? '';
  const core = loadedWith(extension, ['dist/extension.mjs']);
  for (const [service, adapter] of [['Lightfield', 'src/api/lightfield/client.ts'], ['Close', 'src/api/close/client.ts']]) {
    const firstPaint = loadedWith(extension, ['dist/extension.mjs', chunkOf(adapter)]);
    const bytes = firstPaint.reduce((sum, file) => sum + extension.outputs[file].bytes, 0);
    rows.push({
      figure: `extension at the tree's first paint, ${service} (the core and its adapter; ${firstPaint.length} files), minified`,
      measured: `${kb(bytes)} (${byPackage(firstPaint.map((file) => extension.outputs[file]))})`,
      baseline: `goal ${kb(goal)}`,
      ratio: `${(bytes / goal).toFixed(2)}× the goal`,
    });
  }
  // Each part loaded on first use: its entry chunk and the chunks it brings that the core does not hold.
  const parts = Object.entries(extension.outputs)
    .filter(([file, output]) => output.entryPoint && file !== 'dist/extension.mjs' && !file.endsWith('.map'))
    .map(([file, output]) => {
      const brings = loadedWith(extension, [file]).filter((each) => !core.includes(each));
      return `${output.entryPoint?.replace(/^src\//, '').replace(/\.ts$/, '')} ${kb(brings.reduce((sum, each) => sum + extension.outputs[each].bytes, 0))}`;
    });
  const everything = Object.entries(extension.outputs).filter(([file]) => !file.endsWith('.map')).reduce((sum, [, output]) => sum + output.bytes, 0);
  rows.push({ figure: 'extension, loaded on first use beside the core, minified', measured: parts.join(', '), baseline: `all of it ${kb(everything)}`, ratio: '' });
  for (const [name, figure] of [['webview', 'webview bundle, first paint'], ['markdown', 'Markdown preview, loaded on first use']] as const) {
    const meta = JSON.parse(readFileSync(join(ROOT, 'out', `${name}.meta.json`), 'utf8')) as Metafile;
    const output = meta.outputs[`dist/${name}.js`];
    rows.push({ figure: `${figure}, minified`, measured: `${kb(output.bytes)} (${byPackage([output])})`, baseline: name === 'markdown' ? '' : `goal ${kb(goal)}`, ratio: name === 'markdown' ? '' : `${(output.bytes / goal).toFixed(2)}× the goal` });
  }
}

/** The TODO scan against VS Code's own ripgrep over the same files (from code-server's VS Code, installed if missing). */
async function todoRows(rows: Row[], runs: number, corpus: string | undefined): Promise<void> {
  const rg = await findRipgrep(ensureTooling().vscodeAppRoot);
  if (!rg) {
    rows.push({ figure: 'TODO scan', measured: 'not measured: no ripgrep in code-server\'s VS Code', baseline: '', ratio: '' });
    return;
  }
  const workspaces: [string, string][] = [['generated: 2,000 files, and 20,000 in node_modules', generateWorkspace(2_000, 20_000)]];
  if (corpus) workspaces.push([corpus, resolve(corpus)]);
  for (const [name, root] of workspaces) {
    const runsOf = todoScan(rg, root);
    const found = await runsOf.scan();
    // What the scan lists against what reading every file as a document would find.
    const everyFileFinds = await runsOf.readEverything();
    // Interleaved, a scan then ripgrep alone, so both meet the same moments of a busy machine; these are short, so twice the runs.
    const scans: number[] = [];
    const alones: number[] = [];
    for (let i = 0; i < 2 * runs; i++) {
      scans.push((await timed(1, runsOf.scan)).min);
      alones.push((await timed(1, runsOf.ripgrepOnly)).min);
    }
    const [scan, alone] = [spread(scans), spread(alones)];
    const everything = await timed(runs, runsOf.readEverything);
    // What a scan that lexes what ripgrep finds cannot go below: lexing their text alone, from memory.
    const tagged = await runsOf.readFound();
    const lexing = spread(
      Array.from({ length: 2 * runs }, () => {
        const started = performance.now();
        tagged.lexOnly();
        return performance.now() - started;
      }),
    );
    rows.push({
      figure: `TODO workspace scan, ${name} (${runsOf.files.toLocaleString('en')} files after excludes, ${found} TODOs; every file read finds ${everyFileFinds})`,
      measured: `${ms(scan.min)} / ${ms(scan.median)}; without ripgrep (every file read) ${ms(everything.median)}; lexing the ${kb(tagged.bytes)} of the tagged files alone ${ms(lexing.median)}`,
      baseline: `ripgrep over the same files ${ms(alone.min)} / ${ms(alone.median)}`,
      ratio: `${(scan.median / alone.median).toFixed(2)}× ripgrep; (ripgrep + lexing) / ripgrep ${((alone.median + lexing.median) / alone.median).toFixed(2)}`,
    });
  }
}

/** Properties over documented answers (test/unit/lightfieldAnswers.test.ts, closeAnswers.test.ts) at ten times the cases `npm test` runs. */
function properties(rows: Row[]): void {
  const cases = 2000;
  for (const [service, file] of [['Lightfield', 'lightfieldAnswers'], ['Close', 'closeAnswers']]) {
    const started = performance.now();
    let held = true;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '--test', `test/unit/${file}.test.ts`], { cwd: ROOT, env: { ...process.env, PROPERTY_RUNS: String(cases) }, stdio: 'pipe' });
    } catch {
      held = false;
    }
    const seconds = (performance.now() - started) / 1000;
    rows.push({ figure: `property cases over documented ${service} answers, per property`, measured: `${cases}, ${held ? 'all held' : 'a property FAILED'} (${seconds.toFixed(1)} s)`, baseline: '200 in npm test', ratio: `${cases / 200}x` });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'todo-corpus': { type: 'string' }, only: { type: 'string' } } });
  const runs = Number(values.runs);
  const rows: Row[] = [];
  const groups: Record<string, () => unknown> = {
    bundles: () => bundles(rows),
    'round-trips': () => roundTrips(rows, runs),
    heap: () => heapPerTask(rows),
    agent: () => agentFind(rows, runs),
    todo: () => todoRows(rows, runs, values['todo-corpus']),
    list: () => listEverything(rows, runs),
    vscode: () => vscodeRows(rows, runs),
    'vscode-todo': () => vscodeRows(rows, runs, true),
    properties: () => properties(rows),
  };
  // `--only todo,vscode` runs just those groups of rows.
  const chosen = values.only?.split(',') ?? Object.keys(groups);
  for (const name of chosen) {
    if (!groups[name]) throw new Error(`no bench rows named ${name}: pick from ${Object.keys(groups).join(', ')}`);
    await groups[name]();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}`;
  const table = [
    `Machine: ${machine}; ${runs} runs per timed row.`,
    '',
    '| figure | measured | bound or baseline, same run | ratio |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.figure} | ${row.measured} | ${row.baseline} | ${row.ratio} |`),
    '',
  ].join('\n');
  console.log(table);
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results.md'), `# npm run bench\n\n${table}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
