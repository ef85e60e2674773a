import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { log, run, type Tooling } from './tooling';

const ROOT = resolve(__dirname, '..', '..');

export interface CodeServer {
  url: string;
  userDataDir: string;
  extensionsDir: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** A scratch folder for code-server's user data, extensions and XDG dirs. */
  home: string;
  workspace: string;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  /** Machine settings written before start: where a remote window reads machine-scoped settings. */
  machineSettings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host it starts. */
  env?: Record<string, string>;
  port?: number;
  /** Workspace Trust on (it is off in the other runs): the folder then opens in Restricted Mode unless trusted. */
  workspaceTrust?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function dirs(home: string) {
  const result = { userDataDir: join(home, 'user'), extensionsDir: join(home, 'extensions'), xdg: join(home, 'xdg') };
  for (const dir of Object.values(result)) mkdirSync(dir, { recursive: true });
  return result;
}

function environment(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { xdg } = dirs(home);
  // Without these, code-server writes its config into the real home folder.
  return { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: join(xdg, 'cache'), ...extra };
}

/** Installs a .vsix into the extensions folder code-server will use; returns the installed extension's folder. */
export function installVsix(tooling: Tooling, home: string, vsix: string, extensionId: string, version: string): string {
  const { extensionsDir, userDataDir } = dirs(home);
  const result = spawnSync(
    tooling.node24,
    [tooling.codeServerEntry, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir],
    { env: environment(home), encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return join(extensionsDir, `${extensionId}-${version}`);
}

/**
 * Builds the extension and the host-side scripts (out/integration, out/bench), and
 * returns the folder the extension host loads it from: the packaged .vsix installed
 * into code-server's extensions, as a user has it, or with `dev` the source folder.
 */
export function buildForHost(tooling: Tooling, home: string, dev = false): string {
  run('node', ['esbuild.mjs', '--integration'], { cwd: ROOT });
  if (dev) return ROOT;
  run('npm', ['run', '--silent', 'package'], { cwd: ROOT });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
  const installed = installVsix(tooling, home, join(ROOT, 'out', 'lightfield-tasks.vsix'), `${manifest.publisher}.${manifest.name}`, manifest.version);
  log(`installed the packaged extension into ${installed}`);
  return installed;
}

/**
 * Installs one of the tests' fixture extensions (test/fixtures/<folder>), packaged as a user has an
 * extension: the agent stand-in (a command that runs a language model tool as a chat would, so a UI
 * check sees VS Code's confirmation of a write without a model), or the bench's bare custom editor.
 */
export function installFixture(tooling: Tooling, home: string, fixture: 'agentStandIn' | 'bareCustomEditor'): void {
  const folder = join(ROOT, 'test', 'fixtures', fixture);
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
  const vsix = join(ROOT, 'out', `${manifest.name}.vsix`);
  run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: folder });
  installVsix(tooling, home, vsix, `${manifest.publisher}.${manifest.name}`, manifest.version);
}

export async function startCodeServer(tooling: Tooling, options: CodeServerOptions): Promise<CodeServer> {
  const { userDataDir, extensionsDir } = dirs(options.home);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', ...options.settings }, null, 2));
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings ?? {}, null, 2));
  const port = options.port ?? (await freePort());
  const args = [
    tooling.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--vscode-option', 'enable-smoke-test-driver',
    options.workspace,
  ];
  const child: ChildProcess = spawn(tooling.node24, args, { env: environment(options.home, options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early:\n${output.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`code-server listening on ${url}`);
  return {
    url,
    userDataDir,
    extensionsDir,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
